using System.Globalization;
using System.Text;
using CustomerAgent.ActivityLog;
using Spectre.Console;

namespace CustomerAgent.Cli;

/// <summary>
/// The log a command reads: the file of <c>--log</c>, or the sample bundled inside the tool (an embedded resource, so it is
/// found from any working directory). Reads it with the strict reader, shows a progress bar on stderr when reading takes
/// more than a second (never when stderr is redirected), writes <c>--rejects</c>, and reports rejected lines the same way for
/// every command.
/// </summary>
internal sealed class LogInput
{
    /// <summary>The manifest name of the bundled sample (samples/activity-log.jsonl).</summary>
    internal const string SampleResource = "CustomerAgent.Cli.activity-log.jsonl";

    /// <summary>What the messages call the bundled sample.</summary>
    internal const string SampleName = "the bundled sample (samples/activity-log.jsonl)";

    private const int RejectionsShown = 20;

    private LogInput(string? path, FileIdentity? identity)
    {
        Path = path;
        Identity = identity;
    }

    /// <summary>What the log is (device and inode), to refuse an output that is the log under another name; null for the bundled sample.</summary>
    internal FileIdentity? Identity { get; }

    /// <summary>The file, or null for the bundled sample.</summary>
    internal string? Path { get; }

    /// <summary>How messages name the log.</summary>
    internal string Name => Path is null ? SampleName : $"'{Path}'";

    /// <summary>The log of <paramref name="path"/>, checked before anything is read or written: it must be a readable file.</summary>
    internal static LogInput Open(string? path)
    {
        if (path is null)
        {
            return new LogInput(null, null);
        }

        if (path.Length == 0)
        {
            throw new CliException("--log needs a file name");
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

        return new LogInput(path, FileIdentity.Of(path));
    }

    /// <summary>Reads the log with <paramref name="options"/> (facts always; aggregates as the options say), with a progress bar on <paramref name="progress"/> after one second.</summary>
    internal ActivityLogResult Read(IAnsiConsole? progress, ActivityLogReaderOptions options)
    {
        using var stream = OpenStream();
        var counting = new CountingStream(stream);
        var reading = Task.Run(() => ActivityLogReader.Read(counting, options));
        if (!reading.Wait(TimeSpan.FromSeconds(1)) && progress is not null)
        {
            var length = stream.CanSeek ? stream.Length : 0;
            progress.Progress().AutoClear(true).Start(ctx =>
            {
                var task = ctx.AddTask("reading " + Markup.Escape(TerminalText.Escape(Path ?? "sample")), maxValue: Math.Max(1, length));
                while (!reading.Wait(TimeSpan.FromMilliseconds(100)))
                {
                    task.Value = counting.BytesRead;
                }

                task.Value = task.MaxValue;
            });
        }

        try
        {
            return reading.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new CliException(ExitCodes.CannotRead, $"cannot read the log {Name}: {ex.Message}");
        }
    }

    /// <summary>The log opened again, seekable, to read single lines by offset (the first questions of the rows shown).</summary>
    internal Stream OpenSeekable() => OpenStream();

    private Stream OpenStream()
    {
        if (Path is null)
        {
            return typeof(LogInput).Assembly.GetManifestResourceStream(SampleResource)
                ?? throw new InvalidOperationException($"the bundled sample resource {SampleResource} is missing from the tool");
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

    /// <summary>A read-only stream that counts the bytes read, for the progress bar.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        private long _read;

        public long BytesRead => Interlocked.Read(ref _read);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int n)
        {
            Interlocked.Add(ref _read, n);
            return n;
        }
    }
}
