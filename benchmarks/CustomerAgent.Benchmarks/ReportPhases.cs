using System.Diagnostics;
using CustomerAgent.ActivityLog;
using CustomerAgent.Dashboard;
using NodaTime;

namespace CustomerAgent.Benchmarks;

/// <summary>
/// <c>report-phases FILE [RUNS]</c>: where <c>customer-agent report</c>'s time goes, per phase (read, sales, dashboard, first table
/// page), each run on the same read, wall time and allocations per phase; medians over RUNS (default 3). Then, on the same read,
/// the phases of <c>customer-agent segments</c> and <c>flow follow-up</c> (issue #19): the activity per profile (events and orders),
/// the three named segments, and the follow-up flow for the same period, so the two jobs compare on one machine state.
/// Per phase it also prints the GC pauses and collections and the new memory touched (minor page faults); with
/// <c>SEGMENT_PHASES=1</c> the activity is split into its steps, with <c>PHASE_GC=1</c> each full blocking collection is printed
/// (pause, whether it compacted, bytes promoted).
/// </summary>
internal static class ReportPhases
{
    internal static int Run(string[] args)
    {
        var file = args[1];
        var runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3;
        // per phase, one entry per account and run: wall time, bytes allocated, GC pause time, and collections of each generation
        var phases = new Dictionary<string, List<Measure>>();
        void Time(string phase, Action action)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var paused = GC.GetTotalPauseDuration();
            int[] before = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            var faults = MinorFaults();
            var clock = Stopwatch.StartNew();
            action();
            var seconds = clock.Elapsed.TotalSeconds;
            if (Environment.GetEnvironmentVariable("PHASE_GC") == "1" && GC.CollectionCount(2) != before[2])
            {
                var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
                Console.WriteLine(FormattableString.Invariant($"  {phase}: gen2 #{info.Index} pause {info.PauseDurations[0].TotalMilliseconds:F0} ms compacted {info.Compacted} promoted {info.PromotedBytes / 1e6:F0} MB heap {info.HeapSizeBytes / 1e6:F0} MB fragmented {info.FragmentedBytes / 1e6:F0} MB"));
            }
            (phases.TryGetValue(phase, out var list) ? list : phases[phase] = []).Add(new Measure(
                seconds,
                GC.GetTotalAllocatedBytes(precise: true) - allocated,
                (GC.GetTotalPauseDuration() - paused).TotalSeconds,
                GC.CollectionCount(0) - before[0],
                GC.CollectionCount(1) - before[1],
                GC.CollectionCount(2) - before[2],
                MinorFaults() - faults));
        }

        for (var run = 0; run < runs; run++)
        {
            ActivityLogResult log = null!;
            Time("read", () => log = ActivityLogReader.ReadFile(file));
            using var reread = File.OpenRead(file);
            foreach (var account in log.Accounts)
            {
                var at = account.AsOf!.Value;
                var settings = account.SettingsAsOf(at);
                var period = ReportingPeriod.ForPreset(AccountReportingSettings.Create(account.AccountId, settings.TimeZone.Id, settings.FirstDayOfWeek), ReportingPreset.Last7Days, at);
                Attribution.AttributionResult sales = null!;
                Time("sales", () => sales = account.Sales(period, at));
                Time("dashboard", () => account.Dashboard(period, sales, at));
                Time("table page", () => account.Table(ConversationTableQuery.Create(account.AccountId, period: period, pageSize: 10), s => ActivityLogReader.ReadOpeningMessage(reread, s), at));
                Segments.ProfileActivity activity = null!;
                if (Environment.GetEnvironmentVariable("SEGMENT_PHASES") == "1")
                {
                    Time("seg: identities", () =>
                    {
                        for (var i = 0; i < account.ConversationRows; i++)
                        {
                            _ = account.ProfileOf(i);
                        }
                    });
                    Segments.FactsEvents events = null!;
                    Time("seg: events", () => events = account.EventRowsAsOf(at));
                    var reporting = AccountReportingSettings.Create(account.AccountId, settings.TimeZone.Id, settings.FirstDayOfWeek);
                    Time("seg: profiles", () => Segments.ProfileActivity.FromFacts(reporting, events, account.Orders.Where(o => o.PlacedAt <= at)));
                }

                Time("seg: activity", () => activity = account.Activity(at));
                Time("seg: listing order", () => _ = activity.ListingOrder);
                Time("seg: 3 segments", () =>
                {
                    foreach (var definition in Segments.SegmentDefinition.Named)
                    {
                        Segments.SegmentEvaluator.Default.Evaluate(activity, definition, at);
                    }
                });
                Time("seg: flow", () => Segments.FollowUpFlow.Default.Run(activity, period, at));
            }
        }

        Console.WriteLine(FormattableString.Invariant($"{file}: {runs} runs; load {File.ReadAllText("/proc/loadavg").Trim()}; server GC {System.Runtime.GCSettings.IsServerGC}, latency mode {System.Runtime.GCSettings.LatencyMode} (customer-agent runs with the workstation GC, not concurrent: DOTNET_gcServer=0 DOTNET_gcConcurrent=0 DOTNET_TieredPGO=0 DOTNET_TC_QuickJitForLoops=0 give this program the tool's settings)"));

        // per run, the two jobs' totals on the same read, and their ratio; the median run by ratio
        double RunTotal(string[] names, int run) => names.Where(phases.ContainsKey).Sum(n =>
        {
            var list = phases[n];
            var perRun = list.Count / runs;
            return list.Skip(run * perRun).Take(perRun).Sum(x => x.Seconds);
        });
        string[] report = ["sales", "dashboard", "table page"];
        string[] segments = ["seg: activity", "seg: listing order", "seg: 3 segments", "seg: flow"];
        var totals = Enumerable.Range(0, runs).Select(r => (Report: RunTotal(report, r), Segments: RunTotal(segments, r))).ToList();
        foreach (var (r, s) in totals)
        {
            Console.WriteLine(FormattableString.Invariant($"run: report {r:F3} s, segments and flow {s:F3} s, ratio {s / r:F2}"));
        }

        var ratios = totals.Select(t => t.Segments / t.Report).Order().ToList();
        Console.WriteLine(FormattableString.Invariant($"median report {totals.Select(t => t.Report).Order().ElementAt(runs / 2):F3} s, median segments and flow {totals.Select(t => t.Segments).Order().ElementAt(runs / 2):F3} s, median ratio segments-and-flow/report {ratios[runs / 2]:F2}"));
        foreach (var (phase, list) in phases)
        {
            // each run's entries (one per account) summed, then the run with the median time
            var perRun = list.Chunk(list.Count / runs).Select(c => c.Aggregate((a, b) => a + b)).ToList();
            var median = perRun.OrderBy(x => x.Seconds).ElementAt(perRun.Count / 2);
            var pause = perRun.Select(x => x.Paused).Order().ElementAt(perRun.Count / 2);
            Console.WriteLine(FormattableString.Invariant($"{phase,-16} {median.Seconds,7:F3} s  {median.Bytes / 1e6,8:F0} MB allocated  GC pauses median {pause,5:F3} s, {median.Faults * 4096 / 1e6,5:F0} MB new pages; collections in {runs} runs: gen0 {list.Sum(x => x.Gen0)}, gen1 {list.Sum(x => x.Gen1)}, gen2 {list.Sum(x => x.Gen2)} (each counts the younger ones too)"));
        }

        return 0;
    }

    /// <summary>One phase's measure: wall time, bytes allocated, GC pause time, collections per generation.</summary>
    private readonly record struct Measure(double Seconds, long Bytes, double Paused, int Gen0, int Gen1, int Gen2, long Faults)
    {
        public static Measure operator +(Measure a, Measure b) =>
            new(a.Seconds + b.Seconds, a.Bytes + b.Bytes, a.Paused + b.Paused, a.Gen0 + b.Gen0, a.Gen1 + b.Gen1, a.Gen2 + b.Gen2, a.Faults + b.Faults);
    }

    /// <summary>
    /// The process's minor page faults so far (field 10 of <c>/proc/self/stat</c>; 0 where there is none): each is a page of memory
    /// touched for the first time, which the kernel zeroes (on this virtual machine about 5 µs each by perf, so a phase's new memory costs
    /// time of its own).
    /// </summary>
    private static long MinorFaults()
    {
        if (!File.Exists("/proc/self/stat"))
        {
            return 0;
        }

        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture);
    }
}
