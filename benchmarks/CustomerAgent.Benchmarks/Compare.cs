using System.Diagnostics;
using System.Globalization;
using CustomerAgent.Bulk;
using CustomerAgent.Classification;

namespace CustomerAgent.Benchmarks;

/// <summary>
/// The quick comparison: every contender a few times in one process at 10 M conversations (the naive host at 1 M,
/// reported per conversation), median ns per conversation, and one closing line of ratios.
/// </summary>
internal static class Compare
{
    private const int Rows = 10_000_000;
    private const int NaiveRows = 1_000_000;
    private const int Runs = 7;

    internal static int Run()
    {
        var clock = Stopwatch.StartNew();
        var workload = Workload.Generate(Rows);
        var batch = workload.ToBatch();
        var statuses = new ConversationStatus[Rows];
        using var duck = workload.LoadDuckDb();
        var naiveWorkload = Workload.Generate(NaiveRows, seed: 7);
        var conversations = naiveWorkload.ToConversations();
        naiveWorkload = null;
        workload = null;
        GC.Collect();
        Console.WriteLine(FormattableString.Invariant($"setup {clock.Elapsed.TotalSeconds:F1} s: {Rows:N0} rows in the batch and in DuckDB, {NaiveRows:N0} aggregates for the naive host; {Environment.ProcessorCount} cores"));

        var expected = Contenders.Vectorized.CountByStatus(batch, Workload.AsOf);
        Check("scalar", expected, Contenders.Scalar.CountByStatus(batch, Workload.AsOf));
        Check("parallel", expected, Contenders.Vectorized.CountByStatusParallel(batch, Workload.AsOf));
        Check("duckdb", expected, Contenders.DuckDb(duck, Workload.AsOf));

        var results = new List<(string Name, double NsPerRow, string Note)>
        {
            ("floor (read 17 B/row, sum)", Measure(Rows, () => Contenders.Floor(batch)), "baseline"),
            ("bulk vectorized count", Measure(Rows, () => Contenders.Vectorized.CountByStatus(batch, Workload.AsOf)), "= bulk"),
            ("bulk vectorized write statuses", Measure(Rows, () => Contenders.Vectorized.Classify(batch, Workload.AsOf, statuses)), "+1 B/row written"),
            ("bulk vectorized channel x status", Measure(Rows, () => Contenders.Vectorized.CountByChannelAndStatus(batch, Workload.AsOf)), "+1 B/row read"),
            ("bulk scalar count", Measure(Rows, () => Contenders.Scalar.CountByStatus(batch, Workload.AsOf)), string.Empty),
            ("bulk parallel count", Measure(Rows, () => Contenders.Vectorized.CountByStatusParallel(batch, Workload.AsOf)), $"{Environment.ProcessorCount} threads"),
            ("duckdb (SQL CASE + GROUP BY)", Measure(Rows, () => Contenders.DuckDb(duck, Workload.AsOf)), "in-process, own threads"),
            ("naive host (classifier loop)", Measure(NaiveRows, () => Contenders.Naive(conversations, Workload.AsOf)), "measured at 1 M"),
        };

        Console.WriteLine();
        Console.WriteLine("| contender | median ns/conversation | ms per 10 M | note |");
        Console.WriteLine("| --- | ---: | ---: | --- |");
        foreach (var (name, ns, note) in results)
        {
            Console.WriteLine(FormattableString.Invariant($"| {name} | {ns:F3} | {ns * Rows / 1e6:F1} | {note} |"));
        }

        double Ns(string prefix) => results.First(r => r.Name.StartsWith(prefix, StringComparison.Ordinal)).NsPerRow;
        var bulk = Ns("bulk vectorized count");
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"total {clock.Elapsed.TotalSeconds:F1} s"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"bulk/floor={bulk / Ns("floor"):F2} duckdb/bulk={Ns("duckdb") / bulk:F2} naive/bulk={Ns("naive") / bulk:F1} parallel/bulk={Ns("bulk parallel") / bulk:F2}"));
        return 0;
    }

    private static void Check(string name, StatusCounts expected, StatusCounts actual)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException($"{name} disagrees with the vectorized bulk path: {actual} vs {expected}");
        }
    }

    /// <summary>One warm-up, then <see cref="Runs"/> timed runs; the median in ns per row.</summary>
    private static double Measure<T>(int rows, Func<T> run) => Timing.Median(Runs, run).TotalNanoseconds / rows;

    private static double Measure(int rows, Action run) => Measure(rows, () =>
    {
        run();
        return 0;
    });
}
