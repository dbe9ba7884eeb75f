namespace CustomerAgent.ActivityLog;

/// <summary>
/// Splits a stream into chunks of whole lines (a line longer than a chunk grows the chunk), skipping a UTF-8 byte order mark
/// at the very start. <see cref="Next"/> is called by one thread at a time; <see cref="Rent"/> and <see cref="Return"/> are
/// thread-safe, so chunks can be applied on another thread and handed back for reuse.
/// </summary>
internal sealed class ChunkReader(Stream stream, int chunkSize, bool keepProfiles)
{
    private readonly System.Collections.Concurrent.ConcurrentBag<Chunk> _free = [];
    private byte[] _carry = [];
    private int _carryLength;
    private long _offset;
    private bool _first = true;
    private bool _eof;

    /// <summary>A chunk to fill: a returned one, or a new one.</summary>
    public Chunk Rent() => _free.TryTake(out var chunk) ? chunk : new Chunk { Data = new byte[Math.Max(chunkSize, 16)], KeepProfiles = keepProfiles };

    /// <summary>Hands a chunk back once applied.</summary>
    public void Return(Chunk chunk) => _free.Add(chunk);

    /// <summary>Fills <paramref name="chunk"/> with the next whole lines; null (the chunk returned) at the end of the stream.</summary>
    public Chunk? Next(Chunk chunk)
    {
        if (_eof && _carryLength == 0)
        {
            Return(chunk);
            return null;
        }

        chunk.Reset();
        if (chunk.Data.Length < _carryLength * 2)
        {
            chunk.Data = new byte[_carryLength * 2];
        }

        _carry.AsSpan(0, _carryLength).CopyTo(chunk.Data);
        var length = _carryLength;
        int end;
        while (true)
        {
            length += Fill(chunk.Data.AsSpan(length));
            if (_first && length >= 3 && chunk.Data[0] == 0xEF && chunk.Data[1] == 0xBB && chunk.Data[2] == 0xBF)
            {
                chunk.Data.AsSpan(3, length - 3).CopyTo(chunk.Data);
                length -= 3;
                _offset = 3;
            }

            _first = _first && length < 3 && !_eof;
            end = chunk.Data.AsSpan(0, length).LastIndexOf((byte)'\n') + 1;
            if (_eof)
            {
                end = length;
                break;
            }

            if (end > 0)
            {
                break;
            }

            Array.Resize(ref chunk.Data, chunk.Data.Length * 2);
        }

        _carryLength = length - end;
        if (_carry.Length < _carryLength)
        {
            _carry = new byte[Math.Max(_carryLength, _carry.Length * 2)];
        }

        chunk.Data.AsSpan(end, _carryLength).CopyTo(_carry);
        chunk.DataLength = end;
        chunk.BaseOffset = _offset;
        _offset += end;
        if (end == 0)
        {
            Return(chunk);
            return null;
        }

        return chunk;
    }

    private int Fill(Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer[total..]);
            if (n == 0)
            {
                _eof = true;
                return total;
            }

            total += n;
        }

        return total;
    }
}
