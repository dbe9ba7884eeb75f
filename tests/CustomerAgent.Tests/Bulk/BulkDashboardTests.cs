using CustomerAgent.Bulk;
using CustomerAgent.Classification;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.Serialization;
using CustomerAgent.Tests.Dashboard;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CustomerAgent.Tests.Bulk;

/// <summary>The bulk dashboard path against the per-conversation path (<see cref="DashboardAccumulator"/>).</summary>
public sealed class BulkDashboardTests
{
    private static readonly AccountId Acct = AccountId.From(DashboardGenerators.Account);
    private static readonly Uri Api = new("https://api.example.com/");

    /// <summary>Both paths in one text: KPIs, channel × status totals, and each day's split by channel and by status.</summary>
    private static string PerConversation(ReportingPeriod period, Instant asOf, IEnumerable<Conversation> conversations, AgentSwitchTimeline? timeline)
    {
        var r = new DashboardAccumulator(period, asOf, ConversationClassifier.Default, timeline).AddRange(conversations).ToReport();
        var lines = new List<string> { Kpis(r.Kpis) };
        lines.AddRange(Enum.GetValues<Channel>().Select(c => $"{c}: {Kpis(r.KpisByChannel[c])}"));
        lines.AddRange(r.Days.Select(d => $"{d.Date:uuuu-MM-dd} ch [{string.Join(",", Enum.GetValues<Channel>().Select(c => d.ByChannel[c]))}] st [{string.Join(",", Enum.GetValues<ConversationStatus>().Select(s => d.ByStatus[s]))}]"));
        return string.Join("\n", lines);
    }

    private static string Bulk(BulkDashboardCounts b)
    {
        var lines = new List<string> { Kpis(b.Kpis) };
        var total = b.Total;
        lines.AddRange(Enum.GetValues<Channel>().Select(c =>
        {
            var s = total.ForChannel(c);
            return $"{c}: volume {s.Total} open {s.Open} resolved {s.ResolvedByAi} routed {s.NotResolvedByAi} closed {s.Closed}";
        }));
        lines.AddRange(Enumerable.Range(0, b.Period.DayCount).Select(i =>
        {
            var d = b.Day(i);
            return $"{b.Period.DateOfDay(i):uuuu-MM-dd} ch [{string.Join(",", Enum.GetValues<Channel>().Select(c => d.ForChannel(c).Total))}] st [{string.Join(",", Enum.GetValues<ConversationStatus>().Select(s => d.Total[s]))}]";
        }));
        return string.Join("\n", lines);
    }

    private static string Kpis(DashboardKpis k) => $"volume {k.Volume} open {k.Open} resolved {k.ResolvedByAi} routed {k.NotResolvedByAi} closed {k.Closed}";

    private static readonly Gen<AgentSwitchTimeline?> Timeline =
        from changes in Gen.Choose(0, 6).SelectMany(n => Gen.Choose(-3 * 24, 100 * 24).Zip(Gen.Elements(Enum.GetValues<Channel>())).Zip(Gen.Elements(true, false)).ArrayOf(n))
        from none in Gen.Elements(true, false)
        select none ? null : Build(changes);

    private static AgentSwitchTimeline Build(((int Hour, Channel Channel), bool Enabled)[] changes)
    {
        var anchor = Instant.FromUtc(2026, 3, 1, 0, 0);
        var ordered = changes
            .Select(c => new AgentSwitchChange(anchor + Duration.FromHours(c.Item1.Hour), c.Item1.Channel, c.Enabled))
            .OrderBy(c => c.At)
            .DistinctBy(c => (c.At, c.Channel));
        return AgentSwitchTimeline.Create(Acct, ordered);
    }

    /// <summary>
    /// Timelines whose switches fall where they matter: on the period's day starts, its start and end, the rows' starts and the
    /// instant reported as of, each ± 1 ns, and anywhere around the period.
    /// </summary>
    private static Gen<AgentSwitchTimeline?> TimelineFor(DashboardCase c)
    {
        var edges = c.Period.DayStarts.ToArray().Concat(c.Specs.Select(s => s.Start)).Append(c.AsOf).ToArray();
        var at = Gen.Frequency(
            (3, from e in Gen.Elements(edges) from jitter in Gen.Elements(-1L, 0L, 1L) select e + Duration.FromNanoseconds(jitter)),
            (1, from hour in Gen.Choose(-3 * 24, 100 * 24) select c.Period.Start + Duration.FromHours(hour)));
        var change = from instant in at
                     from channel in Gen.Elements(Enum.GetValues<Channel>())
                     from enabled in Gen.Elements(true, false)
                     select new AgentSwitchChange(instant, channel, enabled);
        return from n in Gen.Choose(0, 10)
               from changes in change.ArrayOf(n)
               from none in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
               select none ? null : AgentSwitchTimeline.Create(Acct, changes.OrderBy(x => x.At).DistinctBy(x => (x.At, x.Channel)));
    }

    /// <summary>Dashboard cases, each with a timeline whose switches mostly fall on its edges (<see cref="TimelineFor"/>), or none.</summary>
    private static Gen<(DashboardCase Case, AgentSwitchTimeline? Timeline)> CasesWithTimelines =>
        from c in DashboardGenerators.Case
        from timeline in Gen.Frequency((3, TimelineFor(c)), (1, Timeline))
        select (c, timeline);

    [Property(MaxTest = 200)]
    public Property R13_R14_R15_the_bulk_path_equals_the_per_conversation_path()
    {
        return Prop.ForAll(CasesWithTimelines.ToArbitrary(), input =>
        {
            var (c, timeline) = input;
            var conversations = c.Conversations();
            var expected = PerConversation(c.Period, c.AsOf, conversations, timeline);

            // The same rows as generated, in order of start (the day-range kernel) and in reverse order (the per-row kernels).
            var byStart = conversations.OrderBy(x => x.StartedAt).ToArray();
            foreach (var order in new[] { conversations, byStart, byStart.Reverse().ToArray() })
            {
                var batch = ConversationBatch.FromConversations(Acct, ConversationPolicy.Default, order);
                Assert.Equal(expected, Bulk(BulkDashboard.Default.Count(batch, DashboardScope.Create(c.Period, c.AsOf, timeline))));
                Assert.Equal(expected, Bulk(BulkDashboard.Default.CountParallel(batch, DashboardScope.Create(c.Period, c.AsOf, timeline), 2)));
            }

            Assert.True(ConversationBatch.FromConversations(Acct, ConversationPolicy.Default, byStart).IsSortedByStart);
        });
    }

    /// <summary>Every cell of a dashboard's counts, read only through the one shape both paths share.</summary>
    private static string Cells(IDashboardCounts counts) =>
        $"{counts.Period} {counts.AsOf} {Kpis(counts.Kpis)}\n" + string.Join("\n", Enumerable.Range(0, counts.Period.DayCount).Select(d =>
            string.Join(" ", Enum.GetValues<Channel>().SelectMany(c => Enum.GetValues<ConversationStatus>().Select(st => counts[d, c, st])))));

    [Property(MaxTest = 200)]
    public Property R14_R15_both_paths_read_through_IDashboardCounts_give_the_same_cells_and_the_bars_sum_them()
    {
        return Prop.ForAll(CasesWithTimelines.ToArbitrary(), input =>
        {
            var (c, timeline) = input;
            var conversations = c.Conversations();
            IDashboardCounts report = new DashboardAccumulator(c.Period, c.AsOf, ConversationClassifier.Default, timeline).AddRange(conversations).ToReport();
            IDashboardCounts bulk = BulkDashboard.Default.Count(ConversationBatch.FromConversations(Acct, ConversationPolicy.Default, conversations), DashboardScope.Create(c.Period, c.AsOf, timeline));
            Assert.Equal(Cells(report), Cells(bulk));
            foreach (var grouping in Enum.GetValues<ValuesReportGrouping>())
            {
                // The vendor's values report reads the one shape: the bulk counts serialize as the report does (R15).
                Assert.Equal(DashboardJson.SerializeValuesReport(report, grouping, Api), DashboardJson.SerializeValuesReport(bulk, grouping, Api));
            }

            // The report's bars and per-channel KPIs are the sums of its cells: one source for every split (R14).
            var r = (DashboardReport)report;
            for (var d = 0; d < c.Period.DayCount; d++)
            {
                foreach (var channel in Enum.GetValues<Channel>())
                {
                    Assert.Equal(r.Days[d].ByChannel[channel], Enum.GetValues<ConversationStatus>().Sum(st => report[d, channel, st]));
                }

                foreach (var status in Enum.GetValues<ConversationStatus>())
                {
                    Assert.Equal(r.Days[d].ByStatus[status], Enum.GetValues<Channel>().Sum(ch => report[d, ch, status]));
                }
            }

            foreach (var channel in Enum.GetValues<Channel>())
            {
                Assert.Equal(r.KpisByChannel[channel].Closed, Enumerable.Range(0, c.Period.DayCount).Sum(d => report[d, channel, ConversationStatus.Closed]));
                Assert.Equal(r.KpisByChannel[channel].Volume, Enumerable.Range(0, c.Period.DayCount).Sum(d => Enum.GetValues<ConversationStatus>().Sum(st => report[d, channel, st])));
            }
        });
    }

    [Property(MaxTest = 100)]
    public Property R15_bulk_counts_of_any_split_merge_to_one_pass()
    {
        var gen = from c in DashboardGenerators.Case
                  from timeline in TimelineFor(c)
                  from cuts in Gen.Choose(0, 100).ArrayOf()
                  from sorted in Gen.Elements(false, true)
                  select (c, timeline, cuts, sorted);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (c, timeline, cuts, sorted) = input;
            var conversations = c.Conversations();
            var batch = ConversationBatch.FromConversations(Acct, ConversationPolicy.Default, sorted ? conversations.OrderBy(x => x.StartedAt) : conversations);
            var scope = DashboardScope.Create(c.Period, c.AsOf, timeline);
            var bounds = cuts.Select(x => x % (batch.Count + 1)).Append(0).Append(batch.Count).Distinct().Order().ToArray();
            var parts = bounds.Zip(bounds.Skip(1)).Select(p => BulkDashboard.Default.CountRows(batch, p.First, p.Second - p.First, scope)).ToList();
            var identity = BulkDashboard.Default.CountRows(batch, 0, 0, scope);
            var merged = parts.Aggregate(identity, (a, b) => a.Merge(b));
            var reversed = parts.AsEnumerable().Reverse().Aggregate(identity, (a, b) => b.Merge(a));

            var single = Bulk(BulkDashboard.Default.Count(batch, scope));
            Assert.Equal(PerConversation(c.Period, c.AsOf, conversations, timeline), single);
            Assert.Equal(single, Bulk(merged));
            Assert.Equal(single, Bulk(reversed));
        });
    }

    [Fact]
    public void R12_R14_many_chunks_in_parallel_count_as_one_pass_in_either_row_order()
    {
        var period = ReportingPeriod.ForDates(AccountReportingSettings.Create(Acct, "America/Santiago"), new LocalDate(2026, 3, 20), new LocalDate(2026, 4, 20));
        var n = 300_001; // not a multiple of the chunks: the last chunk is shorter
        var random = new Random(7);
        var first = ConversationBatch.ToUnixNanoseconds(period.Start) - 86_400_000_000_000L;
        var span = ConversationBatch.ToUnixNanoseconds(period.End) - first + 86_400_000_000_000L;
        var starts = Enumerable.Range(0, n).Select(_ => first + random.NextInt64(span)).Order().ToArray();
        var lasts = starts.Select(x => x + 60_000_000_000L).ToArray();
        var authors = starts.Select(_ => (byte)random.Next(2)).ToArray();
        var none = starts.Select(_ => ConversationBatch.NoInstant).ToArray();
        var closes = starts.Select((x, i) => i % 3 == 0 ? x + 120_000_000_000L : ConversationBatch.NoInstant).ToArray();
        var channels = starts.Select(_ => (byte)random.Next(4)).ToArray();
        var sorted = ConversationBatch.FromColumns(Acct, ConversationPolicy.Default, starts, lasts, authors, none, closes, channels);
        var shuffled = ConversationBatch.FromColumns(Acct, ConversationPolicy.Default, starts.Reverse().ToArray(), lasts.Reverse().ToArray(), authors.Reverse().ToArray(), none, closes.Reverse().ToArray(), channels.Reverse().ToArray());
        var timeline = AgentSwitchTimeline.Create(Acct, [
            new AgentSwitchChange(period.Start - Duration.FromDays(2), Channel.WebChat, true),
            new AgentSwitchChange(period.Start - Duration.FromDays(2), Channel.Sms, true),
            new AgentSwitchChange(period.DayStarts[5], Channel.Sms, false),
            new AgentSwitchChange(period.DayStarts[9] + Duration.FromHours(3), Channel.Sms, true),
            new AgentSwitchChange(period.DayStarts[20], Channel.WebChat, false),
        ]);
        var scope = DashboardScope.Create(period, period.End + Duration.FromDays(3), timeline);

        Assert.True(sorted.IsSortedByStart);
        Assert.False(shuffled.IsSortedByStart);
        var expected = Bulk(BulkDashboard.Default.Count(shuffled, scope));
        Assert.Equal(expected, Bulk(BulkDashboard.Default.Count(sorted, scope)));
        Assert.Equal(expected, Bulk(BulkDashboard.Default.CountParallel(sorted, scope, 2)));
        Assert.Equal(expected, Bulk(BulkDashboard.Default.CountParallel(shuffled, scope, 2)));
        Assert.Equal(0, BulkDashboard.Default.Count(sorted, scope).Day(6).ForChannel(Channel.Sms).Total);

        // without a timeline: the regular kernel (1,024 rows at a time) on the shuffled rows, the day-range kernel on the sorted ones
        var all = DashboardScope.Create(period, scope.AsOf);
        var expectedAll = Bulk(BulkDashboard.Default.Count(sorted, all));
        Assert.Equal(expectedAll, Bulk(BulkDashboard.Default.Count(shuffled, all)));
        Assert.Equal(expectedAll, Bulk(BulkDashboard.Default.CountParallel(shuffled, all, 2)));
        Assert.Equal(expectedAll, Bulk(BulkDashboard.Default.CountRows(shuffled, 1, n - 1, all).Merge(BulkDashboard.Default.CountRows(shuffled, 0, 1, all))));
        Assert.True(BulkDashboard.Default.Count(sorted, scope).Day(10).ForChannel(Channel.Sms).Total > 0);
    }

    [Fact]
    public void R14_a_daylight_saving_day_of_25_hours_is_one_bar_in_the_bulk_path()
    {
        var ny = AccountReportingSettings.Create(Acct, "America/New_York");
        var period = ReportingPeriod.ForDates(ny, new LocalDate(2026, 10, 31), new LocalDate(2026, 11, 2));
        Conversation Start(string id, Instant at) => Conversation.Start(ConversationHeader.Create(ConversationId.From(id), Acct, Channel.Sms), at, "hi");
        var batch = ConversationBatch.FromConversations(Acct, ConversationPolicy.Default,
        [
            Start("edt", Instant.FromUtc(2026, 11, 1, 4, 0)),                              // Nov 1 00:00 EDT: first instant of the day
            Start("est", Instant.FromUtc(2026, 11, 2, 4, 59)),                             // Nov 1 23:59 EST: last minute of the 25-hour day
            Start("next", Instant.FromUtc(2026, 11, 2, 5, 0)),                             // Nov 2 00:00 EST
            Start("before", Instant.FromUtc(2026, 10, 31, 4, 0) - Duration.Epsilon),       // Oct 30: outside
        ]);

        var counts = BulkDashboard.Default.Count(batch, DashboardScope.Create(period, Instant.FromUtc(2026, 11, 10, 0, 0)));

        Assert.Equal([0L, 2L, 1L], Enumerable.Range(0, 3).Select(i => counts.Day(i).Total.Total));
        Assert.Equal(2, counts[1, Channel.Sms, ConversationStatus.Closed]);
        Assert.Equal(3, counts.Kpis.Volume);
        Assert.Equal(0m, counts.Kpis.ResolvedByAiRate!.Value);
    }

    [Fact]
    public void R14_a_date_the_zone_skips_has_an_empty_bar_and_the_next_days_rows_land_on_the_next_day()
    {
        // Samoa skipped 30 December 2011: 29 December 23:59:59 (UTC-10) was followed by 31 December 00:00 (UTC+14)
        var apia = AccountReportingSettings.Create(Acct, "Pacific/Apia");
        var period = ReportingPeriod.ForDates(apia, new LocalDate(2011, 12, 29), new LocalDate(2011, 12, 31));
        var skip = period.DayStarts[2];
        var conversations = new[] { -90, -1, 0, 1, 30, 60, 90, 180, 600 }
            .Select((minutes, i) => Conversation.Start(ConversationHeader.Create(ConversationId.From($"c{i}"), Acct, i % 2 == 0 ? Channel.Sms : Channel.WebChat), skip + Duration.FromMinutes(minutes) + Duration.FromNanoseconds(minutes == 0 ? 0 : 1), "hi"))
            .ToArray();
        var asOf = Instant.FromUtc(2012, 1, 10, 0, 0);
        var expected = PerConversation(period, asOf, conversations, null);

        // in reverse order of start: the per-row kernels (no timeline: the regular one unless a day is shorter than a bucket)
        var batch = ConversationBatch.FromConversations(Acct, ConversationPolicy.Default, conversations.Reverse());
        Assert.False(batch.IsSortedByStart);
        var counts = BulkDashboard.Default.Count(batch, DashboardScope.Create(period, asOf));
        Assert.Equal(expected, Bulk(counts));
        Assert.Equal([2L, 0L, 7L], Enumerable.Range(0, 3).Select(i => counts.Day(i).Total.Total));
    }

    [Fact]
    public void R13_D1_rows_initiated_after_the_instant_are_not_counted_yet()
    {
        var period = ReportingPeriod.ForDates(AccountReportingSettings.Create(Acct, "UTC"), new LocalDate(2026, 6, 1), new LocalDate(2026, 6, 7));
        var at = Instant.FromUtc(2026, 6, 3, 12, 0);
        var batch = ConversationBatch.FromConversations(Acct, ConversationPolicy.Default,
        [
            Conversation.Start(ConversationHeader.Create(ConversationId.From("now"), Acct, Channel.WebChat), at, "hi"),
            Conversation.Start(ConversationHeader.Create(ConversationId.From("later"), Acct, Channel.WebChat), at + Duration.Epsilon, "hi"),
        ]);

        Assert.Equal(1, BulkDashboard.Default.Count(batch, DashboardScope.Create(period, at)).Kpis.Volume);
        Assert.Equal(0, BulkDashboard.Default.Count(batch, DashboardScope.Create(period, at - Duration.Epsilon)).Kpis.Volume);
        Assert.Equal(2, BulkDashboard.Default.Count(batch, DashboardScope.Create(period, at + Duration.Epsilon)).Kpis.Volume);
    }

    [Fact]
    public void R15_R12_D1_H6_another_account_policy_timeline_or_instant_is_rejected()
    {
        var period = ReportingPeriod.ForDates(AccountReportingSettings.Create(Acct, "UTC"), new LocalDate(2026, 6, 1), new LocalDate(2026, 6, 7));
        var now = Instant.FromUtc(2026, 6, 10, 0, 0);
        var other = ConversationBatch.FromConversations(AccountId.From("acct-2"), ConversationPolicy.Default, []);
        var mine = ConversationBatch.FromConversations(Acct, ConversationPolicy.Default, []);
        var shortPolicy = ConversationBatch.FromConversations(Acct, ConversationPolicy.Create(Duration.FromHours(1)), []);

        Assert.Equal("R15", Assert.Throws<CustomerAgentException>(() => BulkDashboard.Default.Count(other, DashboardScope.Create(period, now))).Rule);
        Assert.Equal("D1", Assert.Throws<CustomerAgentException>(() => BulkDashboard.Default.Count(shortPolicy, DashboardScope.Create(period, now))).Rule);
        Assert.Equal("R12", Assert.Throws<CustomerAgentException>(() => DashboardScope.Create(period, now, AgentSwitchTimeline.Empty(AccountId.From("x")))).Rule);
        Assert.Equal("H6", Assert.Throws<CustomerAgentException>(() => DashboardScope.Create(period, SupportedInstants.End)).Rule);
        Assert.Throws<ArgumentOutOfRangeException>(() => BulkDashboard.Default.CountRows(mine, 0, 1, DashboardScope.Create(period, now)));
        Assert.Throws<ArgumentOutOfRangeException>(() => BulkDashboard.Default.CountParallel(mine, DashboardScope.Create(period, now), maxDegreeOfParallelism: 0));
        var empty = BulkDashboard.Default.Count(mine, DashboardScope.Create(period, now));
        Assert.Null(empty.Kpis.ResolvedByAiRate);
        Assert.Equal("R13", Assert.Throws<CustomerAgentException>(() => empty.Merge(BulkDashboard.Default.Count(mine, DashboardScope.Create(ReportingPeriod.ForDates(period.Settings, period.FirstDate, period.LastDate.PlusDays(1)), now)))).Rule);
        Assert.Equal("D1", Assert.Throws<CustomerAgentException>(() => empty.Merge(BulkDashboard.Default.Count(mine, DashboardScope.Create(period, now + Duration.Epsilon)))).Rule);
        var otherPeriod = ReportingPeriod.ForDates(AccountReportingSettings.Create(AccountId.From("acct-2"), "UTC"), period.FirstDate, period.LastDate);
        Assert.Equal("R15", Assert.Throws<CustomerAgentException>(() => empty.Merge(BulkDashboard.Default.Count(other, DashboardScope.Create(otherPeriod, now)))).Rule);
    }

    [Fact]
    public void A_row_range_outside_the_batch_or_a_missing_argument_is_plain_misuse()
    {
        var period = ReportingPeriod.ForDates(AccountReportingSettings.Create(Acct, "UTC"), new LocalDate(2026, 6, 1), new LocalDate(2026, 6, 7));
        var scope = DashboardScope.Create(period, Instant.FromUtc(2026, 6, 10, 0, 0));
        var start = ConversationBatch.ToUnixNanoseconds(period.Start);
        long[] starts = [start, start + 1];
        var batch = ConversationBatch.FromColumns(Acct, ConversationPolicy.Default, starts, starts, new byte[2], [ConversationBatch.NoInstant, ConversationBatch.NoInstant], [ConversationBatch.NoInstant, ConversationBatch.NoInstant], new byte[2]);

        Assert.Throws<ArgumentOutOfRangeException>(() => BulkDashboard.Default.CountRows(batch, -1, 1, scope));
        Assert.Throws<ArgumentOutOfRangeException>(() => BulkDashboard.Default.CountRows(batch, 0, -1, scope));
        Assert.Throws<ArgumentOutOfRangeException>(() => BulkDashboard.Default.CountRows(batch, 1, 2, scope));
        Assert.Throws<ArgumentOutOfRangeException>(() => BulkDashboard.Default.CountRows(batch, 3, 0, scope));
        Assert.Throws<ArgumentNullException>(() => BulkDashboard.Default.CountRows(null!, 0, 0, scope));
        Assert.Throws<ArgumentNullException>(() => BulkDashboard.Default.CountRows(batch, 0, 0, null!));
        Assert.Throws<ArgumentNullException>(() => BulkDashboard.Default.Count(null!, scope));
        Assert.Throws<ArgumentNullException>(() => BulkDashboard.Default.CountParallel(null!, scope));
        Assert.Throws<ArgumentOutOfRangeException>(() => BulkDashboard.Default.CountParallel(batch, scope, -2));
        Assert.Throws<ArgumentNullException>(() => new BulkDashboard(null!));
        Assert.Equal(1, BulkDashboard.Default.CountRows(batch, 1, 1, scope).Kpis.Volume);
        Assert.Equal(2, BulkDashboard.Default.CountParallel(batch, scope, 1).Kpis.Volume);
    }

    [Fact]
    public void Counting_allocates_nothing_per_conversation()
    {
        var period = ReportingPeriod.ForDates(AccountReportingSettings.Create(Acct, "Europe/Paris"), new LocalDate(2026, 3, 1), new LocalDate(2026, 5, 29));
        var n = 50_000;
        var starts = new long[n];
        var lasts = new long[n];
        var authors = new byte[n];
        var none = new long[n];
        var channels = new byte[n];
        var first = ConversationBatch.ToUnixNanoseconds(period.Start);
        for (var i = 0; i < n; i++)
        {
            starts[i] = first + (i * 150_000_000_000L);
            lasts[i] = starts[i] + 60_000_000_000L;
            authors[i] = (byte)(i & 1);
            none[i] = ConversationBatch.NoInstant;
            channels[i] = (byte)(i & 3);
        }

        var now = period.End + Duration.FromDays(3);
        AllocatesTheSameForAnySize(period, now, starts, lasts, authors, none, channels);
        Array.Reverse(starts);
        Array.Reverse(lasts);
        AllocatesTheSameForAnySize(period, now, starts, lasts, authors, none, channels);
    }

    [Fact]
    public void R14_a_batch_is_sorted_by_start_when_no_row_starts_before_the_one_above_it()
    {
        static ConversationBatch Of(params long[] starts) =>
            ConversationBatch.FromColumns(Acct, ConversationPolicy.Default, starts, starts, new byte[starts.Length], starts.Select(_ => ConversationBatch.NoInstant).ToArray(), starts.Select(_ => ConversationBatch.NoInstant).ToArray(), new byte[starts.Length]);

        Assert.True(Of().IsSortedByStart);
        Assert.True(Of(5).IsSortedByStart);
        Assert.True(Of(5, 5, 6).IsSortedByStart);
        Assert.False(Of(5, 6, 5).IsSortedByStart);
        Assert.False(Of(6, 5).IsSortedByStart);
    }

    private static void AllocatesTheSameForAnySize(ReportingPeriod period, Instant now, long[] starts, long[] lasts, byte[] authors, long[] none, byte[] channels)
    {
        var big = ConversationBatch.FromColumns(Acct, ConversationPolicy.Default, starts, lasts, authors, none, none, channels);
        var small = ConversationBatch.FromColumns(Acct, ConversationPolicy.Default, starts.AsSpan(0, 10), lasts.AsSpan(0, 10), authors.AsSpan(0, 10), none.AsSpan(0, 10), none.AsSpan(0, 10), channels.AsSpan(0, 10));
        Assert.Equal(starts[1] > starts[0], big.IsSortedByStart);
        BulkDashboard.Default.Count(big, DashboardScope.Create(period, now));
        BulkDashboard.Default.Count(small, DashboardScope.Create(period, now));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var a = BulkDashboard.Default.Count(small, DashboardScope.Create(period, now));
        var mid = GC.GetAllocatedBytesForCurrentThread();
        var b = BulkDashboard.Default.Count(big, DashboardScope.Create(period, now));
        var after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(10, a.Kpis.Volume);
        Assert.True(b.Kpis.Volume > 10);
        Assert.Equal(mid - before, after - mid);
    }
}
