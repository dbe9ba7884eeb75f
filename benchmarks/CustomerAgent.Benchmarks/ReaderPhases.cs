using System.Diagnostics;
using CustomerAgent.ActivityLog;

namespace CustomerAgent.Benchmarks;

/// <summary><c>reader-phases FILE</c>: single-thread CPU of the reader's parse stage alone and of the whole read, to see where time goes.</summary>
internal static class ReaderPhases
{
    internal static int Run(string file)
    {
        var bytes = File.ReadAllBytes(file);
        if (Environment.GetEnvironmentVariable("READER_PHASES_PARALLEL_ONLY") is not null)
        {
            return ParallelTimeline(bytes);
        }

        if (Environment.GetEnvironmentVariable("READER_PHASES_STRICT") is not null)
        {
            var cpuStrict = Process.GetCurrentProcess().TotalProcessorTime;
            ParseAll(bytes, fast: false);
            Console.WriteLine(FormattableString.Invariant($"CPU: parse, strict path only {(Process.GetCurrentProcess().TotalProcessorTime - cpuStrict).TotalSeconds:F2} s"));
        }

        var clock = Stopwatch.StartNew();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated0 = GC.GetTotalAllocatedBytes(precise: true);
        var lines = ParseAll(bytes, fast: true);

        var parse = clock.Elapsed.TotalSeconds;
        var cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated1 = GC.GetTotalAllocatedBytes(precise: true);
        if (Environment.GetEnvironmentVariable("READER_PHASES_PARSE_ONLY") is not null)
        {
            Console.WriteLine(FormattableString.Invariant($"CPU: parse {(cpu1 - cpu0).TotalSeconds:F2} s"));
            return 0;
        }

        clock.Restart();
        var result = ActivityLogReader.Read(new MemoryStream(bytes), new ActivityLogReaderOptions { MaxDegreeOfParallelism = 1 });
        var all = clock.Elapsed.TotalSeconds;
        var cpu2 = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated2 = GC.GetTotalAllocatedBytes(precise: true);
        Console.WriteLine(FormattableString.Invariant($"CPU: parse {(cpu1 - cpu0).TotalSeconds:F2} s, whole read (1 thread) {(cpu2 - cpu1).TotalSeconds:F2} s; allocated: parse {(allocated1 - allocated0) / 1e6:F0} MB, whole read {(allocated2 - allocated1) / 1e6:F0} MB"));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var gcs = GC.CollectionCount(0);
        var pause = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes();
        clock.Restart();
        var parallel = ActivityLogReader.Read(new MemoryStream(bytes));
        var counts = parallel.Accounts.Sum(a => a.CountByChannelAndStatus(parallel.LatestInstant!.Value).Total.Total);
        Console.WriteLine(FormattableString.Invariant($"parallel read + counts: {clock.Elapsed.TotalSeconds:F2} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s CPU, {GC.CollectionCount(0) - gcs} gen0 GCs ({GC.CollectionCount(2)} gen2 in all), GC pause {(GC.GetTotalPauseDuration() - pause).TotalSeconds:F2} s, allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1e6:F0} MB; volume {counts}"));
        Console.WriteLine(FormattableString.Invariant($"{lines:N0} lines: parse {parse:F2} s, whole read (1 thread) {all:F2} s, so apply ≈ {all - parse:F2} s; {result.ConversationCount:N0} conversations, state {result.StateBytes / 1e6:F0} MB = {(double)result.StateBytes / result.ConversationCount:F0} B/conversation"));
        return 0;
    }

    /// <summary>The parallel read alone, twice (the first warms up), with the cores used per 200 ms and the time of each step.</summary>
    private static int ParallelTimeline(byte[] bytes)
    {
        for (var round = 0; round < 2; round++)
        {
            var samples = new List<double>();
            using var stop = new CancellationTokenSource();
            var sampler = Task.Factory.StartNew(() =>
            {
                var last = Process.GetCurrentProcess().TotalProcessorTime;
                while (!stop.IsCancellationRequested)
                {
                    Thread.Sleep(200);
                    var now = Process.GetCurrentProcess().TotalProcessorTime;
                    samples.Add((now - last).TotalSeconds / 0.2);
                    last = now;
                }
            }, TaskCreationOptions.LongRunning);
            var clock = Stopwatch.StartNew();
            var result = ActivityLogReader.Read(new MemoryStream(bytes));
            var read = clock.Elapsed.TotalSeconds;
            var counts = result.Accounts.Sum(a => a.CountByChannelAndStatus(result.LatestInstant!.Value).Total.Total);
            var all = clock.Elapsed.TotalSeconds;
            stop.Cancel();
            sampler.Wait();
            Console.WriteLine(FormattableString.Invariant($"round {round + 1}: read {read:F2} s, counts {all - read:F2} s (volume {counts}); cores used per 200 ms: {string.Join(" ", samples.Select(x => x.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}"));
        }

        return 0;
    }

    /// <summary>The parse stage alone over the whole file, one 4 MiB chunk at a time on this thread, as the lean reader runs it (profiles validated, not kept); the number of lines.</summary>
    private static long ParseAll(byte[] bytes, bool fast)
    {
        var chunk = new Chunk(1 << 22, 1 << 14, 1 << 16) { KeepProfiles = false };
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
            LineParser.ParseChunk(chunk, fast);
            lines += chunk.TotalLines;
            position += end;
        }

        return lines;
    }
}
