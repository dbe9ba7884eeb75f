namespace CustomerAgent.ActivityLog;

/// <summary>
/// Reads an activity log (UTF-8 JSON Lines, docs/activity-log.md) in one streaming pass, strictly: every line is applied
/// through the rules or rejected verbatim with its line number and reason, and the rest of the log is still processed.
/// </summary>
/// <remarks>
/// <para>
/// <b>Pipeline.</b> A reading task splits the stream into chunks of whole lines; chunks are parsed in parallel
/// (<see cref="ActivityLogReaderOptions.MaxDegreeOfParallelism"/>; a hand-written scanner for the common line, with
/// <see cref="System.Text.Json.Utf8JsonReader"/> on the raw bytes as the strict path for anything else) and applied on the
/// calling thread in file order, so each conversation sees its lines in order. With a parallelism of 1 everything runs on the
/// calling thread.
/// </para>
/// <para>
/// <b>Memory</b> grows with the number of conversations (a fixed-size state each, plus its distinct tags and recommendations),
/// not with the number of lines: texts are not kept unless <see cref="ActivityLogReaderOptions.KeepConversations"/> is set.
/// </para>
/// <para>A UTF-8 byte order mark at the start of the stream is skipped. Thread-safe: each call has its own state.</para>
/// </remarks>
public static class ActivityLogReader
{
    /// <summary>
    /// The longest line the reader reads: 64 MiB (67,108,864 bytes), its <c>\n</c> included, far more than any real line. A
    /// longer line is rejected with its line number and real length (only its first bytes are kept in
    /// <see cref="RejectedLine.Bytes"/>) and the reading goes on after it; a line still without an end after 4 GiB (an endless
    /// stream such as <c>/dev/zero</c>) stops the read with an <see cref="InvalidDataException"/>.
    /// </summary>
    public const int MaxLineLength = 64 << 20;

    /// <summary>Reads a whole log from <paramref name="stream"/>.</summary>
    /// <param name="stream">The log; read to its end, not closed.</param>
    /// <param name="options">How to read; <see cref="ActivityLogReaderOptions.Default"/> when null.</param>
    /// <returns>What the log holds and every rejected line.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="IOException">Reading the stream failed.</exception>
    /// <exception cref="InvalidDataException">A line has no end after 4 GiB: the stream is not a log of lines (<see cref="MaxLineLength"/>).</exception>
    public static ActivityLogResult Read(Stream stream, ActivityLogReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= ActivityLogReaderOptions.Default;
        var parallel = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount;
        var applier = new Applier(options);
        long nextLine = 1;
        var largest = Math.Min(options.ChunkSize, options.MaxLineLength);
        var chunkSize = ChunkSizeFor(stream, largest);
        // Stryker disable once Logical,Boolean,Equality : one thread or a reading thread beside the applying one give the same result (NothingLostTests: any chunk size and parallelism)
        if (parallel == 1 || chunkSize < largest)
        {
            // one thread, or a log that fits in one chunk (nothing to overlap: no reading thread to start)
            var chunks = NewChunkReader(stream, chunkSize, options);
            try
            {
                while (chunks.Next(chunks.Rent()) is { } chunk)
                {
                    LineParser.ParseChunk(chunk);
                    applier.ApplyChunk(chunk, nextLine);
                    nextLine += chunk.TotalLines;
                    // Stryker disable once Statement : handing an applied chunk back for reuse; without it the next one is allocated
                    chunks.Return(chunk);
                }
            }
            catch (UnendedLineException ex)
            {
                throw Unended(ex, nextLine);
            }

            return applier.Finish();
        }

        // A reading task splits the stream into chunks of whole lines and starts each chunk's parse task, so reading overlaps
        // parsing and applying; the calling thread applies the parsed chunks in file order.
        using var queue = new System.Collections.Concurrent.BlockingCollection<(Task Parse, Chunk Chunk)>(parallel);
        var reader = NewChunkReader(stream, chunkSize, options);
        // Its own thread, not a pool thread: it blocks while the queue is full, and on a pool of two threads (2 cores) it would
        // leave one thread to parse until the pool grows, which takes about a second (measured: docs/performance.md).
        var reading = Task.Factory.StartNew(() =>
        {
            try
            {
                while (reader.Next(reader.Rent()) is { } chunk)
                {
                    var captured = chunk;
                    queue.Add((Task.Run(() => LineParser.ParseChunk(captured)), captured));
                }
            }
            catch (InvalidOperationException) when (queue.IsAddingCompleted)
            {
                // the applying thread stopped (it failed): stop reading
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            try
            {
                foreach (var (parse, chunk) in queue.GetConsumingEnumerable())
                {
                    parse.GetAwaiter().GetResult();
                    applier.ApplyChunk(chunk, nextLine);
                    nextLine += chunk.TotalLines;
                    // Stryker disable once Statement : handing an applied chunk back for reuse; without it the next one is allocated
                    reader.Return(chunk);
                }
            }
            finally
            {
                queue.CompleteAdding();
                reading.GetAwaiter().GetResult();
            }
        }
        catch (UnendedLineException ex)
        {
            // every chunk before the unended line was applied: nextLine is its number
            throw Unended(ex, nextLine);
        }

        return applier.Finish();
    }

    private static ChunkReader NewChunkReader(Stream stream, int chunkSize, ActivityLogReaderOptions options) =>
        new(stream, chunkSize, options.KeepConversations, options.MaxLineLength, options.UnendedLineLimit);

    /// <summary>
    /// The chunk size: <paramref name="chunkSize"/>, or less for a stream that says it holds less (a seekable stream's bytes left,
    /// and one more so the first read meets its end), so a small log does not cost the megabytes a large one reads in.
    /// </summary>
    internal static int ChunkSizeFor(Stream stream, int chunkSize)
    {
        if (!stream.CanSeek)
        {
            return chunkSize;
        }

        var left = stream.Length - stream.Position;
        return left < chunkSize ? (int)Math.Max(left + 1, 16) : chunkSize;
    }

    private static InvalidDataException Unended(UnendedLineException ex, long lineNumber) =>
        new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"line {lineNumber} (at byte {ex.Offset:N0}) has no end after {ex.Length:N0} bytes: this is not a log of lines (an endless stream?); a line may be at most {MaxLineLength:N0} bytes"), ex);

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

    /// <summary>
    /// The shopper's opening message of a conversation (R18's first question), read again from its opening line: the reader keeps
    /// no texts, so a host shows the first questions of the rows it prints this way.
    /// </summary>
    /// <param name="stream">A seekable stream over the same log.</param>
    /// <param name="conversation">The conversation.</param>
    /// <returns>The opening message's text.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="NotSupportedException">The stream cannot seek.</exception>
    /// <exception cref="InvalidDataException">The line at the conversation's offset is not its opening line (another log).</exception>
    public static string ReadOpeningMessage(Stream stream, ConversationSummary conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var line = ReadLineAt(stream, conversation.OpeningLineOffset);
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.TryGetProperty("conversation", out var id) && id.GetString() == conversation.Id.Value
                && root.TryGetProperty("text", out var text) && text.GetString() is { } value)
            {
                return value;
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        throw new InvalidDataException($"the line at byte {conversation.OpeningLineOffset} is not the opening line of conversation {CustomerAgentException.Cut(conversation.Id.Value)}: read the same log the summary came from");
    }
}
