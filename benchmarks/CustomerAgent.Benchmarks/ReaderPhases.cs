using System.Diagnostics;
using CustomerAgent.ActivityLog;

namespace CustomerAgent.Benchmarks;

/// <summary><c>reader-phases FILE</c>: single-thread CPU of the reader's parse stage alone and of the whole read, to see where time goes.</summary>
internal static class ReaderPhases
{
    internal static int Run(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var clock = Stopwatch.StartNew();
        var chunk = new Chunk();
        var position = 0;
        long lines = 0;
        while (position < bytes.Length)
        {
            var size = Math.Min(1 << 22, bytes.Length - position);
            var end = bytes.AsSpan(position, size).LastIndexOf((byte)'\n') + 1;
            end = end == 0 ? size : end;
            chunk.Reset();
            Array.Copy(bytes, position, chunk.Data, 0, end);
            chunk.DataLength = end;
            LineParser.ParseChunk(chunk);
            lines += chunk.TotalLines;
            position += end;
        }

        var parse = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var result = ActivityLogReader.Read(new MemoryStream(bytes), new ActivityLogReaderOptions { MaxDegreeOfParallelism = 1 });
        var all = clock.Elapsed.TotalSeconds;
        Console.WriteLine(FormattableString.Invariant($"{lines:N0} lines: parse {parse:F2} s, whole read (1 thread) {all:F2} s, so apply ≈ {all - parse:F2} s; {result.ConversationCount:N0} conversations, state {result.StateBytes / 1e6:F0} MB = {(double)result.StateBytes / result.ConversationCount:F0} B/conversation"));
        return 0;
    }
}
