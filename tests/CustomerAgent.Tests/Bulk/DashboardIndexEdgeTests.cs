using CustomerAgent.Bulk;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using NodaTime;

namespace CustomerAgent.Tests.Bulk;

/// <summary>
/// Examples at the edges the random cases of <see cref="DashboardIndexTests"/> rarely reach: each against the per-conversation
/// table (<see cref="ConversationQuery"/>) or the accumulator, and the index's argument checks with the names they give.
/// </summary>
public sealed class DashboardIndexEdgeTests
{
    private static readonly AccountId Acct = AccountId.From("acct-1");
    private static readonly ConversationQuery Table = new(ConversationClassifier.Default);
    private static readonly Instant Start = Instant.FromUtc(2026, 6, 1, 9, 0);
    private static readonly ReportingPeriod June = ReportingPeriod.ForDates(AccountReportingSettings.Create(Acct, "UTC", IsoDayOfWeek.Monday), new LocalDate(2026, 6, 1), new LocalDate(2026, 6, 30));

    private static Conversation Conv(string id, Instant at, string text = "Hello", Channel channel = Channel.WebChat, Profile? profile = null) =>
        Conversation.Start(ConversationHeader.Create(ConversationId.From(id), Acct, channel, profile: profile), at, text);

    /// <summary>Both tables' first page for <paramref name="query"/>, as <see cref="DashboardIndexTests.Describe"/> writes it out.</summary>
    private static void SamePage(Conversation[] conversations, ConversationTableQuery query, Instant asOf) =>
        Assert.Equal(
            DashboardIndexTests.Describe(Table.Query(conversations, query, asOf)),
            DashboardIndexTests.Describe(DashboardIndex.Create(Acct, ConversationPolicy.Default, conversations).Query(query, asOf)));

    [Fact]
    public void D1_an_empty_index_has_no_latest_activity_and_answers_for_any_supported_instant()
    {
        var index = DashboardIndex.Create(Acct, ConversationPolicy.Default, []);

        Assert.Null(index.LatestActivityAt);
        foreach (var at in new[] { SupportedInstants.Start, Start, SupportedInstants.End - Duration.Epsilon })
        {
            Assert.Equal(0, index.Accumulate(June, at).ToReport().Kpis.Volume);
            Assert.Equal(0, index.Query(ConversationTableQuery.Create(Acct), at).MatchingCount);
        }

        Assert.Equal("DashboardIndex(acct-1, 0 of 0 conversations counted)", index.ToString());
        Assert.Equal("DashboardIndex(acct-1, 1 of 1 conversations counted)", DashboardIndex.Create(Acct, ConversationPolicy.Default, [Conv("c1", Start)]).ToString());
    }

    [Fact]
    public void R15_D1_a_conversation_started_exactly_at_the_instant_reported_as_of_counts()
    {
        var conversations = new[] { Conv("early", Start), Conv("now", Start + Duration.FromHours(1)) };
        var asOf = Start + Duration.FromHours(1);
        var index = DashboardIndex.Create(Acct, ConversationPolicy.Default, conversations);

        var expected = new DashboardAccumulator(June, asOf, ConversationClassifier.Default).AddRange(conversations).ToReport().Kpis;
        Assert.Equal(2, expected.Volume);
        Assert.Equal(expected, index.Accumulate(June, asOf).ToReport().Kpis);
    }

    [Fact]
    public void R18_filtering_on_the_channel_alone_keeps_only_that_channels_rows()
    {
        var conversations = new[] { Conv("w1", Start), Conv("s1", Start + Duration.FromMinutes(1), channel: Channel.Sms), Conv("w2", Start + Duration.FromMinutes(2)) };
        var asOf = Start + Duration.FromMinutes(2);

        SamePage(conversations, ConversationTableQuery.Create(Acct, channel: Channel.Sms), asOf);
        Assert.Equal(["s1"], DashboardIndex.Create(Acct, ConversationPolicy.Default, conversations).Query(ConversationTableQuery.Create(Acct, channel: Channel.Sms), asOf).Rows.Select(r => r.Id.Value));
    }

    [Fact]
    public void R18_R19_a_period_that_leaves_earlier_rows_out_counts_only_its_own()
    {
        var may = Conv("may", Instant.FromUtc(2026, 5, 30, 9, 0));
        var conversations = new[] { may, Conv("june-1", Start), Conv("june-2", Start + Duration.FromDays(3)), Conv("july", Instant.FromUtc(2026, 7, 2, 9, 0)) };
        var asOf = Instant.FromUtc(2026, 7, 2, 9, 0);
        var query = ConversationTableQuery.Create(Acct, period: June, pageSize: 1);

        SamePage(conversations, query, asOf);
        Assert.Equal(2, DashboardIndex.Create(Acct, ConversationPolicy.Default, conversations).Query(query, asOf).MatchingCount);
    }

    [Fact]
    public void R18_the_search_finds_names_phones_and_the_start_of_the_first_text_and_skips_missing_profile_fields()
    {
        var conversations = new[]
        {
            Conv("named", Start, "Where is my order?", profile: Profile.Create(name: "Zoë Martin")),
            Conv("phoned", Start + Duration.FromMinutes(1), "Hi", profile: Profile.Create(phoneNumber: "+33 6 12 34 56 78")),
            Conv("bare", Start + Duration.FromMinutes(2), "Nothing here"),
        };
        var asOf = Start + Duration.FromMinutes(2);
        var index = DashboardIndex.Create(Acct, ConversationPolicy.Default, conversations);

        foreach (var (search, expected) in new[] { ("zoë mart", "named"), ("+3361234", "phoned"), ("where is", "named"), ("Nothing", "bare") })
        {
            var query = ConversationTableQuery.Create(Acct, search: search);
            SamePage(conversations, query, asOf);
            Assert.Equal([expected], index.Query(query, asOf).Rows.Select(r => r.Id.Value));
        }
    }

    [Fact]
    public void R18_a_text_holding_the_separator_is_found_by_a_search_holding_it()
    {
        var conversations = new[] { Conv("nul", Start, "before\0after"), Conv("plain", Start + Duration.FromMinutes(1), "before after") };
        var asOf = Start + Duration.FromMinutes(1);
        var query = ConversationTableQuery.Create(Acct, search: "e\0a");

        SamePage(conversations, query, asOf);
        Assert.Equal(["nul"], DashboardIndex.Create(Acct, ConversationPolicy.Default, conversations).Query(query, asOf).Rows.Select(r => r.Id.Value));
    }

    [Fact]
    public void R18_texts_beyond_one_search_block_are_found_in_every_block()
    {
        // 600 conversations of 4,000 characters: about 2.4 million characters, three blocks of the search index
        var filler = new string('x', 4_000);
        var conversations = Enumerable.Range(0, 600)
            .Select(i => Conv($"c{i:D3}", Start + Duration.FromSeconds(i), i % 97 == 0 ? $"needle {i} {filler}" : $"{filler} hay {i}"))
            .ToArray();
        var asOf = Start + Duration.FromSeconds(599);
        var query = ConversationTableQuery.Create(Acct, search: "NEEDLE", sortBy: ConversationSortColumn.Started, direction: SortDirection.Ascending, pageSize: 100);

        SamePage(conversations, query, asOf);
        var found = DashboardIndex.Create(Acct, ConversationPolicy.Default, conversations).Query(query, asOf).Rows.Select(r => r.Id.Value);
        Assert.Equal(Enumerable.Range(0, 600).Where(i => i % 97 == 0).Select(i => $"c{i:D3}"), found);
    }

    [Fact]
    public void Missing_arguments_and_instants_are_refused_with_their_names()
    {
        var index = DashboardIndex.Create(Acct, ConversationPolicy.Default, [Conv("c1", Start)]);

        Assert.Equal("ID", Assert.Throws<CustomerAgentException>(() => DashboardIndex.Create(default, ConversationPolicy.Default, [])).Rule);
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => DashboardIndex.Create(Acct, null!, [])).ParamName);
        Assert.Equal("conversations", Assert.Throws<ArgumentNullException>(() => DashboardIndex.Create(Acct, ConversationPolicy.Default, null!)).ParamName);
        Assert.Equal("conversations", Assert.Throws<ArgumentNullException>(() => DashboardIndex.Create(Acct, ConversationPolicy.Default, [null!])).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentNullException>(() => index.Accumulate(null!, Start)).ParamName);
        Assert.Equal("query", Assert.Throws<ArgumentNullException>(() => index.Query(null!, Start)).ParamName);

        // H6 before the cursor is read: an instant outside the supported range is named, whatever the cursor
        var late = Assert.Throws<CustomerAgentException>(() => index.Query(ConversationTableQuery.Create(Acct), SupportedInstants.End, "not-a-cursor"));
        Assert.Equal(("H6", "asOf"), (late.Rule, late.Field));
        var early = Assert.Throws<CustomerAgentException>(() => index.Accumulate(June, Start - Duration.Epsilon));
        Assert.Equal(("D1", "asOf"), (early.Rule, early.Field));
    }
}
