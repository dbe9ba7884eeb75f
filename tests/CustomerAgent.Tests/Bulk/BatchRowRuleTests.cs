using CustomerAgent.Bulk;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using NodaTime;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.Bulk;

/// <summary>Every row rule of <see cref="ConversationBatchBuilder"/>: the rule, the field with its row, the value and the explanation, and nothing added.</summary>
public sealed class BatchRowRuleTests
{
    private const long None = ConversationBatch.NoInstant;
    private static readonly long T = ConversationBatch.ToUnixNanoseconds(T0);
    private static readonly long Min = ConversationBatch.ToUnixNanoseconds(SupportedInstants.Start);
    private static readonly long End = ConversationBatch.ToUnixNanoseconds(SupportedInstants.End - Duration.Epsilon) + 1;
    private static readonly long Timeout = ConversationPolicy.Default.AutoCloseAfter.ToInt64Nanoseconds();

    public static TheoryData<string, long, long, byte, long, long, byte, string, string, string> Rows() => new()
    {
        { "start missing", None, T, 0, None, None, 0, "H6", "startedAt[1]", "; the instant is required" },
        { "start before 1900", Min - 1, T, 0, None, None, 0, "H6", "startedAt[1]", "years 1900 to 2199" },
        { "last message at the end of the range", T, End, 0, None, None, 0, "H6", "lastMessageAt[1]", "; the instant is required" },
        { "handoff reserved", T, T, 0, long.MinValue, None, 0, "H6", "handoffAt[1]", "; use ConversationBatch.NoInstant for none" },
        { "close before 1900", T, T, 0, None, Min - 1, 0, "H6", "closedAt[1]", "; use ConversationBatch.NoInstant for none" },
        { "author byte", T, T, 2, None, None, 0, "R2", "lastAuthor[1]", "must be 0 (shopper) or 1 (agent)" },
        { "channel byte", T, T, 0, None, None, 4, "R14", "channel[1]", "must be a Channel value: 0 web chat, 1 SMS, 2 email, 3 WhatsApp" },
        { "last message before start", T, T - 1, 0, None, None, 0, "H1", "lastMessageAt[1]", $"is before the start {T}; time never goes backwards" },
        { "handoff before start", T, T, 0, T - 1, None, 0, "H1", "handoffAt[1]", $"is before the start {T}; time never goes backwards" },
        { "close before start", T, T, 0, None, T - 1, 0, "H1", "closedAt[1]", $"is before the start {T}; time never goes backwards" },
        { "close before last message", T, T + 5, 0, None, T + 4, 0, "D2", "closedAt[1]", $"is before the last message {T + 5}; a closed conversation takes no further messages" },
        { "close before handoff", T, T, 0, T + 5, T + 4, 0, "D2", "closedAt[1]", $"is before the handoff {T + 5}; a closed conversation takes no handoff" },
        { "handoff at the automatic close", T, T, 0, T + Timeout, None, 0, "D2", "handoffAt[1]", "a conversation closed by inactivity takes no handoff" },
        { "close at the automatic close", T, T, 0, None, T + Timeout, 0, "D2", "closedAt[1]", "a conversation closed by inactivity takes no close" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void H1_H6_D2_R2_R14_each_row_rule_names_rule_row_value_and_reason(string what, long start, long last, byte author, long handoff, long close, byte channel, string rule, string field, string reason)
    {
        var builder = new ConversationBatchBuilder(AccountId.From("acct-1"), ConversationPolicy.Default);
        builder.AddUnixNanoseconds(T, T, 0, None, None, 0);

        var ex = Assert.Throws<CustomerAgentException>(() => builder.AddUnixNanoseconds(start, last, author, handoff, close, channel));

        Assert.True(rule == ex.Rule, what);
        Assert.Equal(field, ex.Field);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, builder.Count);
    }

    [Fact]
    public void H6_the_ends_of_the_supported_range_are_inside_and_just_before_the_automatic_close_is_allowed()
    {
        var builder = new ConversationBatchBuilder(AccountId.From("acct-1"), ConversationPolicy.Default, capacity: 1);
        builder.AddUnixNanoseconds(Min, Min, 0, None, None, 0);
        builder.AddUnixNanoseconds(End - 1, End - 1, 1, None, None, 3);
        builder.AddUnixNanoseconds(T, T, 0, T + Timeout - 1, None, 1);
        builder.AddUnixNanoseconds(T, T, 0, None, T + Timeout - 1, 2);
        for (var i = 0; i < 100; i++)
        {
            builder.AddUnixNanoseconds(T + i, T + i, 1, None, None, 0);
        }

        var batch = builder.Build();
        Assert.Equal(104, batch.Count);
        Assert.Equal(End - 1, batch.StartedAtUnixNanoseconds[1]);
        Assert.Equal(3, batch.Channels[1]);
        Assert.Equal(T + 99, batch.StartedAtUnixNanoseconds[103]);
    }

    [Fact]
    public void R2_R14_H6_the_typed_overload_names_the_row_and_rejects_undefined_enums()
    {
        var builder = new ConversationBatchBuilder(AccountId.From("acct-1"), ConversationPolicy.Default);
        builder.Add(T0, T0, MessageAuthor.Agent, null, null, Channel.Sms);

        Assert.Equal(("R2", "lastAuthor[1]"), Fields(() => builder.Add(T0, T0, (MessageAuthor)7, null, null, Channel.Sms)));
        Assert.Equal(("R2", "lastAuthor[1]"), Fields(() => builder.Add(T0, T0, (MessageAuthor)257, null, null, Channel.Sms)));
        Assert.Equal(("R14", "channel[1]"), Fields(() => builder.Add(T0, T0, MessageAuthor.Agent, null, null, (Channel)9)));
        Assert.Equal(("R14", "channel[1]"), Fields(() => builder.Add(T0, T0, MessageAuthor.Agent, null, null, (Channel)256)));
        Assert.Equal(("H6", "startedAt[1]"), Fields(() => builder.Add(SupportedInstants.End, T0, MessageAuthor.Agent, null, null, Channel.Sms)));
        Assert.Equal(("H6", "lastMessageAt[1]"), Fields(() => builder.Add(T0, SupportedInstants.End, MessageAuthor.Agent, null, null, Channel.Sms)));
        Assert.Equal(("H6", "handoffAt[1]"), Fields(() => builder.Add(T0, T0, MessageAuthor.Agent, SupportedInstants.End, null, Channel.Sms)));
        Assert.Equal(("H6", "closedAt[1]"), Fields(() => builder.Add(T0, T0, MessageAuthor.Agent, null, SupportedInstants.End, Channel.Sms)));
        Assert.Equal(1, builder.Count);
        Assert.Equal((byte)Channel.Sms, builder.Build().Channels[0]);
    }

    [Fact]
    public void A_missing_policy_or_conversation_or_a_negative_capacity_or_an_unset_account_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new ConversationBatchBuilder(AccountId.From("a"), null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConversationBatchBuilder(AccountId.From("a"), ConversationPolicy.Default, -1));
        Assert.Equal("ID", Assert.Throws<CustomerAgentException>(() => new ConversationBatchBuilder(default, ConversationPolicy.Default)).Rule);
        Assert.Throws<ArgumentNullException>(() => new ConversationBatchBuilder(AccountId.From("a"), ConversationPolicy.Default).Add(null!));
    }

    [Fact]
    public void R14_channel_status_counts_compare_hash_and_describe_all_sixteen_cells()
    {
        static ChannelStatusCounts Counts(int rows)
        {
            var builder = new ConversationBatchBuilder(AccountId.From("acct-1"), ConversationPolicy.Default);
            for (var i = 0; i < rows; i++)
            {
                builder.AddUnixNanoseconds(T, T, 1, None, T + 1, 3);
            }

            return BulkStatusClassifier.Default.CountByChannelAndStatus(builder.Build(), T0 + Duration.FromDays(3));
        }

        var one = Counts(1);
        var two = Counts(2);
        var again = Counts(2);

        Assert.True(two == again);
        Assert.False(two != again);
        Assert.True(one != two);
        Assert.False(one == two);
        Assert.True(two.Equals((object)again));
        Assert.False(two.Equals((object)one));
        Assert.False(two.Equals("two"));
        Assert.Equal(two.GetHashCode(), again.GetHashCode());
        Assert.NotEqual(one.GetHashCode(), two.GetHashCode());
        Assert.NotEqual(two, default);
        Assert.Equal("ChannelStatusCounts(account: acct-1; open/resolvedByAi/notResolvedByAi/closed; WebChat: 0/0/0/0, Sms: 0/0/0/0, Email: 0/0/0/0, WhatsApp: 0/2/0/0)", two.ToString());
    }

    [Fact]
    public void Every_classifier_entry_point_refuses_a_missing_batch_a_range_outside_it_or_a_bad_degree()
    {
        var c = BulkStatusClassifier.Default;
        var builder = new ConversationBatchBuilder(AccountId.From("acct-1"), ConversationPolicy.Default);
        builder.AddUnixNanoseconds(T, T, 1, None, T + 1, 0);
        builder.AddUnixNanoseconds(T, T, 0, None, None, 1);
        var batch = builder.Build();
        var asOf = T0 + Duration.FromDays(3);
        var statuses = new ConversationStatus[2];

        Assert.Throws<ArgumentNullException>(() => c.Classify(null!, asOf, statuses));
        Assert.Throws<ArgumentNullException>(() => c.Classify(null!, 0, 0, asOf, statuses));
        Assert.Throws<ArgumentNullException>(() => c.CountByStatus(null!, asOf));
        Assert.Throws<ArgumentNullException>(() => c.CountByStatus(null!, 0, 0, asOf));
        Assert.Throws<ArgumentNullException>(() => c.CountByChannelAndStatus(null!, asOf));
        Assert.Throws<ArgumentNullException>(() => c.CountByChannelAndStatus(null!, 0, 0, asOf));
        Assert.Throws<ArgumentNullException>(() => c.ClassifyParallel(null!, asOf, statuses));
        Assert.Throws<ArgumentNullException>(() => c.CountByStatusParallel(null!, asOf));
        Assert.Throws<ArgumentNullException>(() => c.CountByChannelAndStatusParallel(null!, asOf));
        Assert.Throws<ArgumentNullException>(() => new BulkStatusClassifier(null!));
        Assert.Equal("BULK", Assert.Throws<CustomerAgentException>(() => new BulkStatusClassifier(ConversationPolicy.Default, (BulkKernel)9)).Rule);

        Assert.Throws<ArgumentOutOfRangeException>(() => c.CountByStatus(batch, -1, 1, asOf));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.CountByStatus(batch, 0, -1, asOf));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.CountByStatus(batch, 1, 2, asOf));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.CountByChannelAndStatus(batch, 2, 1, asOf));
        Assert.Throws<ArgumentException>(() => c.Classify(batch, asOf, new ConversationStatus[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.CountByStatusParallel(batch, asOf, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.CountByChannelAndStatusParallel(batch, asOf, -2));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.ClassifyParallel(batch, asOf, statuses, 0));

        Assert.Equal(1, c.CountByStatus(batch, 1, 1, asOf).Total);
        Assert.Equal(1, c.CountByStatus(batch, 0, 2, asOf).ResolvedByAi);
        Assert.Equal(1, c.CountByChannelAndStatus(batch, 1, 1, asOf)[Channel.Sms, ConversationStatus.Closed]);
        c.Classify(batch, 1, 1, asOf, statuses);
        Assert.Equal(ConversationStatus.Closed, statuses[0]);
    }

    private static (string Rule, string Field) Fields(Action add)
    {
        var ex = Assert.Throws<CustomerAgentException>(add);
        return (ex.Rule, ex.Field);
    }
}
