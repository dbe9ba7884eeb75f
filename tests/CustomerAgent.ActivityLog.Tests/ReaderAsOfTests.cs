using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.Events;
using NodaTime;
using NodaTime.Text;
using static CustomerAgent.ActivityLog.Tests.ConversationRuleTests;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>
/// <see cref="ActivityLogReaderOptions.AsOf"/> (D1: a report as of an instant never sees later facts): every line is still checked
/// and applied by the rules, but each conversation's facts are those as of the instant, a conversation that starts later is absent,
/// and each account is as of the instant.
/// </summary>
public sealed class ReaderAsOfTests
{
    private static Instant At(string iso) => InstantPattern.ExtendedIso.Parse(iso).Value;

    /// <summary>c1 (web chat) from 10:00 to its close at 10:06 with every kind of fact, then c2 (SMS) from 11:00, then an order.</summary>
    private static readonly string[] Story =
    [
        Line("2026-06-07T10:00:00Z", "shopper-message", ""","text":"Hi","profile":{"email":"ann@example.com"}""", channel: "web-chat"),
        Line("2026-06-07T10:01:00Z", "agent-message", Recommend),
        Activity("product-click", "2026-06-07T10:02:00Z"),
        Activity("tag", "2026-06-07T10:03:00Z"),
        Activity("shopper-message", "2026-06-07T10:04:00Z"),
        Activity("handoff", "2026-06-07T10:05:00Z"),
        Activity("close", "2026-06-07T10:06:00Z"),
        Opening("c2", "2026-06-07T11:00:00Z", channel: "sms"),
        Activity("agent-message", "2026-06-07T11:01:00Z", "c2"),
        """{"type":"order","account":"acme","at":"2026-06-07T11:30:00Z","order":"o-late","shopper":{"email":"ann@example.com"},"amount":70.00,"currency":"EUR"}""",
    ];

    internal static ActivityLogResult Read(ReaderMode mode, Instant? asOf, params string[] lines) =>
        ActivityLogReader.Read(new MemoryStream(Logs.Bytes(lines)), new ActivityLogReaderOptions { AsOf = asOf, KeepConversations = mode == ReaderMode.KeepConversations, MaxDegreeOfParallelism = 1 });

    private static AccountLog Acme(ActivityLogResult log) => Assert.Single(log.Accounts, a => a.AccountId.Value == "acme");

    private static string Facts(ConversationSummary c) =>
        $"messages {c.MessageCount} last by {c.LastMessageAuthor} at {Modes.F(c.LastMessageAt)} tags [{string.Join(",", c.Tags)}] recommendations {c.Recommendations.Count} handoff {Modes.F(c.HandoffAt)} closed {Modes.F(c.ClosedAt)}";

    [Theory]
    [InBothModes("2026-06-07T10:00:00Z", "messages 1 last by Shopper at 2026-06-07T10:00:00Z tags [] recommendations 0 handoff - closed -", ConversationStatus.Open)]
    [InBothModes("2026-06-07T10:01:00Z", "messages 2 last by Agent at 2026-06-07T10:01:00Z tags [] recommendations 1 handoff - closed -", ConversationStatus.Open)]
    [InBothModes("2026-06-07T10:02:59.999999999Z", "messages 2 last by Agent at 2026-06-07T10:01:00Z tags [] recommendations 1 handoff - closed -", ConversationStatus.Open)]
    [InBothModes("2026-06-07T10:03:00Z", "messages 2 last by Agent at 2026-06-07T10:01:00Z tags [shoes] recommendations 1 handoff - closed -", ConversationStatus.Open)]
    [InBothModes("2026-06-07T10:03:59.999999999Z", "messages 2 last by Agent at 2026-06-07T10:01:00Z tags [shoes] recommendations 1 handoff - closed -", ConversationStatus.Open)]
    [InBothModes("2026-06-07T10:04:00Z", "messages 3 last by Shopper at 2026-06-07T10:04:00Z tags [shoes] recommendations 1 handoff - closed -", ConversationStatus.Open)]
    [InBothModes("2026-06-07T10:04:59.999999999Z", "messages 3 last by Shopper at 2026-06-07T10:04:00Z tags [shoes] recommendations 1 handoff - closed -", ConversationStatus.Open)]
    [InBothModes("2026-06-07T10:05:00Z", "messages 3 last by Shopper at 2026-06-07T10:04:00Z tags [shoes] recommendations 1 handoff 2026-06-07T10:05:00Z closed -", ConversationStatus.NotResolvedByAi)]
    [InBothModes("2026-06-07T10:05:59.999999999Z", "messages 3 last by Shopper at 2026-06-07T10:04:00Z tags [shoes] recommendations 1 handoff 2026-06-07T10:05:00Z closed -", ConversationStatus.NotResolvedByAi)]
    [InBothModes("2026-06-07T10:06:00Z", "messages 3 last by Shopper at 2026-06-07T10:04:00Z tags [shoes] recommendations 1 handoff 2026-06-07T10:05:00Z closed 2026-06-07T10:06:00Z", ConversationStatus.NotResolvedByAi)]
    public void D1_with_AsOf_each_conversation_has_its_facts_as_of_the_instant_and_a_later_message_tag_handoff_or_close_is_not_seen(string asOf, string facts, ConversationStatus status, ReaderMode mode)
    {
        var account = Acme(Read(mode, At(asOf), Story));

        var c1 = Assert.Single(account.Conversations, c => c.Id.Value == "c1");
        Assert.Equal(facts, Facts(c1));
        Assert.Equal(At(asOf), account.AsOf);
        Assert.Equal(1, account.CountByChannelAndStatus(At(asOf))[Channel.WebChat, status]);
        Assert.Equal(1, account.CountByChannelAndStatus(At(asOf)).Total.Total);
    }

    [Theory]
    [InBothModes]
    public void D1_with_AsOf_the_events_are_those_emitted_by_the_instant(ReaderMode mode)
    {
        static IReadOnlyList<MetricKind> Kinds(AccountLog a) => [.. a.Events(SupportedInstants.Start, a.AsOf!.Value + Duration.Epsilon).Select(e => e.Kind)];

        var beforeHandoff = Acme(Read(mode, At("2026-06-07T10:05:00Z") - Duration.Epsilon, Story));
        var atHandoff = Acme(Read(mode, At("2026-06-07T10:05:00Z"), Story));

        Assert.Equal([MetricKind.StartedConversation, MetricKind.ReceivedProductRecommendation], Kinds(beforeHandoff));
        Assert.Equal([MetricKind.StartedConversation, MetricKind.ReceivedProductRecommendation, MetricKind.ConversationEscalated], Kinds(atHandoff));
        Assert.Equal(0, beforeHandoff.CountEventsAsOf(beforeHandoff.AsOf!.Value)[MetricKind.ConversationEscalated]);
        Assert.Equal(1, atHandoff.CountEventsAsOf(atHandoff.AsOf!.Value)[MetricKind.ConversationEscalated]);
    }

    [Theory]
    [InBothModes]
    public void D1_with_AsOf_a_conversation_that_starts_later_is_absent_and_present_from_its_first_instant(ReaderMode mode)
    {
        var justBefore = Acme(Read(mode, At("2026-06-07T11:00:00Z") - Duration.Epsilon, Story));
        var atStart = Acme(Read(mode, At("2026-06-07T11:00:00Z"), Story));
        var beforeEverything = Read(mode, At("2026-06-07T09:00:00Z"), Story);

        Assert.Equal(["c1"], justBefore.Conversations.Select(c => c.Id.Value));
        Assert.Equal(0, justBefore.CountByChannelAndStatus(justBefore.AsOf!.Value).ForChannel(Channel.Sms).Total);
        Assert.DoesNotContain(justBefore.FactsById(), f => f.Key.Value == "c2");
        Assert.Equal(["c1", "c2"], atStart.Conversations.Select(c => c.Id.Value));
        Assert.Equal(1, atStart.CountByChannelAndStatus(atStart.AsOf!.Value)[Channel.Sms, ConversationStatus.Open]);
        Assert.Equal(0, beforeEverything.ConversationCount);
        Assert.All(beforeEverything.Accounts, a => Assert.Equal(0, a.CountByChannelAndStatus(At("2026-06-07T09:00:00Z")).Total.Total));
    }

    [Theory]
    [InBothModes]
    public void D1_with_AsOf_lines_after_it_are_still_checked_and_rejected_when_bad_exactly_as_without_it(ReaderMode mode)
    {
        string[] lines =
        [
            .. Story,
            Activity("shopper-message", "2026-06-07T12:00:00Z"),                                   // 11: D2, c1 was closed at 10:06
            Line("2026-06-07T12:00:00Z", "product-click", ""","product":"SKU-9" """.TrimEnd(), "c2"), // 12: H2, never recommended in c2
            Activity("agent-message", "2026-06-07T10:59:00Z", "c2"),                               // 13: H1, before c2's last line
            Activity("tag", "2026-06-07T12:00:00Z", "c3", channel: "web-chat"),                    // 14: H5, c3's first line is not a shopper message
            Activity("shopper-message", "2026-06-07T12:01:00Z", "c3"),                             // 15: H5, c3 stays rejected
            """{"type":"account-settings","account":"acme","at":"2026-06-07T12:00:00Z","timeZone":"Mars/Olympus"}""", // 16: R13
            """{"type":"order","account":"acme","at":"2026-06-07T12:00:00Z","order":"o-late","shopper":{"email":"ann@example.com"},"amount":1.00,"currency":"EUR"}""", // 17: D5, repeats o-late
            Opening("c4", "2026-06-07T12:30:00Z"),                                                 // 18: accepted, after the instant
        ];
        var asOf = At("2026-06-07T10:30:00Z");

        var cut = Read(mode, asOf, lines);
        var whole = Read(mode, null, lines);

        Assert.Equal([11L, 12, 13, 14, 15, 16, 17], cut.Rejections.Select(r => r.LineNumber));
        Assert.Equal(whole.Rejections.Select(r => (r.LineNumber, r.Reason, Convert.ToHexString(r.Bytes.Span))), cut.Rejections.Select(r => (r.LineNumber, r.Reason, Convert.ToHexString(r.Bytes.Span))));
        Assert.Equal(
            ["D2", "H2", "H1", "H5", "H5", "R13", "D5"],
            cut.Rejections.Select(r => r.Reason[..r.Reason.IndexOf(':', StringComparison.Ordinal)]));
        Assert.Equal((whole.LineCount, whole.AcceptedLineCount, whole.LatestInstant), (cut.LineCount, cut.AcceptedLineCount, cut.LatestInstant));
        Assert.Equal(["c1"], Acme(cut).Conversations.Select(c => c.Id.Value));
        Assert.Equal(["c1", "c2", "c4"], Acme(whole).Conversations.Select(c => c.Id.Value));
    }

    [Theory]
    [InBothModes]
    public void D1_with_AsOf_the_account_is_as_of_the_instant_and_answers_for_no_later_one_while_later_lines_were_set_aside(ReaderMode mode)
    {
        var asOf = At("2026-06-07T10:30:00Z");
        var account = Acme(Read(mode, asOf, Story));

        Assert.Equal(asOf, account.AsOf);
        Assert.Equal(At("2026-06-07T11:30:00Z"), account.LatestInstant); // the account's latest accepted line, after the instant
        Assert.Equal("D1", Assert.Throws<CustomerAgentException>(() => account.CountByChannelAndStatus(account.LatestInstant!.Value)).Rule);
        Assert.Equal("D1", Assert.Throws<CustomerAgentException>(() => account.CountEventsAsOf(asOf + Duration.Epsilon)).Rule);
        Assert.Equal("D1", Assert.Throws<CustomerAgentException>(() => account.Events(SupportedInstants.Start, asOf + Duration.FromSeconds(1)).ToList()).Rule);
        Assert.NotEmpty(account.Events(SupportedInstants.Start, asOf + Duration.Epsilon));

        // an instant at or after every line: the facts are final, so any later instant is answered too
        var final = Acme(Read(mode, At("2026-06-08T00:00:00Z"), Story));
        Assert.Equal(2, final.CountByChannelAndStatus(At("2026-06-09T00:00:00Z")).Total.Total);
    }

    [Theory]
    [InBothModes]
    public void D1_with_AsOf_the_sales_leave_out_an_order_placed_after_it_and_the_dashboard_a_conversation_started_after_it(ReaderMode mode)
    {
        string[] lines = [.. Story, """{"type":"order","account":"acme","at":"2026-06-07T10:30:00Z","order":"o-early","shopper":{"email":"ann@example.com"},"amount":30.00,"currency":"EUR"}"""];
        var account = Acme(Read(mode, At("2026-06-07T11:15:00Z"), lines));
        var period = ReportingPeriod.ForDates(AccountReportingSettings.Create(account.AccountId, "UTC"), new LocalDate(2026, 6, 7), new LocalDate(2026, 6, 7));

        var sales = account.Sales(period);
        var report = account.Dashboard(period, sales);

        Assert.Equal(["o-early"], sales.Orders.Select(o => o.Order.Id)); // o-late, 11:30, is after the instant
        Assert.Equal(1, sales.OrderCount);
        Assert.Equal((2L, 1L, 1L), (report.Kpis.Volume, report.Kpis.NotResolvedByAi, report.Kpis.Open));

        var earlier = Acme(Read(mode, At("2026-06-07T10:59:00Z"), lines));
        Assert.Equal(1, earlier.Dashboard(period).Kpis.Volume); // c2 starts at 11:00
    }

    [Theory]
    [InBothModes("2026-06-07T10:02:00Z", "skills order-status/order-status tags [price] recommendations 0 handoff -", ConversationStatus.Open)]
    [InBothModes("2026-06-07T10:03:00Z", "skills order-status/order-status tags [price] recommendations 0 handoff -", ConversationStatus.Open)]
    [InBothModes("2026-06-07T10:04:00Z", "skills order-status/product-recommendations tags [price] recommendations 1 handoff -", ConversationStatus.Open)]
    [InBothModes("2026-06-07T10:05:00Z", "skills order-status/product-recommendations tags [price,shoes] recommendations 1 handoff 2026-06-07T10:05:00Z", ConversationStatus.NotResolvedByAi)]
    public void D1_with_AsOf_the_skills_recommendations_tags_and_a_ticket_accepted_later_are_as_of_the_instant(string asOf, string facts, ConversationStatus status, ReaderMode mode)
    {
        string[] lines =
        [
            Opening(),
            Line("2026-06-07T10:01:00Z", "agent-message", ""","text":"Let me check","skill":"order-status" """.TrimEnd()),
            Line("2026-06-07T10:01:00Z", "tag", ""","tag":"price" """.TrimEnd()),
            Activity("ticket-offer", "2026-06-07T10:02:00Z"),
            Line("2026-06-07T10:04:00Z", "agent-message", Recommend),
            Line("2026-06-07T10:05:00Z", "tag", ""","tag":"price" """.TrimEnd()), // re-applied: still once, from 10:01
            Activity("tag", "2026-06-07T10:05:00Z"),
            Activity("ticket-answer", "2026-06-07T10:05:00Z"),                     // "yes": the handoff is at the answer (R4)
        ];

        var account = Acme(Read(mode, At(asOf), lines));
        var c1 = Assert.Single(account.Conversations);

        Assert.Equal(facts, $"skills {c1.InitialSkill}/{c1.FinalSkill} tags [{string.Join(",", c1.Tags)}] recommendations {c1.Recommendations.Count} handoff {Modes.F(c1.HandoffAt)}");
        Assert.Equal(1, account.CountByChannelAndStatus(At(asOf))[Channel.WebChat, status]);
    }

    /// <summary>
    /// A line dated after the instant that is <b>rejected</b> changes nothing, so a later line of the same conversation dated at or
    /// before the instant is accepted (H1 compares with the last accepted activity) and must be in the facts as of the instant.
    /// Fails today for a line rejected after the time check (H2, H3): the reader keeps the row as of the instant when the rejected
    /// line passes the time check (FactsTable.CheckTime, KeepAtCutoff), so the accepted 11:00 agent message is missing (1 message,
    /// last by the shopper, instead of 2, last by the agent). A line rejected before the time check (R1) does not trigger it.
    /// </summary>
    [Theory]
    [InBothModes(""","product":"SKU-9" """, "product-click")]
    [InBothModes(""","accepted":true""", "ticket-answer")]
    [InBothModes(""","channel":"sms","text":"more" """, "shopper-message")]
    public void D1_with_AsOf_a_rejected_line_after_the_instant_does_not_hide_a_later_accepted_line_at_or_before_it(string fields, string type, ReaderMode mode)
    {
        string[] lines =
        [
            Opening(),                                                                             // 10:00
            Line("2026-06-07T12:00:00Z", type, fields.TrimEnd()),                                  // rejected (H2, H3, R1), after the instant
            Activity("agent-message", "2026-06-07T11:00:00Z"),                                     // accepted: after the last accepted activity
        ];
        var asOf = At("2026-06-07T11:30:00Z");

        var cut = Read(mode, asOf, lines);
        var whole = Read(mode, null, lines);

        Assert.Equal([2L], cut.Rejections.Select(r => r.LineNumber));
        Assert.Equal(whole.AcceptedLineCount, cut.AcceptedLineCount);
        var c1 = Assert.Single(Acme(cut).Conversations);
        Assert.Equal(Facts(Assert.Single(Acme(whole).Conversations)), Facts(c1));
        Assert.Equal("messages 2 last by Agent at 2026-06-07T11:00:00Z tags [] recommendations 0 handoff - closed -", Facts(c1));
    }

    [Theory]
    [InlineData(ReaderMode.Lean)]
    [InlineData(ReaderMode.KeepConversations)]
    public void D1_facts_read_as_of_the_latest_instant_are_final_and_answer_for_any_later_instant(ReaderMode mode)
    {
        var latest = At("2026-06-07T11:30:00Z");
        var atLatest = Assert.Single(Read(mode, latest, Story).Accounts);
        var before = Assert.Single(Read(mode, latest - Duration.Epsilon, Story).Accounts);

        Assert.Single(atLatest.Activity(latest + Duration.FromHours(1)).Orders);
        var error = Assert.Throws<CustomerAgentException>(() => before.Activity(latest + Duration.FromHours(1)));
        Assert.Equal(("D1", "asOf"), (error.Rule, error.Field));
    }
}
