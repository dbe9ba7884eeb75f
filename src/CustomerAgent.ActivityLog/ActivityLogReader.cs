namespace CustomerAgent.ActivityLog;

/// <summary>
/// Reads an activity log (UTF-8 JSON Lines, docs/activity-log.md) in one streaming pass, strictly: every line is applied
/// through the rules or rejected verbatim with its line number and reason, and the rest of the log is still processed.
/// </summary>
/// <remarks>
/// <para>
/// <b>Pipeline.</b> The calling thread reads the stream in chunks of whole lines; chunks are parsed in parallel
/// (<see cref="ActivityLogReaderOptions.MaxDegreeOfParallelism"/>, <see cref="System.Text.Json.Utf8JsonReader"/> on the raw
/// bytes) and applied on the calling thread in file order, so each conversation sees its lines in order.
/// </para>
/// <para>
/// <b>Memory</b> grows with the number of conversations (a fixed-size state each, plus its distinct tags and recommendations),
/// not with the number of lines: texts are not kept unless <see cref="ActivityLogReaderOptions.KeepConversations"/> is set.
/// </para>
/// <para>A UTF-8 byte order mark at the start of the stream is skipped. Thread-safe: each call has its own state.</para>
/// </remarks>
public static class ActivityLogReader
{
    /// <summary>Reads a whole log from <paramref name="stream"/>.</summary>
    /// <param name="stream">The log; read to its end, not closed.</param>
    /// <param name="options">How to read; <see cref="ActivityLogReaderOptions.Default"/> when null.</param>
    /// <returns>What the log holds and every rejected line.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="IOException">Reading the stream failed.</exception>
    public static ActivityLogResult Read(Stream stream, ActivityLogReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= ActivityLogReaderOptions.Default;
        var parallel = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount;
        var applier = new Applier(options);
        var free = new Stack<Chunk>();
        var inflight = new Queue<(Task Task, Chunk Chunk)>();
        var carry = Array.Empty<byte>();
        var carryLength = 0;
        long offset = 0;
        long nextLine = 1;
        var first = true;
        var eof = false;

        void ApplyOldest()
        {
            var (task, chunk) = inflight.Dequeue();
            try
            {
                task.GetAwaiter().GetResult();
            }
            finally
            {
                // keep the order even if a parse failed unexpectedly
            }

            applier.ApplyChunk(chunk, nextLine);
            nextLine += chunk.TotalLines;
            free.Push(chunk);
        }

        while (!eof)
        {
            var chunk = free.Count > 0 ? free.Pop() : new Chunk { Data = new byte[Math.Max(options.ChunkSize, 16)] };
            chunk.Reset();
            if (chunk.Data.Length < carryLength * 2)
            {
                chunk.Data = new byte[carryLength * 2];
            }

            carry.AsSpan(0, carryLength).CopyTo(chunk.Data);
            var length = carryLength;
            int end;
            while (true)
            {
                length += Fill(stream, chunk.Data.AsSpan(length), out eof);
                if (first && length >= 3 && chunk.Data[0] == 0xEF && chunk.Data[1] == 0xBB && chunk.Data[2] == 0xBF)
                {
                    chunk.Data.AsSpan(3, length - 3).CopyTo(chunk.Data);
                    length -= 3;
                    offset = 3;
                }

                first = first && length < 3 && !eof;
                end = chunk.Data.AsSpan(0, length).LastIndexOf((byte)'\n') + 1;
                if (eof)
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

            carryLength = length - end;
            if (carry.Length < carryLength)
            {
                carry = new byte[Math.Max(carryLength, carry.Length * 2)];
            }

            chunk.Data.AsSpan(end, carryLength).CopyTo(carry);
            chunk.DataLength = end;
            chunk.BaseOffset = offset;
            offset += end;
            if (end == 0)
            {
                free.Push(chunk);
                break;
            }

            if (parallel == 1)
            {
                LineParser.ParseChunk(chunk);
                applier.ApplyChunk(chunk, nextLine);
                nextLine += chunk.TotalLines;
                free.Push(chunk);
                continue;
            }

            var captured = chunk;
            inflight.Enqueue((Task.Run(() => LineParser.ParseChunk(captured)), captured));
            while (inflight.Count > parallel)
            {
                ApplyOldest();
            }
        }

        while (inflight.Count > 0)
        {
            ApplyOldest();
        }

        return applier.Finish();
    }

    /// <summary>Reads a whole log from a file (see <see cref="Read(Stream, ActivityLogReaderOptions?)"/>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">How to read; <see cref="ActivityLogReaderOptions.Default"/> when null.</param>
    /// <returns>What the log holds and every rejected line.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ActivityLogResult ReadFile(string path, ActivityLogReaderOptions? options = null)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return Read(file, options);
    }

    /// <summary>The bytes of the line that starts at <paramref name="offset"/> (such as <see cref="ConversationSummary.OpeningLineOffset"/>), without its terminator.</summary>
    /// <param name="stream">A seekable stream over the same log.</param>
    /// <param name="offset">The line's byte offset.</param>
    /// <returns>The line's bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="NotSupportedException">The stream cannot seek.</exception>
    public static byte[] ReadLineAt(Stream stream, long offset)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Seek(offset, SeekOrigin.Begin);
        using var buffer = new MemoryStream();
        int b;
        while ((b = stream.ReadByte()) >= 0 && b != '\n')
        {
            buffer.WriteByte((byte)b);
        }

        var bytes = buffer.ToArray();
        return bytes.Length > 0 && bytes[^1] == '\r' ? bytes[..^1] : bytes;
    }

    private static int Fill(Stream stream, Span<byte> buffer, out bool eof)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer[total..]);
            if (n == 0)
            {
                eof = true;
                return total;
            }

            total += n;
        }

        eof = false;
        return total;
    }
}
