using System.Text;
using CustomerAgent.Classification;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CustomerAgent.Tests.Dashboard;

public sealed class ConversationQueryTests
{
    private static readonly AccountId Acct = AccountId.From("acct-1");
    private static readonly ConversationQuery Table = new(ConversationClassifier.Default);
    private static readonly Instant Now = Instant.FromUtc(2026, 6, 12, 0, 0);

    private static Instant Utc(int d, int h, int m = 0) => Instant.FromUtc(2026, 6, d, h, m);

    private static Conversation Conv(string id, Instant start, string question = "Where is my order?", Channel channel = Channel.WebChat, Profile? profile = null, string account = "acct-1", ConversationMode mode = ConversationMode.Live) =>
        Conversation.Start(ConversationHeader.Create(ConversationId.From(id), AccountId.From(account), channel, mode, profile), start, question);

    private static Conversation[] Sample()
    {
        var a = Conv("a", Utc(1, 8), "Where is my order #123?", profile: Profile.Create(name: "Ann Lee", email: "ann@example.com"));
        a.RecordAgentMessage(Utc(1, 8, 1), "It ships today.", "order-tracking");
        a.ApplyTag(Utc(1, 8, 2), "shipping");
        a.Close(Utc(1, 8, 3), ClosedBy.Visitor);

        var b = Conv("b", Utc(2, 8), "Do you have this in blue?", Channel.Sms, Profile.Create(phoneNumber: "+33 6 12 34 56 78"));
        b.RecordAgentMessage(Utc(2, 8, 1), "Yes, the NAVY jacket.", "product-qa", ["sku-1"]);
        b.ApplyTag(Utc(2, 8, 2), "sizing");
        b.ApplyTag(Utc(2, 8, 2), "returns");
        b.TriggerHandoff(Utc(2, 9), HandoffKind.TransferToHuman, HandoffMode.Hard, HandoffReason.ExplicitAsk);

        var c = Conv("c", Utc(3, 8), "I want a refund", profile: Profile.Create(email: "zoe@example.com"));
        c.RecordShopperMessage(Utc(3, 8, 5), "Still waiting");

        var d = Conv("d", Utc(11, 20), "hello?");
        var preview = Conv("p", Utc(2, 8), "test run", mode: ConversationMode.Preview);
        return [a, b, c, d, preview];
    }

    private static ConversationTableQuery Query(
        IEnumerable<ConversationStatus>? statuses = null, Channel? channel = null, string? tag = null, ReportingPeriod? period = null, string? search = null,
        ConversationSortColumn sortBy = ConversationSortColumn.LastUpdated, SortDirection direction = SortDirection.Descending, int pageSize = 50) =>
        ConversationTableQuery.Create(Acct, statuses, channel, tag, period, search, sortBy, direction, pageSize);

    private static string[] Ids(ConversationPage page) => page.Rows.Select(r => r.Id.Value).ToArray();

    [Fact]
    public void R18_rows_show_first_question_profile_status_tags_messages_and_last_updated_newest_first()
    {
        var page = Table.Query(Sample(), Query(), Now);

        Assert.Equal(["d", "c", "b", "a"], Ids(page)); // preview excluded (R20)
        var b = page.Rows[2];
        Assert.Equal("Do you have this in blue?", b.FirstQuestion);
        Assert.Equal("+33612345678", b.Profile);
        Assert.Equal(ConversationStatus.NotResolvedByAi, b.Status);
        Assert.Equal(["sizing", "returns"], b.Tags);
        Assert.Equal(2, b.MessageCount);
        Assert.Equal(Utc(2, 8, 1), b.LastUpdated);
        Assert.Equal(Utc(2, 8), b.StartedAt);
        Assert.Equal(Channel.Sms, b.Channel);
        Assert.Equal("Ann Lee", page.Rows[3].Profile);
        Assert.Equal("zoe@example.com", page.Rows[1].Profile);
        Assert.Equal("ConversationRow(c, web-chat, closed, 2 messages, last updated 2026-06-03T08:05:00Z)", page.Rows[1].ToString()); // R11: no profile, no text
        Assert.Equal(Profile.AnonymousDisplayName, page.Rows[0].Profile);
        Assert.Null(page.NextCursor);
        Assert.Equal(4, page.MatchingCount);
        Assert.Equal(Now, page.AsOf);
    }

    [Fact]
    public void R19_filter_by_one_or_several_statuses_by_channel_by_tag_and_by_period()
    {
        var all = Sample();
        var paris = AccountReportingSettings.Create(Acct, "Europe/Paris");

        Assert.Equal(["b"], Ids(Table.Query(all, Query([ConversationStatus.NotResolvedByAi]), Now)));
        Assert.Equal(["c", "b"], Ids(Table.Query(all, Query([ConversationStatus.NotResolvedByAi, ConversationStatus.Closed]), Now)));
        Assert.Equal(["b"], Ids(Table.Query(all, Query(channel: Channel.Sms), Now)));
        Assert.Equal(["b"], Ids(Table.Query(all, Query(tag: "returns"), Now)));
        Assert.Empty(Ids(Table.Query(all, Query(tag: "Returns"), Now)));
        Assert.Equal(["c", "b"], Ids(Table.Query(all, Query(period: ReportingPeriod.ForDates(paris, new LocalDate(2026, 6, 2), new LocalDate(2026, 6, 3))), Now)));
    }

    [Theory]
    [InlineData("ORDER #123", "a")]       // first question, any case
    [InlineData("navy", "b")]             // an agent message
    [InlineData("still WAITING", "c")]    // a later shopper message
    [InlineData("ann lee", "a")]          // profile name
    [InlineData("ZOE@EXAMPLE", "c")]      // profile email
    [InlineData("+336123", "b")]          // profile phone
    [InlineData("  blue  ", "b")]         // trimmed
    public void R18_search_is_case_insensitive_over_question_profile_and_messages(string search, string id)
    {
        Assert.Equal([id], Ids(Table.Query(Sample(), Query(search: search), Now)));
    }

    [Fact]
    public void R18_search_sees_only_messages_sent_by_the_instant()
    {
        Assert.Empty(Ids(Table.Query(Sample(), Query(search: "still waiting"), Utc(3, 8, 1))));
        Assert.Empty(Ids(Table.Query(Sample(), Query(search: "test run"), Now))); // preview (R20)
    }

    [Theory]
    [InlineData(ConversationSortColumn.LastUpdated, SortDirection.Ascending, "a,b,c,d")]
    [InlineData(ConversationSortColumn.Started, SortDirection.Descending, "d,c,b,a")]
    [InlineData(ConversationSortColumn.FirstQuestion, SortDirection.Ascending, "b,d,c,a")]
    [InlineData(ConversationSortColumn.Profile, SortDirection.Ascending, "b,a,d,c")]
    [InlineData(ConversationSortColumn.Status, SortDirection.Ascending, "d,a,b,c")]
    [InlineData(ConversationSortColumn.Tags, SortDirection.Descending, "b,a,d,c")]
    [InlineData(ConversationSortColumn.MessageCount, SortDirection.Descending, "c,b,a,d")]
    public void R18_sorting_by_each_column_with_the_id_breaking_ties(ConversationSortColumn column, SortDirection direction, string expected)
    {
        Assert.Equal(expected.Split(','), Ids(Table.Query(Sample(), Query(sortBy: column, direction: direction), Now)));
    }

    [Fact]
    public void R18_paging_by_cursor_continues_after_the_last_row_and_ends_without_a_cursor()
    {
        var all = Sample();
        var q = Query(pageSize: 3);

        var first = Table.Query(all, q, Now);
        var second = Table.Query(all, q, first.AsOf, first.NextCursor);

        Assert.Equal(["d", "c", "b"], Ids(first));
        Assert.NotNull(first.NextCursor);
        Assert.Equal(["a"], Ids(second));
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public void R18_a_new_conversation_between_pages_does_not_shift_the_rows_already_seen()
    {
        var all = Sample().ToList();
        var q = Query(pageSize: 2, sortBy: ConversationSortColumn.Started, direction: SortDirection.Ascending);
        var first = Table.Query(all, q, Now);
        all.Add(Conv("aa", Utc(1, 7))); // earlier than every row of the first page

        var second = Table.Query(all, q, first.AsOf, first.NextCursor);

        Assert.Equal(["a", "b"], Ids(first));
        Assert.Equal(["c", "d"], Ids(second));
    }

    [Fact]
    public void R18_a_forged_or_stale_cursor_is_rejected_clearly()
    {
        var all = Sample();
        var q = Query(pageSize: 1);
        var cursor = Table.Query(all, q, Now).NextCursor!;

        var stale = Assert.Throws<CustomerAgentException>(() => Table.Query(all, Query(pageSize: 1, search: "order"), Now, cursor));
        Assert.Equal(("R18", "cursor"), (stale.Rule, stale.Field));
        Assert.Contains("another query or instant", stale.Message, StringComparison.Ordinal);
        Assert.Contains("another query", Assert.Throws<CustomerAgentException>(() => Table.Query(all, q, Now + Duration.Epsilon, cursor)).Message, StringComparison.Ordinal);

        // A page size change is not a different query: the keyset position still holds.
        Assert.Equal(["c", "b", "a"], Ids(Table.Query(all, Query(pageSize: 10), Now, cursor)));

        var raw = Encoding.UTF8.GetString(Base64UrlDecode(cursor));
        var tampered = Base64UrlEncode(Encoding.UTF8.GetBytes(raw.Replace("|d|", "|a|", StringComparison.Ordinal)));
        Assert.NotEqual(cursor, tampered);
        foreach (var forged in new[] { tampered, "not a cursor", "", cursor[..^2], cursor + "A", Base64UrlEncode("c1|0|0|-||x|0000000000000000"u8.ToArray()) })
        {
            var e = Assert.Throws<CustomerAgentException>(() => Table.Query(all, q, Now, forged));
            Assert.Equal(("R18", "cursor"), (e.Rule, e.Field));
            Assert.Contains("not a cursor issued by this table", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void R18_query_arguments_are_validated()
    {
        Assert.Equal("R18", Assert.Throws<CustomerAgentException>(() => Query(pageSize: 0)).Rule);
        Assert.Equal("R18", Assert.Throws<CustomerAgentException>(() => Query(pageSize: 101)).Rule);
        Assert.Equal(100, Query(pageSize: 100).PageSize);
        Assert.Equal(50, ConversationTableQuery.Create(Acct).PageSize);
        Assert.Equal("R19", Assert.Throws<CustomerAgentException>(() => Query([(ConversationStatus)9])).Rule);
        Assert.Equal("R18", Assert.Throws<CustomerAgentException>(() => Query(channel: (Channel)9)).Rule);
        Assert.Equal("R18", Assert.Throws<CustomerAgentException>(() => Query(tag: " ")).Rule);
        Assert.Equal("R18", Assert.Throws<CustomerAgentException>(() => Query(sortBy: (ConversationSortColumn)9)).Rule);
        Assert.Equal("ID", Assert.Throws<CustomerAgentException>(() => ConversationTableQuery.Create(default)).Rule);
        var other = ReportingPeriod.ForDates(AccountReportingSettings.Create(AccountId.From("x"), "UTC"), new LocalDate(2026, 6, 1), new LocalDate(2026, 6, 1));
        Assert.Equal("R18", Assert.Throws<CustomerAgentException>(() => Query(period: other)).Rule);
        Assert.Equal([ConversationStatus.ResolvedByAi, ConversationStatus.NotResolvedByAi], Query([ConversationStatus.NotResolvedByAi, ConversationStatus.ResolvedByAi, ConversationStatus.NotResolvedByAi]).Statuses);
    }

    [Fact]
    public void R18_R12_other_accounts_duplicates_and_conversations_begun_while_the_agent_was_off()
    {
        var all = Sample();
        Assert.Equal("R18", Assert.Throws<CustomerAgentException>(() => Table.Query([.. all, Conv("z", Utc(1, 1), account: "acct-2")], Query(), Now)).Rule);
        Assert.Equal("R18", Assert.Throws<CustomerAgentException>(() => Table.Query([.. all, Conv("a", Utc(1, 1))], Query(), Now)).Rule);

        var timeline = AgentSwitchTimeline.Empty(Acct).Enable(Channel.WebChat, Utc(1, 0)).Disable(Channel.WebChat, Utc(3, 0));
        Assert.Equal(["a"], Ids(Table.Query(all, Query(), Now, timeline: timeline)));
        Assert.Equal("R12", Assert.Throws<CustomerAgentException>(() => Table.Query(all, Query(), Now, timeline: AgentSwitchTimeline.Empty(AccountId.From("x")))).Rule);
        Assert.Equal("H6", Assert.Throws<CustomerAgentException>(() => Table.Query(all, Query(), SupportedInstants.End)).Rule);
    }

    [Fact]
    public void R18_opening_a_row_shows_the_whole_thread()
    {
        var b = Sample()[1];

        var thread = Table.Thread(b, Now);

        Assert.Equal("b", thread.Row.Id.Value);
        Assert.Equal(
            ["Shopper@0:Do you have this in blue?:", "Agent@1:Yes, the NAVY jacket.:product-qa"],
            thread.Messages.Select(m => $"{m.Author}@{m.Index}:{m.Text}:{m.Skill}"));
        Assert.Equal(["sku-1"], thread.Messages[1].Products);
        Assert.Equal("ThreadMessage(1, Agent, 2026-06-02T08:01:00Z, product-qa)", thread.Messages[1].ToString());
        Assert.Single(Table.Thread(b, Utc(2, 8)).Messages);
        Assert.Equal("D1", Assert.Throws<CustomerAgentException>(() => Table.Thread(b, Utc(1, 0))).Rule);
    }

    [Property(MaxTest = 200)]
    public Property R18_paging_visits_every_matching_row_exactly_once_in_order_for_any_page_size()
    {
        var gen =
            from c in DashboardGenerators.Case
            from pageSize in Gen.Frequency((3, Gen.Choose(1, 5)), (1, Gen.Choose(1, 100)))
            from column in Gen.Elements(Enum.GetValues<ConversationSortColumn>())
            from direction in Gen.Elements(Enum.GetValues<SortDirection>())
            from statuses in Gen.SubListOf(Enum.GetValues<ConversationStatus>())
            from channel in Gen.Elements<Channel?>(null, null, Channel.WebChat, Channel.Sms)
            from search in Gen.Elements<string?>(null, null, "PARCEL", "c00", "ann", "élise", "SHIPPING", "with order")
            select (c, pageSize, column, direction, statuses.ToArray(), channel, search);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (c, pageSize, column, direction, statuses, channel, search) = input;
            var conversations = c.Conversations();
            var query = ConversationTableQuery.Create(AccountId.From(DashboardGenerators.Account), statuses, channel, null, null, search, column, direction, pageSize);

            var expected = Oracle(conversations, statuses, channel, search, column, direction, c.AsOf);
            var visited = new List<string>();
            string? cursor = null;
            var pages = 0;
            do
            {
                var page = Table.Query(conversations, query, c.AsOf, cursor);
                Assert.True(page.Rows.Count <= pageSize);
                Assert.True(page.NextCursor is null || page.Rows.Count == pageSize);
                Assert.Equal(expected.Length, page.MatchingCount);
                visited.AddRange(Ids(page));
                cursor = page.NextCursor;
                Assert.True(++pages <= expected.Length + 1);
            }
            while (cursor is not null);

            Assert.Equal(expected, visited);
        });
    }

    /// <summary>The matching rows in order, from the rules: filters, search over the texts, and the column's order then the ID.</summary>
    private static string[] Oracle(Conversation[] all, ConversationStatus[] statuses, Channel? channel, string? search, ConversationSortColumn column, SortDirection direction, Instant asOf)
    {
        var rows = all
            .Where(x => x.IsCountedInMetrics && x.StartedAt <= asOf)
            .Select(x => (x, status: ConversationClassifier.Default.Classify(x, asOf).Status))
            .Where(r => statuses.Length == 0 || statuses.Contains(r.status))
            .Where(r => channel is null || r.x.Channel == channel)
            .Where(r => search is null || Texts(r.x, asOf).Any(t => t.ToUpperInvariant().Contains(search.Trim().ToUpperInvariant(), StringComparison.Ordinal)))
            .ToList();
        IComparable Key((Conversation x, ConversationStatus status) r)
        {
            var messages = r.x.History.Where(a => a.At <= asOf && a is ShopperMessageSent or AgentMessageSent).ToList();
            return column switch
            {
                ConversationSortColumn.LastUpdated => messages[^1].At,
                ConversationSortColumn.Started => r.x.StartedAt,
                ConversationSortColumn.FirstQuestion => r.x.FirstQuestion.ToUpperInvariant(),
                ConversationSortColumn.Profile => r.x.Header.Profile.DisplayName.ToUpperInvariant(),
                ConversationSortColumn.Status => (int)r.status,
                ConversationSortColumn.Tags => string.Join(", ", DashboardGenerators.TagsAsOf(r.x, asOf)).ToUpperInvariant(),
                _ => messages.Count,
            };
        }

        var ordered = rows.OrderBy(Key, Comparer<IComparable>.Create((a, b) => a is string sa ? string.CompareOrdinal(sa, (string)b) : a.CompareTo(b)))
            .ThenBy(r => r.x.Id.Value, StringComparer.Ordinal)
            .Select(r => r.x.Id.Value);
        return (direction == SortDirection.Descending ? ordered.Reverse() : ordered).ToArray();
    }

    private static IEnumerable<string> Texts(Conversation c, Instant asOf)
    {
        var p = c.Header.Profile;
        foreach (var s in new[] { p.Name, p.Email, p.PhoneNumber })
        {
            if (s is not null)
            {
                yield return s;
            }
        }

        foreach (var a in c.History.Where(a => a.At <= asOf))
        {
            if (a is ShopperMessageSent m)
            {
                yield return m.Text;
            }
            else if (a is AgentMessageSent g)
            {
                yield return g.Text;
            }
        }
    }

    private static byte[] Base64UrlDecode(string s) => System.Buffers.Text.Base64Url.DecodeFromChars(s);

    private static string Base64UrlEncode(byte[] b) => System.Buffers.Text.Base64Url.EncodeToString(b);
}
