using System.Diagnostics;
using System.Globalization;
using CustomerAgent.Attribution;

namespace CustomerAgent.Benchmarks;

/// <summary>
/// The quick attribution comparison (<c>compare-attribution</c>): R17 last touch over 1 M orders and 5 M touches by the SDK
/// and by DuckDB's ASOF JOIN (same rows, same result checked), the naive nested loop at 2 k orders × 10 k touches
/// (with the SDK at that size too), medians, and one closing line of ratios. At 1 M × 5 M both contenders are warmed up
/// (<see cref="Warmups"/> runs) and timed <see cref="SteadyRuns"/> times; their first calls are printed too.
/// </summary>
internal static class AttributionCompare
{
    private const int Orders = 1_000_000;
    private const int Touches = 5_000_000;
    private const int NaiveOrders = 2_000;
    private const int NaiveTouches = 10_000;
    private const int Runs = 5;

    /// <summary>Untimed runs before the 1 M × 5 M medians: both contenders reach their steady state (JIT tiers, the GC's heap, DuckDB's buffers).</summary>
    private const int Warmups = 3;

    /// <summary>Timed runs at 1 M × 5 M.</summary>
    private const int SteadyRuns = 7;

    internal static int Run()
    {
        var clock = Stopwatch.StartNew();
        var settings = AttributionSettings.Default;
        var calculator = new SmsLastTouchAttributionCalculator(settings);
        var workload = AttributionWorkload.Generate(Orders, Touches);
        using var duck = workload.LoadDuckDb(settings);
        var small = AttributionWorkload.Generate(NaiveOrders, NaiveTouches, seed: 7);
        GC.Collect();
        Console.WriteLine(FormattableString.Invariant($"setup {clock.Elapsed.TotalSeconds:F1} s: {Orders:N0} orders and {Touches:N0} touches in the SDK and in DuckDB; naive at {NaiveOrders:N0} x {NaiveTouches:N0}; {Environment.ProcessorCount} cores"));

        // The first call of each (cold: JIT, a heap not grown yet) is timed too and printed beside the steady medians.
        var coldSdk = Stopwatch.StartNew();
        var expected = AttributionContenders.Sdk(workload, calculator);
        coldSdk.Stop();
        var coldDuck = Stopwatch.StartNew();
        Check("duckdb", expected, AttributionContenders.DuckDb(duck));
        coldDuck.Stop();
        Check("naive (small)", AttributionContenders.Sdk(small, calculator), AttributionContenders.Naive(small, settings));
        Console.WriteLine(FormattableString.Invariant($"agreed: {expected.Count:N0} orders credited to Customer Agent SMS, {expected.Cents / 100m:N2} EUR"));

        var sdk = Timing.Median(SteadyRuns, () => AttributionContenders.Sdk(workload, calculator), Warmups, out var sdkSamples).TotalMilliseconds;
        var duckDb = Timing.Median(SteadyRuns, () => AttributionContenders.DuckDb(duck), Warmups, out var duckSamples).TotalMilliseconds;
        var sdkSmall = Measure(() => AttributionContenders.Sdk(small, calculator));
        var naive = Measure(() => AttributionContenders.Naive(small, settings));
        var scale = (double)Orders * Touches / ((double)NaiveOrders * NaiveTouches);

        Console.WriteLine();
        Console.WriteLine("| contender | size (orders x touches) | median ms | ns per order | note |");
        Console.WriteLine("| --- | --- | ---: | ---: | --- |");
        Row("SDK sort-and-sweep (R17)", "1 M x 5 M", sdk, Orders, "D5 check, sorts and sweep on two threads");
        Row("DuckDB ASOF JOIN", "1 M x 5 M", duckDb, Orders, "in-process, own threads; 8 probes per order (one per touchpoint)");
        Row("SDK sort-and-sweep (R17)", "2 k x 10 k", sdkSmall, NaiveOrders, string.Empty);
        Row("naive nested loop", "2 k x 10 k", naive, NaiveOrders, FormattableString.Invariant($"O(N x M): about {naive * scale / 3_600_000:F1} h at 1 M x 5 M"));
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"1 M x 5 M, first call: SDK {coldSdk.Elapsed.TotalMilliseconds:F0} ms, DuckDB {coldDuck.Elapsed.TotalMilliseconds:F0} ms; after {Warmups} warm-ups, {SteadyRuns} runs in order (ms): SDK {Timing.Format(sdkSamples)}; DuckDB {Timing.Format(duckSamples)}"));
        Console.WriteLine(FormattableString.Invariant($"total {clock.Elapsed.TotalSeconds:F1} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"duckdb/sdk={duckDb / sdk:F2} first-call duckdb/sdk={coldDuck.Elapsed / coldSdk.Elapsed:F2} naive/sdk(2k x 10k)={naive / sdkSmall:F1} naive-extrapolated/sdk(1M x 5M)={naive * scale / sdk:F0}"));
        return 0;
    }

    /// <summary>
    /// <c>attribution-phases</c>: the SDK's R17 run at 1 M × 5 M cut in its phases (the order index with D5, the sweep with
    /// its grouping of the evidence, the result), medians of <see cref="Runs"/>, to see where the time goes.
    /// </summary>
    internal static int Phases()
    {
        var settings = AttributionSettings.Default;
        var workload = AttributionWorkload.Generate(Orders, Touches);
        using var index = new AttributionEngine.OrderIndex(workload.Orders);
        var credits = SmsLastTouchAttributionCalculator.R17Credits(index, workload.Evidence, settings);
        var calculator = new SmsLastTouchAttributionCalculator(settings);
        Console.WriteLine(FormattableString.Invariant($"order index      {Measure(() => { using var built = new AttributionEngine.OrderIndex(workload.Orders); return built.KeyIds.Count; }):F1} ms"));
        Console.WriteLine(FormattableString.Invariant($"R17 sweep        {Measure(() => SmsLastTouchAttributionCalculator.R17Credits(index, workload.Evidence, settings)):F1} ms"));
        Console.WriteLine(FormattableString.Invariant($"result (Finish)  {Measure(() => AttributionEngine.Finish(index, workload.Evidence, credits)):F1} ms"));
        var (gen0, gen1, gen2, pause) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        Console.WriteLine(FormattableString.Invariant($"whole Attribute  {Measure(() => calculator.Attribute(workload.Orders, workload.Evidence)):F1} ms"));
        Console.WriteLine(FormattableString.Invariant($"  GCs over {Runs + 1} runs: gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}; pauses {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:F0} ms; server GC {System.Runtime.GCSettings.IsServerGC}"));
        return 0;
    }

    private static void Row(string name, string size, double ms, int orders, string note) =>
        Console.WriteLine(FormattableString.Invariant($"| {name} | {size} | {ms:F1} | {ms * 1e6 / orders:F0} | {note} |"));

    private static void Check(string name, (long Count, long Cents) expected, (long Count, long Cents) actual)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException($"{name} disagrees with the SDK: {actual} vs {expected}");
        }
    }

    /// <summary>One warm-up, then <see cref="Runs"/> timed runs; the median in milliseconds.</summary>
    private static double Measure<T>(Func<T> run) => Timing.Median(Runs, run).TotalMilliseconds;
}
