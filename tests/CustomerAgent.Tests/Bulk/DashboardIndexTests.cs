using CustomerAgent.Bulk;
using CustomerAgent.Classification;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.Tests.Dashboard;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CustomerAgent.Tests.Bulk;

/// <summary>
/// The dashboard index (<see cref="DashboardIndex"/>) against the per-conversation paths it restates: the counts against
/// <see cref="DashboardAccumulator"/>, every page of the table (rows, cursors, matching counts) against
/// <see cref="ConversationQuery.Query"/>, on random conversations, periods, timelines, instants after the latest activity and queries.
/// </summary>
public sealed class DashboardIndexTests
{
    private static readonly AccountId Acct = AccountId.From(DashboardGenerators.Account);
    private static readonly ConversationQuery Table = new(ConversationClassifier.Default);

    /// <summary>Timelines whose switches fall on the period's day starts and the rows' starts (± 1 ns), or none.</summary>
    private static Gen<AgentSwitchTimeline?> TimelineFor(DashboardCase c)
    {
        var edges = c.Period.DayStarts.ToArray().Concat(c.Specs.Select(s => s.Start)).ToArray();
        var change = from e in Gen.Elements(edges)
                     from jitter in Gen.Elements(-1L, 0L, 1L)
                     from channel in Gen.Elements(Enum.GetValues<Channel>())
                     from enabled in Gen.Elements(true, false)
                     select new AgentSwitchChange(e + Duration.FromNanoseconds(jitter), channel, enabled);
        return from n in Gen.Choose(0, 8)
               from changes in change.ArrayOf(n)
               from none in Gen.Elements(true, false)
               select none ? null : AgentSwitchTimeline.Create(Acct, changes.OrderBy(x => x.At).DistinctBy(x => (x.At, x.Channel)));
    }

    /// <summary>An instant the index answers for: the latest activity (or the case's instant, if later), then up to four days on, so statuses differ.</summary>
    private static Gen<Instant> AsOfAfter(Conversation[] conversations, DashboardCase c) =>
        from minutes in Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(0, 4 * 24 * 60)))
        select Latest(conversations, c.AsOf) + Duration.FromMinutes(minutes);

    private static Instant Latest(Conversation[] conversations, Instant floor) =>
        conversations.Select(x => x.LastActivityAt).Append(floor).Max();

    [Property(MaxTest = 200)]
    public Property R13_R14_R15_R12_the_index_counts_equal_the_per_conversation_accumulator()
    {
        var gen = from c in DashboardGenerators.Case
                  from timeline in TimelineFor(c)
                  from asOf in AsOfAfter(c.Conversations(), c)
                  select (c, timeline, asOf);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (c, timeline, asOf) = input;
            var conversations = c.Conversations();
            var expected = new DashboardAccumulator(c.Period, asOf, ConversationClassifier.Default, timeline).AddRange(conversations);
            var index = DashboardIndex.Create(Acct, ConversationPolicy.Default, conversations.Reverse(), timeline);
            var actual = index.Accumulate(c.Period, asOf);

            Assert.Equal(DashboardGenerators.Canon(expected.ToReport()), DashboardGenerators.Canon(actual.ToReport()));
            Assert.Equal(expected.Count, actual.Count);
            Assert.Equal(conversations.Length, index.ConversationCount);
            Assert.Equal(conversations.Count(x => ConversationCohort.Counts(x.Facts, timeline)), index.CountedCount);
        });
    }

    [Property(MaxTest = 200)]
    public Property R18_R19_R12_every_page_of_the_index_equals_the_per_conversation_table_page()
    {
        var gen =
            from c in DashboardGenerators.Case
            from timeline in TimelineFor(c)
            from asOf in AsOfAfter(c.Conversations(), c)
            from pageSize in Gen.Frequency((3, Gen.Choose(1, 5)), (1, Gen.Choose(1, 100)))
            from column in Gen.Elements(Enum.GetValues<ConversationSortColumn>())
            from direction in Gen.Elements(Enum.GetValues<SortDirection>())
            from statuses in Gen.SubListOf(Enum.GetValues<ConversationStatus>())
            from channel in Gen.Elements<Channel?>(null, null, Channel.WebChat, Channel.Sms)
            from tag in Gen.Elements<string?>(null, null, "shipping", "returns", "Shipping")
            from period in Gen.Elements(false, false, true)
            from search in Gen.Elements<string?>(null, null, "PARCEL", "c00", "ann", "élise", "example.com", "with order", "thanks, ONE", "Anonymous")
            select (c, timeline, asOf, pageSize, column, direction, statuses.ToArray(), channel, tag, period, search);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (c, timeline, asOf, pageSize, column, direction, statuses, channel, tag, period, search) = input;
            var conversations = c.Conversations();
            var index = DashboardIndex.Create(Acct, ConversationPolicy.Default, conversations, timeline);
            var query = ConversationTableQuery.Create(Acct, statuses, channel, tag, period ? c.Period : null, search, column, direction, pageSize);

            string? cursor = null;
            var pages = 0;
            do
            {
                var expected = Table.Query(conversations, query, asOf, cursor, timeline);
                var actual = index.Query(query, asOf, cursor);
                Assert.Equal(Describe(expected), Describe(actual));
                cursor = expected.NextCursor;
                Assert.True(++pages <= conversations.Length + 1);
            }
            while (cursor is not null);
        });
    }

    [Fact]
    public void D1_the_index_answers_from_the_latest_activity_on_and_refuses_an_earlier_instant()
    {
        var start = Instant.FromUtc(2026, 6, 1, 9, 0);
        var c = Conversation.Start(ConversationHeader.Create(ConversationId.From("c1"), Acct, Channel.WebChat), start, "Where is my parcel?");
        c.RecordAgentMessage(start + Duration.FromMinutes(1), "On its way.", "order-tracking");
        var index = DashboardIndex.Create(Acct, ConversationPolicy.Default, [c]);
        var settings = AccountReportingSettings.Create(Acct, "UTC", IsoDayOfWeek.Monday);
        var day = ReportingPeriod.ForDates(settings, new LocalDate(2026, 6, 1), new LocalDate(2026, 6, 1));
        var latest = start + Duration.FromMinutes(1);
        Assert.Equal(latest, index.LatestActivityAt);

        // at the latest activity: open (R5); 48 hours after the agent's last message: resolved by AI (R2)
        Assert.Equal(1, index.Accumulate(day, latest).ToReport().Kpis.Open);
        Assert.Equal(1, index.Accumulate(day, latest + Duration.FromHours(48)).ToReport().Kpis.ResolvedByAi);
        Assert.Equal(ConversationStatus.ResolvedByAi, index.Query(ConversationTableQuery.Create(Acct), latest + Duration.FromHours(48)).Rows.Single().Status);

        // one nanosecond before: the final facts would show a message not yet sent (D1)
        var before = latest - Duration.Epsilon;
        Assert.Equal("D1", Assert.Throws<CustomerAgentException>(() => index.Accumulate(day, before)).Rule);
        var ex = Assert.Throws<CustomerAgentException>(() => index.Query(ConversationTableQuery.Create(Acct), before));
        Assert.Equal(("D1", "asOf"), (ex.Rule, ex.Field));
    }

    [Fact]
    public void R15_R18_R12_D1_another_accounts_conversation_period_query_or_timeline_and_a_duplicate_or_another_policy_are_refused()
    {
        var other = AccountId.From("acct-2");
        var start = Instant.FromUtc(2026, 6, 1, 9, 0);
        Conversation Conv(string id, AccountId account, ConversationPolicy? policy = null) =>
            Conversation.Start(ConversationHeader.Create(ConversationId.From(id), account, Channel.Sms), start, "Hello", policy);

        Assert.Equal("R18", Assert.Throws<CustomerAgentException>(() => DashboardIndex.Create(Acct, ConversationPolicy.Default, [Conv("c1", other)])).Rule);
        Assert.Equal("R18", Assert.Throws<CustomerAgentException>(() => DashboardIndex.Create(Acct, ConversationPolicy.Default, [Conv("c1", Acct), Conv("c1", Acct)])).Rule);
        Assert.Equal("D1", Assert.Throws<CustomerAgentException>(() => DashboardIndex.Create(Acct, ConversationPolicy.Default, [Conv("c1", Acct, ConversationPolicy.Create(Duration.FromHours(24)))])).Rule);
        var otherTimeline = AgentSwitchTimeline.Create(other, [new AgentSwitchChange(start, Channel.Sms, true)]);
        Assert.Equal("R12", Assert.Throws<CustomerAgentException>(() => DashboardIndex.Create(Acct, ConversationPolicy.Default, [], otherTimeline)).Rule);

        var index = DashboardIndex.Create(Acct, ConversationPolicy.Default, [Conv("c1", Acct)]);
        var theirs = ReportingPeriod.ForDates(AccountReportingSettings.Create(other, "UTC", IsoDayOfWeek.Monday), new LocalDate(2026, 6, 1), new LocalDate(2026, 6, 1));
        Assert.Equal("R15", Assert.Throws<CustomerAgentException>(() => index.Accumulate(theirs, start)).Rule);
        Assert.Equal("R18", Assert.Throws<CustomerAgentException>(() => index.Query(ConversationTableQuery.Create(other), start)).Rule);
    }

    [Fact]
    public void R18_a_search_matches_inside_one_text_ignoring_case_never_across_two_texts()
    {
        var start = Instant.FromUtc(2026, 6, 1, 9, 0);
        var c = Conversation.Start(ConversationHeader.Create(ConversationId.From("c1"), Acct, Channel.WebChat, profile: Profile.Create(name: "Zoë")), start, "red SHOES");
        c.RecordAgentMessage(start + Duration.FromMinutes(1), "blue hats", "product-qa");
        var conversations = new[] { c };
        var index = DashboardIndex.Create(Acct, ConversationPolicy.Default, conversations);
        var asOf = start + Duration.FromMinutes(1);
        foreach (var (search, matches) in new[] { ("shoes", true), ("ZOË", true), ("Hats", true), ("shoesblue", false), ("shoes\0blue", false), ("s\0", false), ("socks", false) })
        {
            var query = ConversationTableQuery.Create(Acct, search: search);
            Assert.Equal(matches ? 1 : 0, index.Query(query, asOf).MatchingCount);
            Assert.Equal(Table.Query(conversations, query, asOf).MatchingCount, index.Query(query, asOf).MatchingCount);
        }
    }

    /// <summary>A page as text: matching count, instant, cursor and every row's shown fields.</summary>
    internal static string Describe(ConversationPage page) =>
        $"matching {page.MatchingCount} as of {page.AsOf} next {page.NextCursor ?? "-"}\n" + string.Join("\n", page.Rows.Select(r =>
            $"{r.Id} {r.Status} {r.Channel} [{r.FirstQuestion}] [{r.Profile}] [{string.Join(",", r.Tags)}] {r.MessageCount} {r.StartedAt} {r.LastUpdated}"));
}
