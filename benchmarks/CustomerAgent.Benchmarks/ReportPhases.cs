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
/// </summary>
internal static class ReportPhases
{
    internal static int Run(string[] args)
    {
        var file = args[1];
        var runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var phases = new Dictionary<string, List<(double Seconds, long Bytes)>>();
        void Time(string phase, Action action)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            action();
            var seconds = clock.Elapsed.TotalSeconds;
            (phases.TryGetValue(phase, out var list) ? list : phases[phase] = []).Add((seconds, GC.GetTotalAllocatedBytes(precise: true) - allocated));
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

        Console.WriteLine(FormattableString.Invariant($"{file}: {runs} runs; load {File.ReadAllText("/proc/loadavg").Trim()}"));
        foreach (var (phase, list) in phases)
        {
            var perRun = list.Chunk(list.Count / runs).Select(c => (c.Sum(x => x.Seconds), c.Sum(x => x.Bytes))).ToList();
            var median = perRun.OrderBy(x => x.Item1).ElementAt(perRun.Count / 2);
            Console.WriteLine(FormattableString.Invariant($"{phase,-16} {median.Item1,7:F3} s  {median.Item2 / 1e6,8:F0} MB allocated"));
        }

        return 0;
    }
}
