using System.Diagnostics;

namespace CustomerAgent.Benchmarks;

/// <summary>How the compare modes time a contender: one warm-up run, then <c>runs</c> timed runs, the median.</summary>
internal static class Timing
{
    internal static TimeSpan Median<T>(int runs, Func<T> run)
    {
        GC.KeepAlive(run());
        var samples = new TimeSpan[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            GC.KeepAlive(run());
            samples[i] = Stopwatch.GetElapsedTime(start);
        }

        Array.Sort(samples);
        return samples[runs / 2];
    }
}
