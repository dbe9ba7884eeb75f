using System.Diagnostics;
using System.Globalization;

namespace CustomerAgent.Benchmarks;

/// <summary>How the compare modes time a contender: warm-up runs, then <c>runs</c> timed runs, the median.</summary>
internal static class Timing
{
    /// <summary>One warm-up run, then <paramref name="runs"/> timed runs; the median.</summary>
    internal static TimeSpan Median<T>(int runs, Func<T> run) => Median(runs, run, warmups: 1, out _);

    /// <summary>
    /// <paramref name="warmups"/> untimed runs (JIT tiers and the GC's heap size settle: the steady state a host calling again
    /// and again sees), then <paramref name="runs"/> timed runs; the median, and every timed run in order in <paramref name="samples"/>.
    /// </summary>
    internal static TimeSpan Median<T>(int runs, Func<T> run, int warmups, out TimeSpan[] samples)
    {
        for (var w = 0; w < warmups; w++)
        {
            GC.KeepAlive(run());
        }

        samples = new TimeSpan[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            GC.KeepAlive(run());
            samples[i] = Stopwatch.GetElapsedTime(start);
        }

        var sorted = (TimeSpan[])samples.Clone();
        Array.Sort(sorted);
        return sorted[runs / 2];
    }

    /// <summary>The samples in milliseconds, in the order they were taken.</summary>
    internal static string Format(TimeSpan[] samples) =>
        string.Join(" ", samples.Select(s => s.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)));
}
