namespace CustomerAgent.ActivityLog;

/// <summary>
/// Splits a stream into chunks of whole lines (a line longer than a chunk grows the chunk, up to the maximum line length),
/// skipping a UTF-8 byte order mark at the very start. A line with no end within the maximum line length is not kept: its
/// first <see cref="OverlongKeptBytes"/> bytes make a chunk of their own, marked with the line's real length (the parse stage
/// rejects it), and the rest is skipped up to the line's end; a line still without an end after
/// <paramref name="unendedLimit"/> bytes stops the read (<see cref="UnendedLineException"/>). <see cref="Next"/> is called by
/// one thread at a time; <see cref="Rent"/> and <see cref="Return"/> are thread-safe, so chunks can be applied on another
/// thread and handed back for reuse.
/// </summary>
internal sealed class ChunkReader(Stream stream, int chunkSize, bool keepProfiles, int maxLineLength, long unendedLimit)
{
    /// <summary>How many bytes of an over-long line are kept for its rejection (and the rejects file).</summary>
    internal const int OverlongKeptBytes = 1024;

    private readonly System.Collections.Concurrent.ConcurrentBag<Chunk> _free = [];
    private byte[] _carry = [];
    private int _carryLength;
    private long _offset;
    private bool _first = true;
    private bool _eof;

    /// <summary>A chunk to fill: a returned one, or a new one (its line and value arrays sized for the chunk: they grow as needed).</summary>
    public Chunk Rent() => _free.TryTake(out var chunk)
        ? chunk
        : new Chunk(Math.Max(chunkSize, 16), Math.Clamp(chunkSize / 64, 16, 1 << 14), Math.Clamp(chunkSize, 256, 1 << 16)) { KeepProfiles = keepProfiles };

    /// <summary>Hands a chunk back once applied.</summary>
    public void Return(Chunk chunk) => _free.Add(chunk);

    /// <summary>Fills <paramref name="chunk"/> with the next whole lines; null (the chunk returned) at the end of the stream.</summary>
    /// <exception cref="UnendedLineException">A line has no end after the limit (an endless stream such as /dev/zero).</exception>
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
            // room for the carried part of a line and as much again, within the maximum line length
            chunk.Data = new byte[Math.Max(_carryLength + 1, (int)Math.Min(_carryLength * 2L, Math.Max(maxLineLength, chunkSize)))];
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

            if (length >= maxLineLength)
            {
                // the chunk starts with a line that has no end within the maximum length (the buffer is full, no '\n')
                return Overlong(chunk, length);
            }

            Array.Resize(ref chunk.Data, (int)Math.Min(chunk.Data.Length * 2L, Math.Max(maxLineLength, chunk.Data.Length + 1)));
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

    /// <summary>
    /// The chunk's first <paramref name="length"/> bytes are the start of a line longer than the maximum: keeps its first bytes as
    /// a chunk of one line marked with the line's real length, and skips the rest of it, up to and including its <c>\n</c>.
    /// </summary>
    private Chunk Overlong(Chunk chunk, int length)
    {
        var kept = chunk.Data.AsSpan(0, Math.Min(OverlongKeptBytes, length)).ToArray();
        long lineLength = length;
        var terminated = false;
        var scratch = chunk.Data;
        while (!terminated)
        {
            var n = stream.Read(scratch);
            if (n == 0)
            {
                _eof = true;
                break;
            }

            var newline = scratch.AsSpan(0, n).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                lineLength += newline;
                terminated = true;
                _carryLength = n - newline - 1;
                if (_carry.Length < _carryLength)
                {
                    _carry = new byte[_carryLength];
                }

                scratch.AsSpan(newline + 1, _carryLength).CopyTo(_carry);
                break;
            }

            lineLength += n;
            if (lineLength > unendedLimit)
            {
                throw new UnendedLineException(_offset, lineLength);
            }
        }

        if (!terminated)
        {
            _carryLength = 0;
        }

        kept.CopyTo(chunk.Data, 0);
        chunk.DataLength = kept.Length;
        chunk.OverlongLength = lineLength;
        chunk.BaseOffset = _offset;
        _offset += lineLength + (terminated ? 1 : 0);
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

/// <summary>A line has no end after the reader's limit: the stream is not a log of lines (an endless stream such as /dev/zero).</summary>
internal sealed class UnendedLineException(long offset, long length) : Exception
{
    /// <summary>The byte offset the line starts at.</summary>
    public long Offset { get; } = offset;

    /// <summary>How many bytes were read without a line end.</summary>
    public long Length { get; } = length;
}
