using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CustomerAgent.Tests.Dashboard;

/// <summary>The period, the bars, the KPIs and the accumulator against oracles written from the rules.</summary>
public sealed class DashboardPropertyTests
{
    private static DashboardReport SinglePass(DashboardCase c, IEnumerable<Conversation> conversations) =>
        new DashboardAccumulator(c.Period, c.AsOf, ConversationClassifier.Default).AddRange(conversations).ToReport();

    [Property(MaxTest = 300)]
    public Property R13_a_period_of_dates_runs_from_the_first_instant_of_its_first_date_to_the_last_of_its_last_date()
    {
        var gen =
            from settings in DashboardGenerators.Settings
            from year in Gen.Choose(1901, 2198)
            from dayOfYear in Gen.Choose(1, 365)
            from length in Gen.Frequency((3, Gen.Choose(0, 40)), (1, Gen.Choose(0, 364)))
            select (settings, first: new LocalDate(year, 1, 1).PlusDays(dayOfYear - 1), length);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (settings, first, length) = input;
            var last = first.PlusDays(length);
            var zone = settings.Zone;
            var p = ReportingPeriod.ForDates(settings, first, last);

            // Both end dates are inside, in local time; the instants just outside are on the neighbouring dates.
            Assert.True(p.Start.InZone(zone).Date >= first);
            Assert.True((p.Start - Duration.Epsilon).InZone(zone).Date < first);
            Assert.True((p.End - Duration.Epsilon).InZone(zone).Date <= last);
            Assert.True(p.End.InZone(zone).Date > last);
            if (zone.MapLocal(first.At(new LocalTime(12, 0))).Count > 0)
            {
                Assert.Equal(first, p.Start.InZone(zone).Date);
            }

            if (zone.MapLocal(last.At(new LocalTime(12, 0))).Count > 0)
            {
                Assert.Equal(last, (p.End - Duration.Epsilon).InZone(zone).Date);
            }

            Assert.Equal(length + 1, p.DayCount);
        });
    }

    [Property(MaxTest = 300)]
    public Property R14_every_instant_of_the_period_falls_in_exactly_one_bar_the_bar_of_its_local_date()
    {
        var gen =
            from period in DashboardGenerators.Period
            from f in Gen.Choose(0, 1_000_000)
            from edge in Gen.Choose(0, 3)
            from k in Gen.Choose(0, 1000)
            select (period, At(period, f, edge, k));
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (period, t) = input;
            if (period.Start == period.End)
            {
                // Only dates the zone skips entirely (Pacific/Apia, 2011-12-30): no instant, empty bars.
                Assert.Equal(-1, period.DayIndexOf(t));
                Assert.All(Enumerable.Range(0, period.DayCount), i => Assert.Equal(Duration.Zero, period.DayInterval(i).Duration));
                return;
            }

            var localDate = t.InZone(period.Zone).Date;
            var containing = Enumerable.Range(0, period.DayCount).Where(i => period.DayInterval(i).Contains(t)).ToList();

            var bar = Assert.Single(containing);
            Assert.Equal(bar, period.DayIndexOf(t));
            if (period.DateOfDay(bar) != localDate)
            {
                // Only where the clock went back across midnight (America/St_Johns before 2011: 00:01 back to 23:01): the
                // repeated minutes of the previous date come after the next date began, so they are in the next date's bar.
                Assert.Equal(period.DateOfDay(bar).PlusDays(-1), localDate);
                Assert.Equal(period.DateOfDay(bar), period.DayInterval(bar).Start.InZone(period.Zone).Date);
                Assert.True(period.DayInterval(bar).Start.InZone(period.Zone).Date > localDate);
            }
        });

        static Instant At(ReportingPeriod p, int f, int edge, int k)
        {
            var boundary = k % p.DayCount;
            var t = edge switch
            {
                0 => p.DayInterval(boundary).Start,
                1 => p.DayInterval(boundary).End - Duration.Epsilon,
                2 => p.End - Duration.Epsilon,
                _ => p.Start + Duration.FromNanoseconds((long)((p.End - p.Start).TotalNanoseconds * (f / 1_000_001.0))),
            };

            // An empty day (a date the zone skips, Apia 2011-12-30) has no instant: its start may be the period's end.
            return p.Contains(t) ? t : p.Start;
        }
    }

    [Property(MaxTest = 150)]
    public Property R14_R15_the_report_equals_the_oracle_counted_from_each_starts_local_date()
    {
        return Prop.ForAll(DashboardGenerators.Cases, c =>
        {
            var conversations = c.Conversations();
            Assert.Equal(DashboardGenerators.Oracle(c, conversations), DashboardGenerators.Canon(SinglePass(c, conversations)));
        });
    }

    [Property(MaxTest = 150)]
    public Property R14_R15_channel_and_status_splits_sum_to_the_volume_and_the_rates_never_exceed_it()
    {
        return Prop.ForAll(DashboardGenerators.Cases, c =>
        {
            var report = SinglePass(c, c.Conversations());
            var k = report.Kpis;

            Assert.Equal(c.Period.DayCount, report.Days.Count);
            Assert.All(report.Days, d =>
            {
                Assert.Equal(d.Total, d.ByChannel.Values.Sum());
                Assert.Equal(d.Total, d.ByStatus.Values.Sum());
                Assert.True(d.ByTag.Values.Sum() + d.Untagged >= d.Total);
                Assert.True(d.Untagged <= d.Total);
            });
            Assert.Equal(k.Volume, report.Days.Sum(d => d.Total));
            Assert.True(k.ResolvedByAi + k.NotResolvedByAi <= k.Volume);
            Assert.Equal(k.Volume == 0, k.ResolvedByAiRate is null);
            Assert.Equal(k.Volume == 0, k.NotResolvedByAiRate is null);
            if (k.Volume > 0)
            {
                Assert.True(k.ResolvedByAiRate!.Value + k.NotResolvedByAiRate!.Value <= 1m);
                Assert.Equal(k.ResolvedByAi, k.ResolvedByAiRate.Count);
                Assert.Equal(k.Volume, k.NotResolvedByAiRate.Volume);
            }
        });
    }

    [Property(MaxTest = 150)]
    public Property R15_merging_the_parts_of_any_partition_in_any_order_equals_one_pass()
    {
        var gen =
            from c in DashboardGenerators.Case
            from parts in Gen.Choose(1, 5)
            from assignment in Gen.Choose(0, 4).ArrayOf(c.Specs.Length)
            from order in Gen.Shuffle(Enumerable.Range(0, 5).ToArray())
            from leftFold in Gen.Elements(false, true)
            select (c, parts, assignment, order, leftFold);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (c, parts, assignment, order, leftFold) = input;
            var conversations = c.Conversations();
            var accumulators = Enumerable.Range(0, parts).Select(_ => new DashboardAccumulator(c.Period, c.AsOf, ConversationClassifier.Default)).ToArray();
            for (var i = 0; i < conversations.Length; i++)
            {
                accumulators[assignment[i] % parts].Add(conversations[i]);
            }

            var ordered = order.Where(i => i < parts).Select(i => accumulators[i]).ToList();
            var identity = new DashboardAccumulator(c.Period, c.AsOf, ConversationClassifier.Default);
            var merged = leftFold
                ? ordered.Aggregate(identity, (a, b) => a.Merge(b))
                : ordered.AsEnumerable().Reverse().Aggregate(identity, (a, b) => b.Merge(a));

            var single = DashboardGenerators.Canon(SinglePass(c, conversations));
            Assert.Equal(single, DashboardGenerators.Canon(merged.ToReport()));
            Assert.Equal(single, DashboardGenerators.Canon(merged.Merge(identity).ToReport()));
            Assert.Equal(accumulators.Sum(a => a.Count), merged.Count);
        });
    }
}
