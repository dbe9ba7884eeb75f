using CustomerAgent.Conversations;
using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>
/// The rules the apply stage checks on a conversation's earlier lines (H1, D2, H2, H3, H5, R1), each in both reader modes.
/// Without <see cref="ActivityLogReaderOptions.KeepConversations"/> only the lean state checks them (Applier.cs), with it the
/// <see cref="Conversation"/> aggregate checks them too; every test reads in both modes, asserts they give the same outcome
/// byte for byte (<see cref="Modes"/>), then asserts the exact rejections (line numbers and full reasons) in its mode, so each
/// lean check has an example that fails when it is removed.
/// </summary>
public sealed class ConversationRuleTests
{
    internal const string Recommend = ""","text":"These:","skill":"product-recommendations","products":["SKU-1"]""";

    /// <summary>A conversation line of acme (c1 unless told), with its extra fields (starting with a comma).</summary>
    internal static string Line(string at, string type, string fields, string conversation = "c1", string account = "acme", string? channel = null) =>
        channel is null
            ? $$"""{"conversation":"{{conversation}}","account":"{{account}}","at":"{{at}}","type":"{{type}}"{{fields}}}"""
            : $$"""{"conversation":"{{conversation}}","account":"{{account}}","channel":"{{channel}}","at":"{{at}}","type":"{{type}}"{{fields}}}""";

    /// <summary>The opening shopper message of a conversation on web chat (unless told).</summary>
    internal static string Opening(string conversation = "c1", string at = "2026-06-07T10:00:00Z", string account = "acme", string channel = "web-chat") =>
        Line(at, "shopper-message", ""","text":"Hi" """.TrimEnd(), conversation, account, channel);

    /// <summary>A valid line of <paramref name="type"/> (a click names SKU-1, an answer says yes, a close is the host's).</summary>
    internal static string Activity(string type, string at, string conversation = "c1", string? channel = null) =>
        Line(at, type, Fields(type), conversation, channel: channel);

    private static string Fields(string type) => type switch
    {
        "shopper-message" => ""","text":"more" """.TrimEnd(),
        "agent-message" => ""","text":"ok","skill":"general-qa" """.TrimEnd(),
        "product-click" => ""","product":"SKU-1" """.TrimEnd(),
        "tag" => ""","tag":"shoes" """.TrimEnd(),
        "handoff" => ""","kind":"transfer-to-human","mode":"hard","reason":"explicit-ask" """.TrimEnd(),
        "ticket-offer" => ""","mode":"soft","reason":"knowledge-gap" """.TrimEnd(),
        "ticket-answer" => ""","accepted":true""",
        "close" => ""","by":"host" """.TrimEnd(),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static void AssertRejections(ActivityLogResult log, params (long Line, string Reason)[] expected) =>
        Assert.Equal(expected, log.Rejections.Select(r => (r.LineNumber, r.Reason)));

    private static ConversationSummary Summary(ActivityLogResult log, string conversation = "c1", string account = "acme") =>
        Assert.Single(Assert.Single(log.Accounts, a => a.AccountId.Value == account).Conversations, c => c.Id.Value == conversation);

    private static Instant At(string iso) => InstantPattern.ExtendedIso.Parse(iso).Value;

    private static string InactivityReason(string field, string at, string closedAt, string timeout = "2:00:00:00") =>
        $"D2: {field} = '{at}' comes after conversation c1 closed by inactivity at {closedAt} (D1: last message + {timeout}); a new shopper message starts a new conversation.";

    // H1: time never goes backwards.

    [Theory]
    [InBothModes("shopper-message")]
    [InBothModes("agent-message")]
    [InBothModes("product-click")]
    [InBothModes("tag")]
    [InBothModes("handoff")]
    [InBothModes("ticket-offer")]
    [InBothModes("ticket-answer")]
    [InBothModes("close")]
    public void H1_a_line_one_nanosecond_before_the_previous_activity_is_rejected(string type, ReaderMode mode)
    {
        var log = Modes.Read(
            mode,
            Opening(),
            Line("2026-06-07T10:01:00Z", "agent-message", Recommend),
            Activity("tag", "2026-06-07T10:05:00Z"),
            Activity(type, "2026-06-07T10:04:59.999999999Z"));

        AssertRejections(log, (4, "H1: at = '2026-06-07T10:04:59.999999999Z' is earlier than the previous activity at 2026-06-07T10:05:00Z; time never goes backwards."));
        Assert.Equal(3, log.AcceptedLineCount);
        Assert.Equal(2, Summary(log).MessageCount);
    }

    /// <summary>H1 compares with the latest activity of any kind: after a click, a tag, an offer, an answer, a handoff or a close.</summary>
    [Theory]
    [InBothModes("product-click", "tag")]
    [InBothModes("tag", "product-click")]
    [InBothModes("ticket-offer", "tag")]
    [InBothModes("handoff", "product-click")]
    [InBothModes("close", "tag")]
    [InBothModes("close", "product-click")]
    public void H1_a_tag_or_a_click_earlier_than_the_latest_activity_of_any_kind_is_rejected(string previous, string type, ReaderMode mode)
    {
        var log = Modes.Read(
            mode,
            Opening(),
            Line("2026-06-07T10:01:00Z", "agent-message", Recommend),
            Activity(previous, "2026-06-07T10:05:00Z"),
            Activity(type, "2026-06-07T10:02:00Z"));

        AssertRejections(log, (4, "H1: at = '2026-06-07T10:02:00Z' is earlier than the previous activity at 2026-06-07T10:05:00Z; time never goes backwards."));
    }

    [Theory]
    [InBothModes]
    public void H1_lines_at_the_same_instant_as_the_previous_one_are_accepted_in_file_order(ReaderMode mode)
    {
        const string at = "2026-06-07T10:00:00Z";
        var log = Modes.Read(
            mode,
            Opening(at: at),
            Line(at, "agent-message", Recommend),
            Activity("product-click", at),
            Activity("tag", at),
            Activity("ticket-offer", at),
            Line(at, "ticket-answer", ""","accepted":false"""),
            Activity("shopper-message", at),
            Activity("handoff", at),
            Activity("close", at));

        AssertRejections(log);
        var summary = Summary(log);
        Assert.Equal((3, MessageAuthor.Shopper, At(at), At(at), At(at)), (summary.MessageCount, summary.LastMessageAuthor, summary.LastMessageAt, summary.HandoffAt!.Value, summary.ClosedAt!.Value));
        Assert.Equal(["shoes"], summary.Tags);
        Assert.Equal([At(at)], summary.Recommendations);
    }

    // D2: once closed, explicitly or by inactivity, no more messages, handoffs, ticket offers or answers, or closes.

    [Theory]
    [InBothModes("shopper-message", "message", "visitor")]
    [InBothModes("agent-message", "message", "host")]
    [InBothModes("handoff", "handoff", "visitor")]
    [InBothModes("ticket-offer", "ticketOffer", "host")]
    [InBothModes("ticket-answer", "ticketAnswer", "visitor")]
    [InBothModes("close", "close", "host")]
    public void D2_a_message_handoff_ticket_offer_ticket_answer_or_close_after_an_explicit_close_is_rejected(string type, string field, string by, ReaderMode mode)
    {
        var log = Modes.Read(
            mode,
            Opening(),
            Activity("ticket-offer", "2026-06-07T10:01:00Z"),
            Line("2026-06-07T10:05:00Z", "close", $$""","by":"{{by}}" """.TrimEnd()),
            Activity(type, "2026-06-07T10:05:00Z"),
            Activity(type, "2026-06-07T10:06:00Z"));

        string Reason(string at) => $"D2: {field} = '{at}' comes after conversation c1 was closed by the {by} at 2026-06-07T10:05:00Z; a new shopper message starts a new conversation.";
        AssertRejections(log, (4, Reason("2026-06-07T10:05:00Z")), (5, Reason("2026-06-07T10:06:00Z")));
        var summary = Summary(log);
        Assert.Equal((1, (Instant?)null, (Instant?)At("2026-06-07T10:05:00Z")), (summary.MessageCount, summary.HandoffAt, summary.ClosedAt));
    }

    [Theory]
    [InBothModes]
    public void D2_tags_and_clicks_after_an_explicit_close_are_still_recorded(ReaderMode mode)
    {
        var log = Modes.Read(
            mode,
            Opening(),
            Line("2026-06-07T10:01:00Z", "agent-message", Recommend),
            Activity("close", "2026-06-07T10:02:00Z"),
            Activity("tag", "2026-06-07T10:02:00Z"),
            Activity("product-click", "2026-06-07T10:03:00Z"),
            Line("2026-06-20T10:00:00Z", "tag", ""","tag":"late" """.TrimEnd()));

        AssertRejections(log);
        Assert.Equal(["shoes", "late"], Summary(log).Tags);
        Assert.Equal(At("2026-06-07T10:02:00Z"), Summary(log).ClosedAt);
    }

    [Theory]
    [InBothModes("shopper-message", "message")]
    [InBothModes("agent-message", "message")]
    [InBothModes("handoff", "handoff")]
    [InBothModes("ticket-offer", "ticketOffer")]
    [InBothModes("ticket-answer", "ticketAnswer")]
    [InBothModes("close", "close")]
    public void D2_a_line_exactly_at_last_message_plus_48_hours_is_rejected(string type, string field, ReaderMode mode)
    {
        var log = Modes.Read(mode, InactivityLog(type, "2026-06-09T10:01:00Z"));

        AssertRejections(log, (5, InactivityReason(field, "2026-06-09T10:01:00Z", "2026-06-09T10:01:00Z")));
        var summary = Summary(log);
        Assert.Equal((2, At("2026-06-07T10:01:00Z"), (Instant?)null, (Instant?)null), (summary.MessageCount, summary.LastMessageAt, summary.HandoffAt, summary.ClosedAt));
    }

    [Theory]
    [InBothModes("shopper-message")]
    [InBothModes("agent-message")]
    [InBothModes("handoff")]
    [InBothModes("ticket-offer")]
    [InBothModes("ticket-answer")]
    [InBothModes("close")]
    public void D2_a_line_one_nanosecond_before_last_message_plus_48_hours_is_accepted(string type, ReaderMode mode)
    {
        var log = Modes.Read(mode, InactivityLog(type, "2026-06-09T10:00:59.999999999Z"));

        AssertRejections(log);
        var summary = Summary(log);
        var at = At("2026-06-09T10:00:59.999999999Z");
        Assert.Equal(type.EndsWith("-message", StringComparison.Ordinal) ? at : At("2026-06-07T10:01:00Z"), summary.LastMessageAt);
        Assert.Equal(type is "handoff" or "ticket-answer" ? at : (Instant?)null, summary.HandoffAt);
        Assert.Equal(type == "close" ? at : (Instant?)null, summary.ClosedAt);
    }

    /// <summary>
    /// The opening line, an agent message at 10:01 (the last message), a ticket offer when <paramref name="type"/> is an answer,
    /// a tag a day and a half later (an activity, not a message: it does not keep the conversation open), then
    /// <paramref name="type"/> at <paramref name="at"/> (line 5).
    /// </summary>
    private static byte[] InactivityLog(string type, string at) => Logs.Bytes(
        Opening(),
        Line("2026-06-07T10:01:00Z", "agent-message", Recommend),
        type == "ticket-answer" ? Activity("ticket-offer", "2026-06-07T10:02:00Z") : Activity("tag", "2026-06-07T10:02:00Z"),
        Activity("tag", "2026-06-08T22:00:00Z"),
        Activity(type, at));

    [Theory]
    [InBothModes]
    public void D2_a_later_message_moves_the_close_by_inactivity(ReaderMode mode)
    {
        var log = Modes.Read(
            mode,
            Opening(),
            Activity("shopper-message", "2026-06-09T09:59:59.999999999Z"),
            Activity("agent-message", "2026-06-09T10:00:00Z"),
            Activity("shopper-message", "2026-06-11T09:59:59.999999999Z"),
            Activity("agent-message", "2026-06-13T09:59:59.999999999Z"));

        AssertRejections(log, (5, InactivityReason("message", "2026-06-13T09:59:59.999999999Z", "2026-06-13T09:59:59.999999999Z")));
        Assert.Equal(4, Summary(log).MessageCount);
    }

    [Theory]
    [InBothModes]
    public void D2_the_close_by_inactivity_follows_the_reader_policy(ReaderMode mode)
    {
        var log = Modes.Read(
            mode,
            Logs.Bytes(
                Opening(),
                Activity("tag", "2026-06-07T10:30:00Z"),
                Activity("shopper-message", "2026-06-07T10:59:59.999999999Z"),
                Activity("shopper-message", "2026-06-07T11:59:59.999999999Z")),
            ConversationPolicy.Create(Duration.FromHours(1)));

        AssertRejections(log, (4, InactivityReason("message", "2026-06-07T11:59:59.999999999Z", "2026-06-07T11:59:59.999999999Z", "0:01:00:00")));
    }

    [Theory]
    [InBothModes]
    public void D2_tags_and_clicks_after_the_close_by_inactivity_are_still_recorded(ReaderMode mode)
    {
        var log = Modes.Read(
            mode,
            Opening(),
            Line("2026-06-07T10:01:00Z", "agent-message", Recommend),
            Activity("tag", "2026-06-09T10:01:00Z"),
            Activity("product-click", "2026-06-12T00:00:00Z"));

        AssertRejections(log);
        Assert.Equal(["shoes"], Summary(log).Tags);
    }

    // H2: a click names a product the agent recommended earlier in this conversation.

    [Theory]
    [InBothModes]
    public void H2_a_click_on_a_product_never_recommended_is_rejected(ReaderMode mode)
    {
        var log = Modes.Read(
            mode,
            Opening(),
            Line("2026-06-07T10:01:00Z", "agent-message", ""","text":"These:","skill":"s","products":["SKU-1","SKU-2"]"""),
            Line("2026-06-07T10:02:00Z", "product-click", ""","product":"SKU-9" """.TrimEnd()),
            Line("2026-06-07T10:03:00Z", "product-click", ""","product":"sku-2" """.TrimEnd()),
            Line("2026-06-07T10:04:00Z", "product-click", ""","product":"SKU-2" """.TrimEnd()));

        AssertRejections(
            log,
            (3, "H2: productId = 'SKU-9' was never recommended in conversation c1; a click must name a recommended product."),
            (4, "H2: productId = 'sku-2' was never recommended in conversation c1; a click must name a recommended product."));
    }

    [Theory]
    [InBothModes]
    public void H2_a_click_before_the_recommendation_is_rejected(ReaderMode mode)
    {
        var log = Modes.Read(
            mode,
            Opening(),
            Activity("product-click", "2026-06-07T10:01:00Z"),
            Line("2026-06-07T10:01:00Z", "agent-message", Recommend),
            Activity("product-click", "2026-06-07T10:01:00Z"),
            Line("2026-06-07T10:02:00Z", "agent-message", ""","text":"Or:","skill":"s","products":["SKU-2"]"""),
            Activity("product-click", "2026-06-07T10:03:00Z"));

        AssertRejections(log, (2, "H2: productId = 'SKU-1' was never recommended in conversation c1; a click must name a recommended product."));
        Assert.Equal([At("2026-06-07T10:01:00Z"), At("2026-06-07T10:02:00Z")], Summary(log).Recommendations);
    }

    /// <summary>Recommendations belong to their conversation: another conversation's, or the same ID in another account, do not count.</summary>
    [Theory]
    [InBothModes]
    public void H2_a_product_recommended_only_in_another_conversation_is_never_recommended_in_this_one(ReaderMode mode)
    {
        var log = Modes.Read(
            mode,
            Opening("c2"),
            Line("2026-06-07T10:01:00Z", "agent-message", Recommend, "c2"),
            Opening("c1", account: "beta"),
            Line("2026-06-07T10:01:00Z", "agent-message", ""","text":"These:","skill":"s","products":["SKU-7"]""", "c1", "beta"),
            Opening(),
            Activity("product-click", "2026-06-07T10:02:00Z"),
            Line("2026-06-07T10:03:00Z", "product-click", ""","product":"SKU-7" """.TrimEnd()),
            Activity("product-click", "2026-06-07T10:04:00Z", "c2"));

        AssertRejections(
            log,
            (6, "H2: productId = 'SKU-1' was never recommended in conversation c1; a click must name a recommended product."),
            (7, "H2: productId = 'SKU-7' was never recommended in conversation c1; a click must name a recommended product."));
    }

    // H3: an answer needs a pending offer, and one offer is pending at a time.

    [Theory]
    [InBothModes(true)]
    [InBothModes(false)]
    public void H3_an_answer_with_no_pending_offer_is_rejected(bool accepted, ReaderMode mode)
    {
        var answer = $$""","accepted":{{(accepted ? "true" : "false")}}""";
        var log = Modes.Read(
            mode,
            Opening(),
            Line("2026-06-07T10:01:00Z", "ticket-answer", answer),
            Activity("ticket-offer", "2026-06-07T10:02:00Z"),
            Line("2026-06-07T10:03:00Z", "ticket-answer", ""","accepted":false"""),
            Line("2026-06-07T10:04:00Z", "ticket-answer", answer));

        var reason = $"H3: ticketAnswer = '{(accepted ? "yes" : "no")}' has no pending support-ticket offer to answer in conversation c1.";
        AssertRejections(log, (2, reason), (5, reason));
        Assert.Null(Summary(log).HandoffAt);
    }

    [Theory]
    [InBothModes]
    public void H3_an_offer_after_the_previous_one_was_answered_is_accepted_and_its_yes_is_the_handoff(ReaderMode mode)
    {
        var log = Modes.Read(
            mode,
            Opening(),
            Activity("ticket-offer", "2026-06-07T10:01:00Z"),
            Line("2026-06-07T10:02:00Z", "ticket-answer", ""","accepted":false"""),
            Activity("ticket-offer", "2026-06-07T10:03:00Z"),
            Activity("ticket-answer", "2026-06-07T10:04:00Z"));

        AssertRejections(log);
        Assert.Equal(At("2026-06-07T10:04:00Z"), Summary(log).HandoffAt);
    }

    /// <summary>Each mode rejects the second offer with H3 on the field ticketOffer, with the same reason, and keeps the first one pending.</summary>
    [Theory]
    [InBothModes]
    public void H3_a_second_offer_while_one_is_pending_is_rejected_in_each_mode(ReaderMode mode)
    {
        var bytes = Logs.Bytes(
            Opening(),
            Activity("ticket-offer", "2026-06-07T10:01:00Z"),
            Activity("ticket-offer", "2026-06-07T10:02:00Z"),
            Activity("ticket-answer", "2026-06-07T10:03:00Z"));
        var lean = Modes.ReadOnly(ReaderMode.Lean, bytes);
        var kept = Modes.ReadOnly(ReaderMode.KeepConversations, bytes);
        Assert.Empty(Modes.Differences(lean, kept));
        var (log, accepted) = mode == ReaderMode.Lean ? lean : kept;

        var rejection = Assert.Single(log.Rejections);
        Assert.Equal(3, rejection.LineNumber);
        Assert.Equal("H3: ticketOffer = '2026-06-07T10:02:00Z' cannot be made while the offer of 2026-06-07T10:01:00Z awaits an answer.", rejection.Reason);
        Assert.EndsWith(" awaits an answer.", rejection.Reason, StringComparison.Ordinal);
        Assert.Equal([1L, 2L, 4L], accepted);
        Assert.Equal(At("2026-06-07T10:03:00Z"), Summary(log).HandoffAt);
    }

    // H5: a conversation opens with a shopper message; when its opening line is rejected, so is every later line.

    [Theory]
    [InBothModes("agent-message")]
    [InBothModes("product-click")]
    [InBothModes("tag")]
    [InBothModes("handoff")]
    [InBothModes("ticket-offer")]
    [InBothModes("ticket-answer")]
    [InBothModes("close")]
    public void H5_a_first_line_that_is_not_a_shopper_message_is_rejected_and_so_is_every_later_line(string type, ReaderMode mode)
    {
        var log = Modes.Read(
            mode,
            Activity(type, "2026-06-07T10:00:00Z", "c2", channel: "web-chat"),
            Opening("c2", "2026-06-07T10:01:00Z"),
            Activity("tag", "2026-06-07T10:02:00Z", "c2"),
            Opening());

        const string later = "H5: conversation = 'c2' cannot continue: its opening line (line 1) was rejected, so every later line of it is rejected too (docs/activity-log.md).";
        AssertRejections(log, (1, $"H5: type = '{type}' cannot open conversation c2: its first line must be a shopper-message (R6)."), (2, later), (3, later));
        Assert.Equal("c1", Assert.Single(log.Accounts.SelectMany(a => a.Conversations)).Id.Value);
    }

    [Theory]
    [InBothModes]
    public void H5_the_later_lines_of_a_conversation_opened_without_a_channel_are_rejected(ReaderMode mode)
    {
        var log = Modes.Read(
            mode,
            Line("2026-06-07T10:00:00Z", "shopper-message", ""","text":"Hi" """.TrimEnd(), "c2"),
            Activity("agent-message", "2026-06-07T10:01:00Z", "c2"),
            Opening("c2", "2026-06-07T10:02:00Z"));

        const string later = "H5: conversation = 'c2' cannot continue: its opening line (line 1) was rejected, so every later line of it is rejected too (docs/activity-log.md).";
        AssertRejections(log, (1, "LOG: channel = <null> is missing (field 'channel' is required on the opening line of conversation c2)."), (2, later), (3, later));
        Assert.Equal(0, log.ConversationCount);
    }

    // R1: a conversation keeps the channel of its opening line.

    [Theory]
    [InBothModes("shopper-message")]
    [InBothModes("agent-message")]
    [InBothModes("product-click")]
    [InBothModes("tag")]
    [InBothModes("handoff")]
    [InBothModes("ticket-offer")]
    [InBothModes("close")]
    public void R1_a_line_whose_channel_differs_from_the_conversations_is_rejected(string type, ReaderMode mode)
    {
        var log = Modes.Read(
            mode,
            Opening(),
            Line("2026-06-07T10:01:00Z", "agent-message", Recommend),
            Activity(type, "2026-06-07T10:02:00Z", channel: "sms"),
            Activity(type, "2026-06-07T10:03:00Z", channel: "web-chat"));

        AssertRejections(log, (3, "R1: channel = 'sms' differs from conversation c1's channel web-chat."));
        Assert.Equal(Channel.WebChat, Summary(log).Channel);
    }
}
