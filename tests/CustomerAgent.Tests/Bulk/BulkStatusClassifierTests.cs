using CustomerAgent.Bulk;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using NodaTime;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.Bulk;

public sealed class BulkStatusClassifierTests
{
    private const long None = ConversationBatch.NoInstant;
    private static readonly long T = ConversationBatch.ToUnixNanoseconds(T0);
    private static readonly long H48 = FortyEightHours.ToInt64Nanoseconds();

    private static readonly AccountId Acct = AccountId.From("acct-1");

    private static ConversationBatch One(long lastMessage, byte author, long handoff = None, long close = None, byte channel = 0) =>
        ConversationBatch.FromColumns(Acct, ConversationPolicy.Default, [T], [lastMessage], [author], [handoff], [close], [channel]);

    private static ConversationBatchBuilder Builder(int capacity = 0) => new(Acct, ConversationPolicy.Default, capacity);

    private static ConversationStatus StatusOf(ConversationBatch batch, long asOf, BulkKernel kernel = BulkKernel.Auto)
    {
        var statuses = new ConversationStatus[batch.Count];
        new BulkStatusClassifier(ConversationPolicy.Default, kernel).Classify(batch, ConversationBatch.FromUnixNanoseconds(asOf), statuses);
        return statuses[0];
    }

    [Theory]
    [InlineData(BulkKernel.Scalar)]
    [InlineData(BulkKernel.Vectorized)]
    public void D1_auto_close_is_inclusive_at_exactly_last_message_plus_48h(BulkKernel kernel)
    {
        // 64 identical rows so the vectorized kernel runs whole blocks, not only its scalar tail.
        var n = 64;
        var batch = ConversationBatch.FromColumns(
            Acct,
            ConversationPolicy.Default,
            Enumerable.Repeat(T, n).ToArray(), Enumerable.Repeat(T + 5, n).ToArray(), Enumerable.Repeat((byte)1, n).ToArray(),
            Enumerable.Repeat(None, n).ToArray(), Enumerable.Repeat(None, n).ToArray(), new byte[n]);

        Assert.Equal(ConversationStatus.Open, StatusOf(batch, T + 5 + H48 - 1, kernel));
        Assert.Equal(ConversationStatus.ResolvedByAi, StatusOf(batch, T + 5 + H48, kernel));
    }

    [Fact]
    public void R3_D2_handoff_wins_from_its_instant_on_and_D3_shopper_last_closes_as_closed()
    {
        Assert.Equal(ConversationStatus.Open, StatusOf(One(T, 1, handoff: T + 10), T + 9));
        Assert.Equal(ConversationStatus.NotResolvedByAi, StatusOf(One(T, 1, handoff: T + 10), T + 10));
        Assert.Equal(ConversationStatus.NotResolvedByAi, StatusOf(One(T, 1, handoff: T + 10, close: T + 20), T + (H48 * 3)));
        Assert.Equal(ConversationStatus.Closed, StatusOf(One(T, 0, close: T + 20), T + 20));
        Assert.Equal(ConversationStatus.ResolvedByAi, StatusOf(One(T, 1, close: T + 20), T + 20));
        Assert.Equal(ConversationStatus.Open, StatusOf(One(T, 1, close: T + 20), T + 19));
    }

    [Fact]
    public void R14_R15_counts_by_status_and_channel()
    {
        var batch = ConversationBatch.FromConversations(
            Acct,
            ConversationPolicy.Default,
            [Resolved(Channel.WebChat), Resolved(Channel.Sms), Started(header: Header("open", Channel.Sms))]);
        var asOf = Min(10);

        Assert.Equal(new StatusCounts(1, 2, 0, 0, Acct), BulkStatusClassifier.Default.CountByStatus(batch, asOf));
        var byChannel = BulkStatusClassifier.Default.CountByChannelAndStatus(batch, asOf);
        Assert.Equal(new StatusCounts(0, 1, 0, 0, Acct), byChannel.ForChannel(Channel.WebChat));
        Assert.Equal(new StatusCounts(1, 1, 0, 0, Acct), byChannel.ForChannel(Channel.Sms));
        Assert.Equal(1, byChannel[Channel.Sms, ConversationStatus.Open]);
        Assert.Equal(new StatusCounts(1, 2, 0, 0, Acct), BulkStatusClassifier.Default.CountByStatusParallel(batch, asOf));

        static Conversation Resolved(Channel channel)
        {
            var c = Started(header: Header($"r-{channel}", channel));
            c.RecordAgentMessage(Min(1), "Done.", "general-qa");
            c.Close(Min(2), ClosedBy.Visitor);
            return c;
        }
    }

    [Fact]
    public void Column_lengths_that_differ_are_argument_misuse()
    {
        var ex = Assert.Throws<ArgumentException>(() => ConversationBatch.FromColumns(Acct, ConversationPolicy.Default, [T, T], [T], [0, 0], [None, None], [None, None], [0, 0]));
        Assert.Equal("lastMessageAt", ex.ParamName);
    }

    [Theory]
    [InlineData(2, 0, "R2", "lastAuthor[0]")]
    [InlineData(0, 4, "R14", "channel[0]")]
    public void R2_R14_undefined_author_or_channel_bytes_are_rejected(byte author, byte channel, string rule, string field)
    {
        var ex = Assert.Throws<CustomerAgentException>(() => One(T, author, channel: channel));
        Assert.Equal(rule, ex.Rule);
        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void H1_D2_impossible_rows_are_rejected_with_the_rule_and_row()
    {
        Assert.Equal("H1", Assert.Throws<CustomerAgentException>(() => One(T - 1, 0)).Rule);
        Assert.Equal("H1", Assert.Throws<CustomerAgentException>(() => One(T, 0, handoff: T - 1)).Rule);
        Assert.Equal("D2", Assert.Throws<CustomerAgentException>(() => One(T + 5, 0, close: T + 4)).Rule);
        Assert.Equal("H1", Assert.Throws<CustomerAgentException>(() => One(T + 5, 0, close: T - 1)).Rule);
        Assert.Equal("D2", Assert.Throws<CustomerAgentException>(() => One(T, 0, handoff: T + 5, close: T + 4)).Rule);
        Assert.Equal("H6", Assert.Throws<CustomerAgentException>(() => One(None, 0)).Rule);
        Assert.Equal("H6", Assert.Throws<CustomerAgentException>(() => One(T, 0, handoff: long.MinValue)).Rule);

        var builder = Builder();
        builder.AddUnixNanoseconds(T, T, 0, None, None, 0);
        var ex = Assert.Throws<CustomerAgentException>(() => builder.AddUnixNanoseconds(T, T, 7, None, None, 0));
        Assert.Equal("lastAuthor[1]", ex.Field);
        Assert.Equal(1, builder.Count);
    }

    [Fact]
    public void D1_H6_classifying_before_the_latest_start_or_outside_the_supported_range_is_a_rule_error()
    {
        var batch = One(T, 0);
        var statuses = new ConversationStatus[1];
        Assert.Equal("D1", Assert.Throws<CustomerAgentException>(() => BulkStatusClassifier.Default.Classify(batch, T0 - Duration.Epsilon, statuses)).Rule);
        Assert.Equal("H6", Assert.Throws<CustomerAgentException>(() => BulkStatusClassifier.Default.CountByStatus(batch, Instant.MaxValue)).Rule);
        Assert.Equal("H6", Assert.Throws<CustomerAgentException>(() => BulkStatusClassifier.Default.CountByStatus(batch, SupportedInstants.End)).Rule);
    }

    [Fact]
    public void Short_destination_bad_range_and_bad_arguments_are_argument_misuse()
    {
        var batch = ConversationBatch.FromColumns(Acct, ConversationPolicy.Default, [T, T], [T, T], [0, 1], [None, None], [None, None], [0, 1]);
        var classifier = BulkStatusClassifier.Default;
        Assert.Throws<ArgumentException>(() => classifier.Classify(batch, T0, new ConversationStatus[1]));
        Assert.Throws<ArgumentException>(() => classifier.ClassifyParallel(batch, T0, new ConversationStatus[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => classifier.CountByStatus(batch, 1, 2, T0));
        Assert.Throws<ArgumentOutOfRangeException>(() => classifier.CountByStatus(batch, -1, 1, T0));
        Assert.Throws<ArgumentOutOfRangeException>(() => classifier.CountByStatusParallel(batch, T0, 0));
        Assert.Equal("BULK", Assert.Throws<CustomerAgentException>(() => new BulkStatusClassifier(ConversationPolicy.Default, (BulkKernel)9)).Rule);
        Assert.Throws<ArgumentNullException>(() => classifier.CountByStatus(null!, T0));
    }

    [Fact]
    public void Empty_batch_classifies_to_nothing_at_any_instant()
    {
        var empty = Builder(4).Build();
        Assert.Equal(0, empty.Count);
        Assert.Null(empty.LatestStartedAt);
        Assert.Equal(Acct, empty.AccountId);
        var counts = BulkStatusClassifier.Default.CountByStatus(empty, Instant.FromUtc(1990, 1, 1, 0, 0));
        Assert.Equal(0, counts.Total);
        Assert.Equal(Acct, counts.AccountId);
    }

    [Fact]
    public void Instants_round_trip_through_the_nanosecond_encoding()
    {
        var instant = T0 + Duration.FromNanoseconds(123);
        Assert.Equal(instant, ConversationBatch.FromUnixNanoseconds(ConversationBatch.ToUnixNanoseconds(instant)));
        Assert.Equal("H6", Assert.Throws<CustomerAgentException>(() => ConversationBatch.ToUnixNanoseconds(Instant.FromUtc(2300, 1, 1, 0, 0))).Rule);
    }

    [Fact]
    public void Steady_state_classification_and_counting_allocate_nothing()
    {
        var n = 10_000;
        var builder = Builder(n);
        for (var i = 0; i < n; i++)
        {
            builder.AddUnixNanoseconds(T, T + i, (byte)(i & 1), i % 7 == 0 ? T + i : None, None, (byte)(i & 3));
        }

        var batch = builder.Build();
        var statuses = new ConversationStatus[n];
        var asOf = T0 + Duration.FromHours(49);
        foreach (var kernel in new[] { BulkKernel.Scalar, BulkKernel.Vectorized })
        {
            var classifier = new BulkStatusClassifier(ConversationPolicy.Default, kernel);
            Run(classifier); // warm up
            var before = GC.GetAllocatedBytesForCurrentThread();
            Run(classifier);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        void Run(BulkStatusClassifier classifier)
        {
            classifier.Classify(batch, asOf, statuses);
            _ = classifier.CountByStatus(batch, asOf);
            _ = classifier.CountByChannelAndStatus(batch, asOf);
        }
    }

    [Fact]
    public void D1_D2_a_row_whose_close_or_handoff_comes_after_last_message_plus_timeout_is_rejected_as_the_aggregate_rejects_it()
    {
        // Issue #7 reproduction: the builder accepted a close at +60 h (Open in bulk, Closed by inactivity in the aggregate),
        // and a handoff at +73 h that flipped a final Resolved status to Not resolved.
        var late = T + (60 * 3_600_000_000_000L);
        var ex = Assert.Throws<CustomerAgentException>(() => One(T, 1, close: late));
        Assert.Equal("D2", ex.Rule);
        Assert.Equal("closedAt[0]", ex.Field);
        Assert.Equal("D2", Assert.Throws<CustomerAgentException>(() => One(T, 1, handoff: T + (73 * 3_600_000_000_000L))).Rule);
        Assert.Equal("D2", Assert.Throws<CustomerAgentException>(() => One(T, 1, close: T + H48)).Rule);
        Assert.Equal("D2", Assert.Throws<CustomerAgentException>(() => One(T, 1, handoff: T + H48)).Rule);
        Assert.Equal(ConversationStatus.ResolvedByAi, StatusOf(One(T, 1, close: T + H48 - 1), T + H48 - 1));
        Assert.Equal(ConversationStatus.NotResolvedByAi, StatusOf(One(T, 1, handoff: T + H48 - 1), T + H48 * 2));

        var c = Started();
        c.RecordAgentMessage(T0, "Done", "general-qa");
        Assert.Equal("D2", Assert.Throws<CustomerAgentException>(() => c.Close(T0 + Duration.FromHours(60), ClosedBy.Visitor)).Rule);
    }

    [Fact]
    public void R20_from_conversations_leaves_preview_conversations_out_and_the_builder_says_so()
    {
        var live = Started(header: Header("live"));
        var preview = Started(header: Header("preview", mode: ConversationMode.Preview));

        var batch = ConversationBatch.FromConversations(Acct, ConversationPolicy.Default, [live, preview]);
        var builder = Builder();

        Assert.Equal(1, batch.Count);
        Assert.False(builder.Add(preview));
        Assert.True(builder.Add(live));
        Assert.Equal(1, builder.Count);
        Assert.Empty(ConversationBatch.PerAccount(ConversationPolicy.Default, [preview])[Acct].StartedAtUnixNanoseconds.ToArray());
    }

    [Fact]
    public void D1_from_conversations_rejects_a_conversation_started_under_another_policy_instead_of_dropping_its_policy()
    {
        var policy = ConversationPolicy.Create(Duration.FromHours(1));
        var c = Conversation.Start(Header(), T0, "hi", policy);

        var ex = Assert.Throws<CustomerAgentException>(() => ConversationBatch.FromConversations(Acct, ConversationPolicy.Default, [c]));

        Assert.Equal("D1", ex.Rule);
        Assert.Equal("conversation.policy", ex.Field);
        var batch = ConversationBatch.FromConversations(Acct, policy, [c]);
        Assert.Equal(policy, batch.Policy);
        Assert.Equal(Acct, batch.AccountId);
        Assert.Equal("D1", Assert.Throws<CustomerAgentException>(() => BulkStatusClassifier.Default.CountByStatus(batch, Min(5))).Rule);
        Assert.Equal(1, new BulkStatusClassifier(policy).CountByStatus(batch, Min(60)).Closed);
    }

    [Fact]
    public void Undefined_enum_values_get_the_librarys_exception_on_every_bulk_entry_point()
    {
        var counts = BulkStatusClassifier.Default.CountByChannelAndStatus(One(T, 0), T0);
        Assert.Equal("R14", Assert.Throws<CustomerAgentException>(() => counts[(Channel)7, ConversationStatus.Open]).Rule);
        Assert.Equal("R1", Assert.Throws<CustomerAgentException>(() => counts[Channel.Sms, (ConversationStatus)9]).Rule);
        Assert.Equal("R14", Assert.Throws<CustomerAgentException>(() => counts.ForChannel((Channel)7)).Rule);
        Assert.Equal("R1", Assert.Throws<CustomerAgentException>(() => counts.Total[(ConversationStatus)9]).Rule);
        Assert.Equal("BULK", Assert.Throws<CustomerAgentException>(() => new BulkStatusClassifier(ConversationPolicy.Default, (BulkKernel)(-1))).Rule);
        Assert.Equal("R2", Assert.Throws<CustomerAgentException>(() => Builder().Add(T0, T0, (MessageAuthor)5, null, null, Channel.Sms)).Rule);
        Assert.Equal("R14", Assert.Throws<CustomerAgentException>(() => Builder().Add(T0, T0, MessageAuthor.Agent, null, null, (Channel)300)).Rule);
    }

    [Fact]
    public void Mismatched_columns_and_missing_arguments_are_plain_misuse_naming_the_column()
    {
        var account = AccountId.From("acct-1");
        var start = ConversationBatch.ToUnixNanoseconds(Instant.FromUtc(2026, 6, 1, 10, 0));
        long[] one = [start];
        long[] none = [ConversationBatch.NoInstant];
        byte[] zero = [0];

        Assert.Equal("lastMessageAt", Assert.Throws<ArgumentException>(() => ConversationBatch.FromColumns(account, ConversationPolicy.Default, one, [], zero, none, none, zero)).ParamName);
        Assert.Equal("lastAuthor", Assert.Throws<ArgumentException>(() => ConversationBatch.FromColumns(account, ConversationPolicy.Default, one, one, [], none, none, zero)).ParamName);
        Assert.Equal("handoffAt", Assert.Throws<ArgumentException>(() => ConversationBatch.FromColumns(account, ConversationPolicy.Default, one, one, zero, [], none, zero)).ParamName);
        Assert.Equal("closedAt", Assert.Throws<ArgumentException>(() => ConversationBatch.FromColumns(account, ConversationPolicy.Default, one, one, zero, none, [], zero)).ParamName);
        Assert.Equal("channel", Assert.Throws<ArgumentException>(() => ConversationBatch.FromColumns(account, ConversationPolicy.Default, one, one, zero, none, none, [])).ParamName);
        Assert.Throws<ArgumentNullException>(() => ConversationBatch.FromConversations(account, ConversationPolicy.Default, null!));
        Assert.Throws<ArgumentNullException>(() => ConversationBatch.PerAccount(null!, []));
        Assert.Throws<ArgumentNullException>(() => ConversationBatch.PerAccount(ConversationPolicy.Default, null!));
        Assert.Throws<ArgumentNullException>(() => ConversationBatch.PerAccount(ConversationPolicy.Default, [null!]));

        var batch = ConversationBatch.FromColumns(account, ConversationPolicy.Default, one, one, zero, none, none, zero);
        Assert.Equal(Instant.FromUtc(2026, 6, 1, 10, 0), batch.LatestStartedAt);
    }
}
