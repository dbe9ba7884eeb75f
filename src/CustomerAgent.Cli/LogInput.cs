using System.Globalization;
using System.Text;
using CustomerAgent.ActivityLog;
using Spectre.Console;

namespace CustomerAgent.Cli;

/// <summary>
/// The log a command reads: the file of <c>--log</c>, stdin (<c>--log -</c>), or the sample bundled inside the tool (an embedded
/// resource, so it is found from any working directory); a gzip log (its magic bytes, whatever its name) is decompressed as it
/// is read. Reads it with the strict reader, shows a progress bar on stderr when reading takes more than a second (never when
/// stderr is redirected), writes <c>--rejects</c>, and reports rejected lines the same way for every command.
/// </summary>
internal sealed class LogInput : IDisposable
{
    /// <summary>The manifest name of the bundled sample (samples/activity-log.jsonl).</summary>
    internal const string SampleResource = "CustomerAgent.Cli.activity-log.jsonl";

    /// <summary>What the messages call the bundled sample.</summary>
    internal const string SampleName = "the bundled sample (samples/activity-log.jsonl)";

    /// <summary>The <c>--log</c> value that names stdin.</summary>
    internal const string StdinPath = "-";

    private const int RejectionsShown = 20;

    private readonly Func<Stream>? _stdin;
    private FileStream? _spool;

    private LogInput(string? path, FileIdentity? identity, Func<Stream>? stdin)
    {
        Path = path;
        Identity = identity;
        _stdin = stdin;
    }

    /// <summary>What the log is (device and inode), to refuse an output that is the log under another name; null for the bundled sample or a pipe.</summary>
    internal FileIdentity? Identity { get; }

    /// <summary>The file, <c>-</c> for stdin, or null for the bundled sample.</summary>
    internal string? Path { get; }

    /// <summary>How messages name the log.</summary>
    internal string Name => Path is null ? SampleName : Path == StdinPath ? "stdin" : $"'{Path}'";

    /// <summary>
    /// The log of <paramref name="path"/>, checked before anything is read or written: it must be a readable file (or <c>-</c>, stdin).
    /// </summary>
    /// <param name="path">The <c>--log</c> value, or null.</param>
    /// <param name="io">The run: its stdin.</param>
    internal static LogInput Open(string? path, CliContext io)
    {
        if (path is null)
        {
            return new LogInput(null, null, null);
        }

        if (path.Length == 0)
        {
            throw new CliException("--log needs a file name");
        }

        if (path == StdinPath)
        {
            // stdin redirected from a file is that file: an output must not be it either
            var identity = io.StdinIsConsole && OperatingSystem.IsLinux() ? FileIdentity.Of("/dev/stdin") : null;
            return new LogInput(path, identity is { Kind: FileKind.Regular } ? identity : null, io.Stdin);
        }

        if (Directory.Exists(path))
        {
            throw new CliException(ExitCodes.CannotRead, $"cannot read the log '{path}': it is a directory, not a file");
        }

        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.CannotRead, $"cannot read the log '{path}': no such file");
        }

        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new CliException(ExitCodes.CannotRead, $"cannot read the log '{path}': {ex.Message}");
        }

        return new LogInput(path, FileIdentity.Of(path), null);
    }

    /// <summary>
    /// Reads the log with <paramref name="options"/> (facts always; aggregates as the options say), with a progress bar on
    /// <paramref name="progress"/> after one second. With <paramref name="reread"/>, a log that cannot be opened again at an
    /// offset (stdin, gzip) is copied, as read, to a temporary file deleted when the run ends, for <see cref="OpenSeekable"/>.
    /// </summary>
    internal ActivityLogResult Read(IAnsiConsole? progress, ActivityLogReaderOptions options, bool reread = false)
    {
        using var source = OpenSource();
        var length = source.CanSeek ? source.Length : 0;
        var stream = Decompressed(source, out var compressed);
        if (reread && (compressed || !stream.CanSeek))
        {
            _spool = new FileStream(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"customer-agent-{Guid.NewGuid():N}.jsonl"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            stream = new TeeStream(stream, _spool);
        }

        using var gzip = compressed ? stream : null;
        var counting = new CountingStream(stream, compressed ? source : null);
        var reading = Task.Run(() => ActivityLogReader.Read(counting, options));
        if (!Ended(reading, TimeSpan.FromSeconds(1)) && progress is not null)
        {
            progress.Progress().AutoClear(true).Start(ctx =>
            {
                var task = ctx.AddTask("reading " + Markup.Escape(TerminalText.Escape(Path ?? "sample")), maxValue: Math.Max(1, length));
                while (!Ended(reading, TimeSpan.FromMilliseconds(100)))
                {
                    task.Value = counting.BytesRead;
                }

                task.Value = task.MaxValue;
            });
        }

        try
        {
            var result = reading.GetAwaiter().GetResult();
            _spool?.Flush();
            return result;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new CliException(ExitCodes.CannotRead, $"cannot read the log {Name}: {(compressed && ex is InvalidDataException ? "gzip: " : string.Empty)}{ex.Message}");
        }
    }

    /// <summary>Whether the read ended within <paramref name="timeout"/>, failed or not (its failure is seen where its result is taken).</summary>
    private static bool Ended(Task task, TimeSpan timeout) => ((IAsyncResult)task).AsyncWaitHandle.WaitOne(timeout);

    /// <summary>The log opened again, seekable, to read single lines by offset (the first questions of the rows shown): the file, the bundled sample, or the copy made while reading stdin or a gzip log.</summary>
    internal Stream OpenSeekable()
    {
        if (_spool is not null)
        {
            return _spool;
        }

        var source = OpenSource();
        if (!source.CanSeek || IsGzip(source))
        {
            source.Dispose();
            throw new InvalidOperationException($"the log {Name} cannot be read again at an offset: read it with reread");
        }

        return source;
    }

    /// <summary>The log's lines as bytes, decompressed when it is gzip (for <c>replay</c>, which sends them as they are); the caller disposes it.</summary>
    internal Stream OpenLines() => Decompressed(OpenSource(), out _);

    /// <summary>Deletes the copy of a log that could not be read again.</summary>
    public void Dispose() => _spool?.Dispose();

    /// <summary>Whether a seekable stream starts with gzip's magic bytes (1F 8B); its position is put back.</summary>
    private static bool IsGzip(Stream seekable)
    {
        Span<byte> magic = stackalloc byte[2];
        var position = seekable.Position;
        var n = seekable.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        seekable.Position = position;
        return n == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    /// <summary>The log's bytes: <paramref name="source"/> itself, or decompressed when it starts with gzip's magic bytes (streaming; concatenated members too).</summary>
    private static Stream Decompressed(Stream source, out bool compressed)
    {
        Stream peeked;
        if (source.CanSeek)
        {
            compressed = IsGzip(source);
            peeked = source;
        }
        else
        {
            var magic = new byte[2];
            var n = source.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            compressed = n == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
            peeked = new PrefixedStream(magic.AsMemory(0, n), source);
        }

        return compressed ? new System.IO.Compression.GZipStream(peeked, System.IO.Compression.CompressionMode.Decompress, leaveOpen: true) : peeked;
    }

    private Stream OpenSource()
    {
        if (Path is null)
        {
            return typeof(LogInput).Assembly.GetManifestResourceStream(SampleResource)
                ?? throw new InvalidOperationException($"the bundled sample resource {SampleResource} is missing from the tool");
        }

        if (Path == StdinPath)
        {
            return new PrefixedStream(ReadOnlyMemory<byte>.Empty, _stdin!()); // never seekable, never closed by the tool
        }

        try
        {
            return new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.CannotRead, $"cannot read the log {Name}: {ex.Message}");
        }
    }

    /// <summary>
    /// The same handling of rejected lines for every command: fails on an empty log, writes the rejects file, lists the
    /// rejected lines on stderr, and with <paramref name="strict"/> stops at the first. Returns the exit code the command
    /// ends with when it goes on (0 or 1), or throws when it must stop.
    /// </summary>
    internal int HandleRejections(ActivityLogResult log, string? rejectsPath, bool strict, TextWriter stderr, OutputFiles outputs)
    {
        if (log.LineCount == log.SkippedLineCount)
        {
            throw new CliException(ExitCodes.EmptyLog, log.LineCount == 0
                ? $"the log {Name} is empty: it holds no line, so there is nothing to report"
                : $"the log {Name} is empty: its {log.LineCount} lines are all blank or comments, so there is nothing to report");
        }

        var rejected = strict ? log.Rejections.Take(1).ToList() : log.Rejections.ToList();
        if (rejectsPath is not null)
        {
            WriteRejects(outputs, rejectsPath, rejected);
        }

        if (rejected.Count == 0)
        {
            return ExitCodes.Ok;
        }

        var inv = CultureInfo.InvariantCulture;
        if (strict)
        {
            var first = rejected[0];
            if (rejectsPath is not null)
            {
                outputs.Commit(rejectsPath); // the line --strict stopped at is kept, as the message says
            }

            throw new CliException(ExitCodes.Rejected, string.Create(inv, $"--strict: stopped at the first rejected line of {Name}, line {first.LineNumber}: {OneLine(first.Reason)}")
                + (rejectsPath is null ? string.Empty : $" (kept in '{rejectsPath}')"));
        }

        stderr.WriteLine(string.Create(inv, $"customer-agent: {rejected.Count} of {log.LineCount} lines of {Name} rejected") +
            (rejectsPath is null ? "; --rejects FILE keeps every one verbatim" : $"; kept verbatim in '{rejectsPath}'") + ":");
        foreach (var r in rejected.Take(RejectionsShown))
        {
            stderr.WriteLine(string.Create(inv, $"  line {r.LineNumber}: {OneLine(r.Reason)}"));
        }

        if (rejected.Count > RejectionsShown)
        {
            stderr.WriteLine(string.Create(inv, $"  … and {rejected.Count - RejectionsShown} more"));
        }

        return ExitCodes.Rejected;
    }

    /// <summary>
    /// The rejects file: for every rejected line, a comment line <c># line N: reason</c> then the line verbatim, byte for byte.
    /// The log format skips comment lines, so the file can be fixed and read again as a log.
    /// </summary>
    internal static void WriteRejects(OutputFiles outputs, string path, IReadOnlyList<RejectedLine> rejected)
    {
        try
        {
            using var file = new BufferedStream(outputs.Stream(path), 1 << 16);
            foreach (var r in rejected)
            {
                file.Write(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"# line {r.LineNumber}: {OneLine(r.Reason)}\n")));
                file.Write(r.Bytes.Span);
                file.WriteByte((byte)'\n');
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.CannotRead, $"cannot write the rejects file '{path}': {ex.Message}");
        }
    }

    private static string OneLine(string reason) => reason.ReplaceLineEndings(" ");

    /// <summary>A forward-only, read-only stream: what the log's wrappers share (no length, no seeking, no writing).</summary>
    private abstract class ReadOnlyStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public abstract override int Read(Span<byte> buffer);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A read-only stream that counts the bytes read, for the progress bar (of the compressed file when <paramref name="compressed"/> is given).</summary>
    private sealed class CountingStream(Stream inner, Stream? compressed) : ReadOnlyStream
    {
        private long _read;

        public long BytesRead => compressed is not null && compressed.CanSeek ? compressed.Position : Interlocked.Read(ref _read);

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();


        private int Count(int n)
        {
            Interlocked.Add(ref _read, n);
            return n;
        }
    }

    /// <summary>A read-only stream of some bytes already read (a peeked prefix), then the rest of another stream, which it never closes.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream inner) : ReadOnlyStream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override int Read(Span<byte> buffer)
        {
            if (_prefix.IsEmpty)
            {
                return inner.Read(buffer);
            }

            var n = Math.Min(buffer.Length, _prefix.Length);
            _prefix.Span[..n].CopyTo(buffer);
            _prefix = _prefix[n..];
            return n;
        }

    }

    /// <summary>A read-only stream that copies every byte read to a second stream (the copy of a log that cannot be read again).</summary>
    private sealed class TeeStream(Stream inner, Stream copy) : ReadOnlyStream
    {
        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            copy.Write(buffer[..n]);
            return n;
        }

    }
}
