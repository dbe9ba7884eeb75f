using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CustomerAgent.Tests.Dashboard;

/// <summary>
/// R18, R19: the conversations table answered from conversations' facts (<see cref="ConversationQuery.QueryFacts"/>, what a host
/// that keeps no texts and the activity log's reader use) is the table answered from the aggregates: the same rows, statuses,
/// counts and cursors, page after page, for any filter, sort and page size that needs no texts; and the facts path's own
/// checks name their rule.
/// </summary>
public sealed class ConversationQueryFactsTests
{
    private static readonly ConversationQuery Table = new(ConversationClassifier.Default);
    private static readonly AccountId Acct = AccountId.From(DashboardGenerators.Account);

    private static KeyValuePair<ConversationId, ConversationFacts>[] FactsOf(IEnumerable<Conversation> conversations, Instant asOf) =>
        [.. conversations.Select(c => KeyValuePair.Create(c.Id, c.FactsAsOf(asOf)))];

    private static Func<ConversationId, ConversationOpening> Openings(IEnumerable<Conversation> conversations)
    {
        var byId = conversations.ToDictionary(c => c.Id);
        return id => new ConversationOpening(byId[id].FirstQuestion, byId[id].Header.Profile);
    }

    private static string Describe(ConversationRow r) =>
        $"{r.Id} {r.Channel} {r.Status} [{string.Join(",", r.Tags)}] {r.MessageCount} {r.StartedAt} {r.LastUpdated} {r.FirstQuestion} {r.Profile}";

    [Property(MaxTest = 200)]
    public Property R18_R19_the_table_from_facts_is_the_table_from_the_aggregates_page_after_page()
    {
        var textless = Enum.GetValues<ConversationSortColumn>().Where(c => c is not ConversationSortColumn.FirstQuestion and not ConversationSortColumn.Profile).ToArray();
        var gen =
            from c in DashboardGenerators.Case
            from pageSize in Gen.Frequency((3, Gen.Choose(1, 4)), (1, Gen.Choose(1, 100)))
            from column in Gen.Elements(textless)
            from direction in Gen.Elements(Enum.GetValues<SortDirection>())
            from statuses in Gen.SubListOf(Enum.GetValues<ConversationStatus>())
            from channel in Gen.Elements<Channel?>(null, null, Channel.WebChat, Channel.Sms)
            from withPeriod in Gen.Elements(false, true)
            select (c, pageSize, column, direction, statuses.ToArray(), channel, withPeriod);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (c, pageSize, column, direction, statuses, channel, withPeriod) = input;
            var conversations = c.Conversations();
            var facts = FactsOf(conversations, c.AsOf);
            var openings = Openings(conversations);
            var query = ConversationTableQuery.Create(Acct, statuses, channel, null, withPeriod ? c.Period : null, null, column, direction, pageSize);

            string? cursor = null, factsCursor = null;
            var pages = 0;
            var visited = new List<string>();
            do
            {
                var expected = Table.Query(conversations, query, c.AsOf, cursor);
                var actual = Table.QueryFacts(facts, query, c.AsOf, openings, factsCursor);
                Assert.Equal(expected.Rows.Select(Describe), actual.Rows.Select(Describe));
                Assert.Equal(expected.MatchingCount, actual.MatchingCount);
                Assert.Equal(expected.NextCursor, actual.NextCursor);
                Assert.Equal(expected.AsOf, actual.AsOf);
                visited.AddRange(expected.Rows.Select(Describe));
                (cursor, factsCursor) = (expected.NextCursor, actual.NextCursor);
                Assert.True(++pages <= conversations.Length + 1);
            }
            while (cursor is not null);

            // every row at once, in the same order as the pages gave them
            Assert.Equal(visited, Table.AllRowsOfFacts(facts, query, c.AsOf, openings).Select(Describe));
        });
    }

    [Fact]
    public void R18_D1_the_facts_path_checks_ids_repeats_later_facts_and_text_queries()
    {
        var asOf = Instant.FromUtc(2026, 6, 12, 0, 0);
        var c = Conversation.Start(ConversationHeader.Create(ConversationId.From("c1"), Acct, Channel.WebChat, ConversationMode.Live, null), asOf - Duration.FromHours(1), "Hi");
        c.RecordAgentMessage(asOf - Duration.FromMinutes(30), "Hello", "general-qa");
        var openings = Openings([c]);
        var query = ConversationTableQuery.Create(Acct);

        CustomerAgentException Rejects(IEnumerable<KeyValuePair<ConversationId, ConversationFacts>> facts, ConversationTableQuery? q = null, Instant? at = null) =>
            Assert.Throws<CustomerAgentException>(() => Table.QueryFacts(facts, q ?? query, at ?? asOf, openings));

        var e = Rejects([KeyValuePair.Create(default(ConversationId), c.Facts)]);
        Assert.Equal(("ID", "conversation"), (e.Rule, e.Field));
        e = Rejects([KeyValuePair.Create(c.Id, c.Facts), KeyValuePair.Create(c.Id, c.Facts)]);
        Assert.Equal(("R18", "conversations", "c1"), (e.Rule, e.Field, e.Value));
        e = Rejects([KeyValuePair.Create(c.Id, c.Facts)], at: asOf - Duration.FromMinutes(45));
        Assert.Equal(("D1", "facts", "c1"), (e.Rule, e.Field, e.Value));
        e = Rejects([], ConversationTableQuery.Create(Acct, search: "hello"));
        Assert.Equal(("R18", "query.search"), (e.Rule, e.Field));
        e = Rejects([], ConversationTableQuery.Create(Acct, sortBy: ConversationSortColumn.Profile));
        Assert.Equal(("R18", "query.sortBy", "Profile"), (e.Rule, e.Field, e.Value));
        Assert.Throws<CustomerAgentException>(() => Table.AllRowsOfFacts([], ConversationTableQuery.Create(Acct, sortBy: ConversationSortColumn.FirstQuestion), asOf, openings));

        // a conversation not started by the instant is no row; the page is what the aggregates give
        var page = Table.QueryFacts([KeyValuePair.Create(c.Id, c.FactsAsOf(asOf - Duration.FromHours(2)))], query, asOf - Duration.FromHours(2), openings);
        Assert.Empty(page.Rows);
        Assert.Equal(0, page.MatchingCount);
        var ex = Assert.Throws<ArgumentException>(() => Table.QueryFacts([KeyValuePair.Create(c.Id, c.Facts)], query, asOf, _ => null!));
        Assert.Equal("openingOf", ex.ParamName);
        Assert.Throws<ArgumentNullException>(() => Table.QueryFacts(null!, query, asOf, openings));
        Assert.Throws<ArgumentNullException>(() => Table.QueryFacts([], query, asOf, null!));
    }
}
