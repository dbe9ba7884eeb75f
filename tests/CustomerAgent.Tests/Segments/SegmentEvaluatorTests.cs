using CustomerAgent.Conversations;
using CustomerAgent.Events;
using CustomerAgent.Segments;
using NodaTime;
using static CustomerAgent.Tests.Segments.SegmentData;

namespace CustomerAgent.Tests.Segments;

/// <summary>The three segments of the events guide (R21) and the building blocks: frequencies, timeframes in the account's days, and/or, evidence, as-of.</summary>
public sealed class SegmentEvaluatorTests
{
    private static readonly ISegmentEvaluator Evaluator = SegmentEvaluator.Default;

    private static string[] Emails(SegmentResult result) =>
        [.. result.Members.Select(m => m.Profile.Email ?? m.Profile.PhoneNumber ?? m.Profile.AnonymousId!)];

    [Fact]
    public void R21_which_customers_started_a_conversation_lists_every_profile_with_a_started_event_as_of_the_instant()
    {
        var events = Recommended("c-ann", Ann, Noon - Duration.FromDays(3))
            .Concat(Escalated("c-bob", Bob, Noon - Duration.FromHours(1)))
            .Concat(Recommended("c-anon", Nobody, Noon - Duration.FromDays(1)));
        var activity = Activity(events);

        var now = Evaluator.Evaluate(activity, SegmentDefinition.StartedConversation, Noon);
        var before = Evaluator.Evaluate(activity, SegmentDefinition.StartedConversation, Noon - Duration.FromHours(2));

        Assert.Equal(["+33612345678", "ann@example.com", "customer-agent-conversation:acct-1:c-anon"], Emails(now).Order(StringComparer.Ordinal));
        Assert.Equal(3, now.ProfilesConsidered);
        // D1: Bob's conversation began after the earlier instant, so he is not a profile yet
        Assert.Equal(2, before.Members.Count);
        Assert.Equal(2, before.ProfilesConsidered);
        var ann = now.Members.Single(m => m.Profile.Email == "ann@example.com");
        var evidence = Assert.Single(ann.Evidence);
        var started = Assert.Single(evidence.Counted);
        Assert.Equal(SegmentMetric.StartedConversation, started.Metric);
        Assert.Equal("acct-1:c-ann:started", started.Id);
        Assert.Equal(ConversationId.From("c-ann"), started.ConversationId);
        Assert.Equal(Noon - Duration.FromDays(3), started.At);
    }

    [Fact]
    public void R21_who_received_a_recommendation_and_did_not_purchase_since_counts_orders_only_after_the_latest_recommendation()
    {
        var t = Noon - Duration.FromDays(5);
        var events = Recommended("c-ann", Ann, t) // no order: member
            .Concat(Recommended("c-carl", Carl, t)) // ordered after: not a member
            .Concat(Recommended("c-dan-1", Profile.Create(email: "dan@example.com"), t)) // ordered, then another recommendation: member
            .Concat(Recommended("c-dan-2", Profile.Create(email: "dan@example.com"), t + Duration.FromDays(2)))
            .Concat(Recommended("c-eve", Profile.Create(email: "eve@example.com"), t + Duration.FromDays(1))) // ordered before: member
            .Concat(Recommended("c-anon", Nobody, t)); // no order can reach an anonymous shopper: member
        var activity = Activity(
            events,
            Order("o-carl", t + Duration.FromHours(3), phone: "+33698765432"), // Carl by his phone number
            Order("o-dan", t + Duration.FromDays(1), email: "DAN@example.com"),
            Order("o-eve", t, email: "eve@example.com"));

        var result = Evaluator.Evaluate(activity, SegmentDefinition.RecommendedWithoutOrder, Noon);

        Assert.Equal(
            ["ann@example.com", "customer-agent-conversation:acct-1:c-anon", "dan@example.com", "eve@example.com"],
            Emails(result).Order(StringComparer.Ordinal));
        var dan = result.Members.Single(m => m.Profile.Email == "dan@example.com");
        Assert.Equal(2, dan.Evidence.Count);
        Assert.Equal(2, dan.Evidence[0].Counted.Count); // two recommendations over all time
        var since = dan.Evidence[1];
        Assert.Empty(since.Counted);
        Assert.Equal("acct-1:c-dan-2:recommendation:1", since.Anchor!.Id);
        Assert.Equal(since.Anchor.At, since.WindowStart);
        Assert.Equal(Noon, since.WindowEnd);
    }

    [Fact]
    public void R21_R13_escalated_in_the_last_7_days_counts_the_accounts_local_days_today_included()
    {
        // as of June 7 12:00 in Paris, the last 7 days are June 1 00:00 to now in Paris (May 31 22:00 UTC onwards)
        var inside = Instant.FromUtc(2026, 5, 31, 22, 0) - Duration.FromMinutes(2); // escalated at 22:00 UTC = June 1 00:00 Paris
        var outside = inside - Duration.Epsilon;
        var events = Escalated("c-ann", Ann, inside).Concat(Escalated("c-carl", Carl, outside));
        var activity = Activity(events);

        var result = Evaluator.Evaluate(activity, SegmentDefinition.EscalatedInTheLast7Days, Noon);

        var member = Assert.Single(result.Members);
        Assert.Equal("ann@example.com", member.Profile.Email);
        Assert.Equal(Instant.FromUtc(2026, 5, 31, 22, 0), member.Evidence[0].WindowStart);
        Assert.Equal("acct-1:c-ann:escalated", member.Evidence[0].Counted.Single().Id);
    }

    [Fact]
    public void R21_frequencies_at_least_exactly_and_zero()
    {
        var ann = Recommended("c-1", Ann, Noon - Duration.FromDays(2)).Concat(Recommended("c-2", Ann, Noon - Duration.FromDays(1)));
        var carl = Recommended("c-3", Carl, Noon - Duration.FromDays(1));
        var activity = Activity(ann.Concat(carl));
        SegmentResult Run(Frequency f) => Evaluator.Evaluate(
            activity, SegmentDefinition.Create("s", SegmentCondition.HasDone(SegmentMetric.ReceivedProductRecommendation, f, Timeframe.AllTime)), Noon);

        Assert.Equal(["ann@example.com"], Emails(Run(Frequency.AtLeast(2))));
        Assert.Equal(["carl@example.com"], Emails(Run(Frequency.Exactly(1))));
        Assert.Equal(["ann@example.com", "carl@example.com"], Emails(Run(Frequency.AtLeast(1))));
        Assert.Empty(Run(Frequency.Zero).Members);
        Assert.Equal(["ann@example.com", "carl@example.com"], Emails(Evaluator.Evaluate(
            activity, SegmentDefinition.Create("s", SegmentCondition.HasDone(SegmentMetric.ConversationEscalated, Frequency.Zero, Timeframe.AllTime)), Noon)));
        Assert.Equal("at least 2 times", Frequency.AtLeast(2).ToString());
        Assert.Equal("exactly once", Frequency.Exactly(1).ToString());
        Assert.Same(Frequency.Zero, Frequency.Exactly(0));
    }

    [Fact]
    public void R21_R13_since_and_between_dates_are_local_days_both_inclusive_and_never_past_the_as_of_instant()
    {
        // June 3 23:30 Paris = 21:30 UTC; June 4 00:30 Paris = 22:30 UTC on June 3
        var lateJune3 = Instant.FromUtc(2026, 6, 3, 21, 30) - Duration.FromMinutes(1);
        var earlyJune4 = Instant.FromUtc(2026, 6, 3, 22, 30) - Duration.FromMinutes(1);
        var activity = Activity(Recommended("c-1", Ann, lateJune3).Concat(Recommended("c-2", Carl, earlyJune4)));
        string[] Who(Timeframe timeframe, Instant asOf) => Emails(Evaluator.Evaluate(
            activity, SegmentDefinition.Create("s", SegmentCondition.HasDone(SegmentMetric.ReceivedProductRecommendation, Frequency.AtLeast(1), timeframe)), asOf));

        Assert.Equal(["carl@example.com"], Who(Timeframe.Since(June(4)), Noon));
        Assert.Equal(["ann@example.com", "carl@example.com"], Who(Timeframe.Since(June(3)), Noon));
        Assert.Equal(["ann@example.com"], Who(Timeframe.Between(June(1), June(3)), Noon));
        Assert.Equal(["carl@example.com"], Who(Timeframe.Between(June(4), June(4)), Noon));
        Assert.Equal(["ann@example.com"], Who(Timeframe.InTheLast(1), lateJune3 + Duration.FromMinutes(1)));
        Assert.Empty(Who(Timeframe.Between(June(4), June(30)), earlyJune4)); // the recommendation comes one minute after
        Assert.Equal("between 2026-06-01 and 2026-06-03", Timeframe.Between(June(1), June(3)).ToString());
    }

    [Fact]
    public void R21_conditions_combine_with_and_or_and_the_evidence_names_the_branches_that_hold()
    {
        var activity = Activity(
            Recommended("c-ann", Ann, Noon - Duration.FromDays(1)).Concat(Escalated("c-carl", Carl, Noon - Duration.FromDays(1))),
            Order("o-1", Noon - Duration.FromHours(1), email: "carl@example.com"));
        var recommended = SegmentCondition.HasDone(SegmentMetric.ReceivedProductRecommendation, Frequency.AtLeast(1), Timeframe.AllTime);
        var escalated = SegmentCondition.HasDone(SegmentMetric.ConversationEscalated, Frequency.AtLeast(1), Timeframe.InTheLast(7));
        var ordered = SegmentCondition.HasDone(SegmentMetric.PlacedOrder, Frequency.AtLeast(1), Timeframe.AllTime);

        var either = Evaluator.Evaluate(activity, SegmentDefinition.Create("either", recommended.Or(escalated)), Noon);
        var both = Evaluator.Evaluate(activity, SegmentDefinition.Create("both", escalated.And(ordered)), Noon);

        Assert.Equal(["ann@example.com", "carl@example.com"], Emails(either));
        Assert.Same(recommended, Assert.Single(either.Members[0].Evidence).Condition);
        Assert.Same(escalated, Assert.Single(either.Members[1].Evidence).Condition);
        var carl = Assert.Single(both.Members);
        Assert.Equal(["acct-1:c-carl:escalated", "o-1"], carl.Evidence.Select(e => e.Counted.Single().Id));
        Assert.Null(carl.Evidence[1].Counted[0].ConversationId);
        Assert.Equal(
            "Received Product Recommendation from Customer Agent at least once over all time or Conversation with Customer Agent Escalated at least once in the last 7 days",
            either.Definition.Description);
    }

    [Fact]
    public void R11_R21_events_and_orders_linked_by_shared_identifiers_are_one_profile_and_an_email_matches_case_insensitively()
    {
        // Carl chats by web with email + phone, then by another conversation with only the phone; orders with his email in capitals
        var events = Recommended("c-1", Carl, Noon - Duration.FromDays(2))
            .Concat(Recommended("c-2", Profile.Create(phoneNumber: "+33698765432"), Noon - Duration.FromDays(1)));
        var activity = Activity(events, Order("o-1", Noon - Duration.FromHours(30), email: "CARL@example.com"));

        Assert.Equal(1, activity.ProfileCount);
        var twice = Evaluator.Evaluate(activity, SegmentDefinition.Create("s", SegmentCondition.HasDone(SegmentMetric.ReceivedProductRecommendation, Frequency.Exactly(2), Timeframe.AllTime)), Noon);
        var member = Assert.Single(twice.Members);
        Assert.Equal("carl@example.com", member.Profile.Email);
        Assert.Equal("+33698765432", member.Profile.PhoneNumber);
        // the order (between the two recommendations) does not keep Carl out of "no order since the latest"
        Assert.Single(Evaluator.Evaluate(activity, SegmentDefinition.RecommendedWithoutOrder, Noon).Members);
        Assert.Empty(Evaluator.Evaluate(activity, SegmentDefinition.RecommendedWithoutOrder, Noon - Duration.FromHours(25)).Members);
    }

    [Fact]
    public void R21_named_segments_are_found_by_name_and_print_their_condition()
    {
        Assert.Equal(["started-conversation", "recommended-no-order", "escalated-last-7-days"], SegmentDefinition.Named.Select(d => d.Name));
        Assert.Same(SegmentDefinition.RecommendedWithoutOrder, SegmentDefinition.FindNamed("recommended-no-order"));
        Assert.Null(SegmentDefinition.FindNamed("vip"));
        Assert.Equal(
            "recommended-no-order: Received Product Recommendation from Customer Agent at least once over all time and Placed Order zero times since the latest Received Product Recommendation from Customer Agent",
            SegmentDefinition.RecommendedWithoutOrder.ToString());
        Assert.Equal(SegmentDefinition.EscalatedInTheLast7Days.Condition, SegmentCondition.HasDone(SegmentMetric.ConversationEscalated, Frequency.AtLeast(1), Timeframe.InTheLast(7)));
    }

    [Fact]
    public void R21_invalid_conditions_are_rejected_naming_the_rule_the_field_and_the_value()
    {
        void Rejects(Action act, string rule, string field, string value)
        {
            var e = Assert.Throws<CustomerAgentException>(act);
            Assert.Equal(rule, e.Rule);
            Assert.Equal(field, e.Field);
            Assert.Contains(value, e.Message, StringComparison.Ordinal);
        }

        Rejects(() => Frequency.AtLeast(0), "R21", "count", "'0'");
        Rejects(() => Frequency.Exactly(-1), "R21", "count", "'-1'");
        Rejects(() => Frequency.AtLeast(Frequency.MaxCount + 1), "R21", "count", "1000001");
        Rejects(() => Timeframe.InTheLast(0), "R21", "days", "'0'");
        Rejects(() => Timeframe.Between(June(3), June(2)), "R21", "lastDate", "2026-06-02");
        Rejects(() => Timeframe.Since(new LocalDate(1899, 12, 31)), "H6", "date", "1899-12-31");
        Rejects(() => Timeframe.SinceLatest((SegmentMetric)9), "R21", "anchor", "9");
        Rejects(() => SegmentCondition.HasDone((SegmentMetric)(-1), Frequency.Zero, Timeframe.AllTime), "R21", "metric", "-1");
        Rejects(() => SegmentCondition.All(), "R21", "conditions", "at least one");
        var leaf = SegmentCondition.HasDone(SegmentMetric.PlacedOrder, Frequency.Zero, Timeframe.AllTime);
        Rejects(() => SegmentCondition.Any(Enumerable.Repeat(leaf, SegmentCondition.MaxConditions)), "R21", "conditions", "101");
        Rejects(() => SegmentDefinition.Create("Not A Slug", leaf), "R21", "name", "Not A Slug");
        Rejects(() => SegmentDefinition.Create(new string('a', 65), leaf), "R21", "name", "aaaa");
        Rejects(() => ((SegmentMetric)7).ToMetricName(), "R21", "metric", "7");
        Rejects(() => ((MetricKind)7).ToSegmentMetric(), "R21", "kind", "7");
        Assert.Throws<ArgumentNullException>(() => SegmentCondition.HasDone(SegmentMetric.PlacedOrder, null!, Timeframe.AllTime));
        Assert.Throws<ArgumentNullException>(() => SegmentDefinition.Create("s", null!));
    }

    [Fact]
    public void ACCOUNT_D4_D5_activity_rejects_another_accounts_data_a_conflicting_event_and_a_repeated_order()
    {
        var ann = Recommended("c-ann", Ann, Noon);
        var other = Recommended("c-ann", Ann, Noon, account: "acct-2");
        var e = Assert.Throws<CustomerAgentException>(() => Activity(ann.Concat(other)));
        Assert.Equal("ACCOUNT", e.Rule);
        Assert.Equal("events[2].accountId", e.Field);
        e = Assert.Throws<CustomerAgentException>(() => Activity(ann, Order("o-1", Noon, email: "ann@example.com", account: "acct-2")));
        Assert.Equal("ACCOUNT", e.Rule);
        Assert.Equal("orders[0].accountId", e.Field);

        // the same event twice counts once; the same unique ID with other content is a conflict
        var twice = Activity(ann.Concat(ann));
        Assert.Equal(ann.Count, twice.Events.Count);
        var moved = Recommended("c-ann", Ann, Noon + Duration.FromMinutes(5));
        e = Assert.Throws<CustomerAgentException>(() => Activity(ann.Concat(moved)));
        Assert.Equal("D4", e.Rule);
        Assert.Contains("acct-1:c-ann:started", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<CustomerAgentException>(() => Activity(ann, Order("o-1", Noon, email: "a@example.com"), Order("o-1", Noon, email: "b@example.com")));
        Assert.Equal("D5", e.Rule);
        Assert.Equal("o-1", e.Value);
    }

    [Fact]
    public void D1_H6_the_as_of_instant_is_checked_and_nothing_later_counts()
    {
        var activity = Activity(Escalated("c-ann", Ann, Noon));
        Assert.Empty(Evaluator.Evaluate(activity, SegmentDefinition.EscalatedInTheLast7Days, Noon + Duration.FromMinutes(2) - Duration.Epsilon).Members);
        Assert.Single(Evaluator.Evaluate(activity, SegmentDefinition.EscalatedInTheLast7Days, Noon + Duration.FromMinutes(2)).Members);
        var e = Assert.Throws<CustomerAgentException>(() => Evaluator.Evaluate(activity, SegmentDefinition.StartedConversation, Instant.FromUtc(2200, 1, 1, 0, 0)));
        Assert.Equal("H6", e.Rule);
    }
}
