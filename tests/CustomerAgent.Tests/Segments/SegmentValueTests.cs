using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.Segments;
using NodaTime;
using static CustomerAgent.Tests.Segments.SegmentData;

namespace CustomerAgent.Tests.Segments;

/// <summary>The segment values are values (R21, R22): equality, hash codes, their words, the guards and the range edges.</summary>
public sealed class SegmentValueTests
{
    private static void EqualValues<T>(T a, T b, T other)
        where T : class, IEquatable<T>
    {
        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.False(a.Equals(other));
        Assert.False(a.Equals((object?)null));
        Assert.False(a.Equals((T?)null));
    }

    [Fact]
    public void R21_frequencies_timeframes_conditions_and_definitions_are_equal_by_value()
    {
        EqualValues(Frequency.AtLeast(2), Frequency.AtLeast(2), Frequency.Exactly(2));
        EqualValues(Frequency.Exactly(3), Frequency.Exactly(3), Frequency.Exactly(2));
        EqualValues(Timeframe.InTheLast(7), Timeframe.InTheLast(7), Timeframe.InTheLast(8));
        EqualValues(Timeframe.Between(June(1), June(3)), Timeframe.Between(June(1), June(3)), Timeframe.Between(June(1), June(4)));
        EqualValues(Timeframe.Between(June(1), June(3)), Timeframe.Between(June(1), June(3)), Timeframe.Between(June(2), June(3)));
        EqualValues(Timeframe.Since(June(1)), Timeframe.Since(June(1)), Timeframe.Between(June(1), June(1)));
        EqualValues(Timeframe.SinceLatest(SegmentMetric.PlacedOrder), Timeframe.SinceLatest(SegmentMetric.PlacedOrder), Timeframe.SinceLatest(SegmentMetric.StartedConversation));
        var a = SegmentCondition.HasDone(SegmentMetric.PlacedOrder, Frequency.Zero, Timeframe.AllTime);
        var b = SegmentCondition.HasDone(SegmentMetric.PlacedOrder, Frequency.Zero, Timeframe.AllTime);
        var c = SegmentCondition.HasDone(SegmentMetric.PlacedOrder, Frequency.Zero, Timeframe.InTheLast(1));
        var d = SegmentCondition.HasDone(SegmentMetric.StartedConversation, Frequency.Zero, Timeframe.AllTime);
        var e = SegmentCondition.HasDone(SegmentMetric.PlacedOrder, Frequency.AtLeast(1), Timeframe.AllTime);
        EqualValues(a, b, c);
        EqualValues(a, b, d);
        EqualValues(a, b, e);
        EqualValues(a.And(c), b.And(c), a.Or(c));
        EqualValues(a.And(c), b.And(c), c.And(a));
        EqualValues(a.And(c), b.And(c), SegmentCondition.All(a, c, d));
        EqualValues(SegmentDefinition.Create("x", a), SegmentDefinition.Create("x", b), SegmentDefinition.Create("y", a));
        EqualValues(SegmentDefinition.Create("x", a, "why"), SegmentDefinition.Create("x", b, "why"), SegmentDefinition.Create("x", a, "other"));
        EqualValues(SegmentDefinition.Create("x", a), SegmentDefinition.Create("x", b), SegmentDefinition.Create("x", c, a.ToString()));
        Assert.Equal(SegmentConditionKind.Any, a.Or(c).Kind);
        Assert.Equal([a, c], a.Or(c).Conditions);
        Assert.Empty(a.Conditions);
        Assert.Null(a.And(c).Frequency);
        Assert.Null(a.And(c).Timeframe);
    }

    [Fact]
    public void R21_values_say_what_they_are_in_words()
    {
        Assert.Equal("today", Timeframe.InTheLast(1).ToString());
        Assert.Equal("in the last 30 days", Timeframe.InTheLast(30).ToString());
        Assert.Equal("since 2026-06-01", Timeframe.Since(June(1)).ToString());
        Assert.Equal("over all time", Timeframe.AllTime.ToString());
        Assert.Equal("since the latest Placed Order", Timeframe.SinceLatest(SegmentMetric.PlacedOrder).ToString());
        Assert.Equal("at least once", Frequency.AtLeast(1).ToString());
        Assert.Equal("exactly 2 times", Frequency.Exactly(2).ToString());
        Assert.Equal("zero times", Frequency.Zero.ToString());
        var a = SegmentCondition.HasDone(SegmentMetric.PlacedOrder, Frequency.Zero, Timeframe.AllTime);
        var b = SegmentCondition.HasDone(SegmentMetric.ConversationResolved, Frequency.AtLeast(1), Timeframe.InTheLast(1));
        Assert.Equal("Placed Order zero times over all time and (Placed Order zero times over all time or Conversation with Customer Agent Resolved at least once today)", a.And(a.Or(b)).ToString());
        Assert.Equal("why", SegmentDefinition.Create("x", a, "  why ").Description);
        Assert.Equal(SegmentMetricNames.PlacedOrder, SegmentMetric.PlacedOrder.ToMetricName());
        Assert.Equal("Conversation with Customer Agent Escalated", SegmentMetric.ConversationEscalated.ToMetricName());
        Assert.Contains("delay 0:02:00:00", FollowUpFlowSettings.Default.ToString(), StringComparison.Ordinal);
        Assert.Contains("quiet period 0:16:00:00", FollowUpFlowSettings.Default.ToString(), StringComparison.Ordinal);
        var activity = Activity(Recommended("c-1", Ann, Noon));
        Assert.Equal("ProfileActivity(acct-1, 1 profiles, 2 events, 0 orders)", activity.ToString());
        var result = SegmentEvaluator.Default.Evaluate(activity, SegmentDefinition.StartedConversation, Noon + Duration.FromHours(1));
        Assert.Equal("Segment started-conversation (acct-1, as of 2026-06-07T11:00:00Z): 1 of 1 profiles", result.ToString());
        Assert.Contains("a***@", result.Members[0].ToString(), StringComparison.Ordinal);
        Assert.Equal("Started Conversation with Customer Agent at 2026-06-07T10:00:00Z (acct-1:c-1:started)", result.Members[0].Evidence[0].Counted[0].ToString());
        Assert.StartsWith("Started Conversation with Customer Agent at least once over all time: 1 in [", result.Members[0].Evidence[0].ToString(), StringComparison.Ordinal);
        var flow = FollowUpFlow.Default.Run(activity, Days(June(1), June(8)), Noon + Duration.FromHours(3));
        Assert.StartsWith("Follow-up flow (acct-1, ", flow.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("1 sends, 0 skipped", flow.ToString(), StringComparison.Ordinal);
        Assert.Equal("Follow-up of acct-1:c-1:recommendation:1 at 2026-06-07T12:01:00Z (Sent) to " + flow.Sends[0].Profile, flow.Sends[0].ToString());
        Assert.Same(FollowUpFlowSettings.Default, flow.Settings);
        Assert.Equal(AccountId.From("acct-1"), flow.AccountId);
        Assert.Equal(Noon + Duration.FromHours(3), flow.AsOf);
        var skip = FollowUpFlow.Default.Run(Activity(Recommended("c-1", Bob, Noon)), Days(June(1), June(8)), Noon + Duration.FromHours(3)).Skips[0];
        Assert.Equal("No follow-up of acct-1:c-1:recommendation:1: NoEmailAddress at 2026-06-07T12:01:00Z", skip.ToString());
    }

    [Fact]
    public void R21_H6_range_edges_are_accepted_and_one_step_beyond_is_rejected()
    {
        Assert.Equal(Timeframe.MaxDays, Timeframe.InTheLast(Timeframe.MaxDays).Days);
        Assert.Throws<CustomerAgentException>(() => Timeframe.InTheLast(Timeframe.MaxDays + 1));
        Assert.Equal(new LocalDate(1900, 1, 1), Timeframe.Since(new LocalDate(1900, 1, 1)).FirstDate);
        Assert.Equal(new LocalDate(2199, 12, 31), Timeframe.Between(new LocalDate(2199, 12, 31), new LocalDate(2199, 12, 31)).LastDate);
        Assert.Equal("H6", Assert.Throws<CustomerAgentException>(() => Timeframe.Since(new LocalDate(2200, 1, 1))).Rule);
        Assert.Equal("H6", Assert.Throws<CustomerAgentException>(() => Timeframe.Between(June(1), new LocalDate(2200, 1, 1))).Rule);
        Assert.Equal(Frequency.MaxCount, Frequency.Exactly(Frequency.MaxCount).Count);
        Assert.Throws<CustomerAgentException>(() => Frequency.Exactly(Frequency.MaxCount + 1));
        Assert.Equal(SegmentDefinition.MaxNameLength, SegmentDefinition.Create(new string('a', SegmentDefinition.MaxNameLength), Timeframe.AllTime is var _ ? SegmentCondition.HasDone(SegmentMetric.PlacedOrder, Frequency.Zero, Timeframe.AllTime) : null!).Name.Length);
        Assert.Throws<CustomerAgentException>(() => SegmentDefinition.Create("", SegmentCondition.HasDone(SegmentMetric.PlacedOrder, Frequency.Zero, Timeframe.AllTime)));
        Assert.Throws<CustomerAgentException>(() => SegmentDefinition.Create(null!, SegmentCondition.HasDone(SegmentMetric.PlacedOrder, Frequency.Zero, Timeframe.AllTime)));
        Assert.Equal("a-9", SegmentDefinition.Create("a-9", SegmentCondition.HasDone(SegmentMetric.PlacedOrder, Frequency.Zero, Timeframe.AllTime)).Name);
        var leaf = SegmentCondition.HasDone(SegmentMetric.PlacedOrder, Frequency.Zero, Timeframe.AllTime);
        Assert.Equal(SegmentCondition.MaxConditions, SegmentCondition.Any(Enumerable.Repeat(leaf, SegmentCondition.MaxConditions - 1)).Conditions.Count + 1);
        Assert.Equal(FollowUpFlowSettings.MaxDuration, FollowUpFlowSettings.Create(delay: FollowUpFlowSettings.MaxDuration, quietPeriod: FollowUpFlowSettings.MaxDuration).Delay);
        Assert.Equal(Duration.FromMinutes(1), FollowUpFlowSettings.Create(delay: Duration.FromMinutes(1)).Delay);
        Assert.Throws<CustomerAgentException>(() => FollowUpFlowSettings.Create(delay: FollowUpFlowSettings.MaxDuration + Duration.Epsilon));
        Assert.Throws<CustomerAgentException>(() => FollowUpFlowSettings.Create(quietPeriod: -Duration.Epsilon));
        Assert.Throws<CustomerAgentException>(() => FollowUpFlowSettings.Create(reEntry: (FollowUpReEntry)(-1)));
        Assert.Throws<CustomerAgentException>(() => FollowUpFlowSettings.Create(channel: (FollowUpChannel)(-1)));
        EqualValues(FollowUpFlowSettings.Create(), FollowUpFlowSettings.Create(), FollowUpFlowSettings.Create(channel: FollowUpChannel.Sms));
        EqualValues(FollowUpFlowSettings.Create(), FollowUpFlowSettings.Create(), FollowUpFlowSettings.Create(reEntry: FollowUpReEntry.Once));
        EqualValues(FollowUpFlowSettings.Create(), FollowUpFlowSettings.Create(), FollowUpFlowSettings.Create(quietPeriod: Duration.Zero));
        EqualValues(FollowUpFlowSettings.Create(), FollowUpFlowSettings.Create(), FollowUpFlowSettings.Create(delay: Duration.FromHours(3)));
    }

    [Fact]
    public void R21_R22_every_entry_point_refuses_null_with_the_argument_named()
    {
        var activity = Activity(Recommended("c-1", Ann, Noon));
        var leaf = SegmentCondition.HasDone(SegmentMetric.PlacedOrder, Frequency.Zero, Timeframe.AllTime);
        Assert.Equal("settings", Assert.Throws<ArgumentNullException>(() => ProfileActivity.Create(null!, [], [])).ParamName);
        Assert.Equal("events", Assert.Throws<ArgumentNullException>(() => ProfileActivity.Create(Paris(), null!, [])).ParamName);
        Assert.Equal("orders", Assert.Throws<ArgumentNullException>(() => ProfileActivity.Create(Paris(), [], null!)).ParamName);
        Assert.Equal("events[0]", Assert.Throws<ArgumentNullException>(() => ProfileActivity.Create(Paris(), [null!], [])).ParamName);
        Assert.Equal("orders[0]", Assert.Throws<ArgumentNullException>(() => ProfileActivity.Create(Paris(), [], [null!])).ParamName);
        Assert.Equal("activity", Assert.Throws<ArgumentNullException>(() => SegmentEvaluator.Default.Evaluate(null!, SegmentDefinition.StartedConversation, Noon)).ParamName);
        Assert.Equal("definition", Assert.Throws<ArgumentNullException>(() => SegmentEvaluator.Default.Evaluate(activity, null!, Noon)).ParamName);
        Assert.Equal("settings", Assert.Throws<ArgumentNullException>(() => new FollowUpFlow(null!)).ParamName);
        Assert.Equal("activity", Assert.Throws<ArgumentNullException>(() => FollowUpFlow.Default.Run(null!, Days(June(1), June(7)), Noon)).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentNullException>(() => FollowUpFlow.Default.Run(activity, null!, Noon)).ParamName);
        Assert.Equal("H6", Assert.Throws<CustomerAgentException>(() => FollowUpFlow.Default.Run(activity, Days(June(1), June(7)), Instant.FromUtc(2200, 1, 1, 0, 0))).Rule);
        Assert.Equal("timeframe", Assert.Throws<ArgumentNullException>(() => SegmentCondition.HasDone(SegmentMetric.PlacedOrder, Frequency.Zero, null!)).ParamName);
        Assert.Equal("conditions", Assert.Throws<ArgumentNullException>(() => SegmentCondition.All(null!)).ParamName);
        Assert.Equal("conditions[1]", Assert.Throws<ArgumentNullException>(() => SegmentCondition.Any(leaf, null!)).ParamName);
        Assert.Equal("other", Assert.Throws<ArgumentNullException>(() => leaf.And(null!)).ParamName);
    }

    [Fact]
    public void R21_evidence_items_are_equal_by_metric_instant_ID_and_conversation()
    {
        var activity = Activity(Recommended("c-1", Ann, Noon).Concat(Recommended("c-2", Ann, Noon)));
        var evidence = SegmentEvaluator.Default.Evaluate(activity, SegmentDefinition.StartedConversation, Noon + Duration.FromHours(1)).Members[0].Evidence[0].Counted;
        var again = SegmentEvaluator.Default.Evaluate(activity, SegmentDefinition.StartedConversation, Noon + Duration.FromHours(1)).Members[0].Evidence[0].Counted;
        Assert.Equal(2, evidence.Count);
        Assert.NotSame(evidence[0], again[0]);
        EqualValues(evidence[0], again[0], evidence[1]);
        var later = SegmentEvaluator.Default.Evaluate(
            Activity(Recommended("c-1", Ann, Noon + Duration.FromMinutes(5))), SegmentDefinition.StartedConversation, Noon + Duration.FromHours(1)).Members[0].Evidence[0].Counted[0];
        EqualValues(evidence[0], again[0], later);
        var recommendation = SegmentEvaluator.Default.Evaluate(activity, SegmentDefinition.RecommendedWithoutOrder, Noon + Duration.FromHours(1)).Members[0].Evidence[0].Counted[0];
        Assert.Equal(SegmentMetric.ReceivedProductRecommendation, recommendation.Metric);
        EqualValues(evidence[0], again[0], recommendation);
        var ordered = SegmentEvaluator.Default.Evaluate(
            Activity(Recommended("c-1", Ann, Noon), Order("c-1", Noon, email: "ann@example.com")),
            SegmentDefinition.Create("ordered", SegmentCondition.HasDone(SegmentMetric.PlacedOrder, Frequency.AtLeast(1), Timeframe.AllTime)),
            Noon + Duration.FromHours(1)).Members[0].Evidence[0].Counted[0];
        Assert.Null(ordered.ConversationId);
        Assert.Equal("c-1", ordered.Id);
        Assert.Equal(Noon, ordered.At);
        var startedAtNoon = evidence.Single(e => e.ConversationId == ConversationId.From("c-1"));
        Assert.False(startedAtNoon.Equals(ordered));
    }

    [Fact]
    public void R21_a_tree_nested_beyond_the_most_conditions_is_rejected_whatever_its_shape()
    {
        var leaf = SegmentCondition.HasDone(SegmentMetric.PlacedOrder, Frequency.Zero, Timeframe.AllTime);
        var full = SegmentCondition.Any(Enumerable.Repeat(leaf, SegmentCondition.MaxConditions - 1));
        var nested = Assert.Throws<CustomerAgentException>(() => SegmentCondition.All(full, leaf));
        Assert.Equal("R21", nested.Rule);
        Assert.Equal("conditions", nested.Field);
        Assert.Equal((SegmentCondition.MaxConditions + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), nested.Value);
        Assert.Throws<CustomerAgentException>(() => full.Or(leaf));
        Assert.Throws<CustomerAgentException>(() => leaf.And(full));

        // two inner trees of 49 conditions and a leaf make exactly the most (1 + 49 + 49 + 1); one leaf more is too many
        var inner = SegmentCondition.All(Enumerable.Repeat(leaf, 48));
        Assert.Equal(100, SegmentCondition.MaxConditions);
        Assert.Equal(3, SegmentCondition.Any(inner, inner, leaf).Conditions.Count);
        Assert.Equal("101", Assert.Throws<CustomerAgentException>(() => SegmentCondition.Any(inner, inner, leaf, leaf)).Value);
        Assert.Equal("other", Assert.Throws<ArgumentNullException>(() => leaf.Or(null!)).ParamName);
        Assert.Equal("R21", Assert.Throws<CustomerAgentException>(() => SegmentCondition.All([])).Rule);
    }

    [Fact]
    public void R21_H6_the_field_named_is_the_one_at_fault()
    {
        var first = Assert.Throws<CustomerAgentException>(() => Timeframe.Between(new LocalDate(1899, 12, 31), June(1)));
        Assert.Equal(("H6", "firstDate"), (first.Rule, first.Field));
        var last = Assert.Throws<CustomerAgentException>(() => Timeframe.Between(June(1), new LocalDate(2200, 1, 1)));
        Assert.Equal(("H6", "lastDate"), (last.Rule, last.Field));
        var reversed = Assert.Throws<CustomerAgentException>(() => Timeframe.Between(June(2), June(1)));
        Assert.Equal(("R21", "lastDate", "2026-06-01"), (reversed.Rule, reversed.Field, reversed.Value));
        var activity = Activity(Recommended("c-1", Ann, Noon));
        var evaluated = Assert.Throws<CustomerAgentException>(() => SegmentEvaluator.Default.Evaluate(activity, SegmentDefinition.StartedConversation, Instant.FromUtc(2200, 1, 1, 0, 0)));
        Assert.Equal(("H6", "asOf"), (evaluated.Rule, evaluated.Field));
        var flow = Assert.Throws<CustomerAgentException>(() => FollowUpFlow.Default.Run(activity, Days(June(1), June(7)), Instant.FromUtc(1899, 1, 1, 0, 0)));
        Assert.Equal(("H6", "asOf"), (flow.Rule, flow.Field));
        var channel = Assert.Throws<CustomerAgentException>(() => FollowUpFlowSettings.Create(channel: (FollowUpChannel)7));
        Assert.Contains("channel = '7' is not a defined FollowUpChannel value", channel.Message, StringComparison.Ordinal);
        var reEntry = Assert.Throws<CustomerAgentException>(() => FollowUpFlowSettings.Create(reEntry: (FollowUpReEntry)7));
        Assert.Contains("reEntry = '7' is not a defined FollowUpReEntry value", reEntry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R21_names_take_every_lower_case_letter_and_digit_from_the_first_to_the_last()
    {
        var leaf = SegmentCondition.HasDone(SegmentMetric.PlacedOrder, Frequency.Zero, Timeframe.AllTime);
        foreach (var name in new[] { "a", "z", "0", "9", "-", "az-09" })
        {
            Assert.Equal(name, SegmentDefinition.Create(name, leaf).Name);
        }

        foreach (var name in new[] { "A", "Z", "/", ":", "`", "{", "a b", "é" })
        {
            var error = Assert.Throws<CustomerAgentException>(() => SegmentDefinition.Create(name, leaf));
            Assert.Equal(("R21", "name", name), (error.Rule, error.Field, error.Value));
        }
    }

    [Fact]
    public void R21_the_guide_s_three_segments_ask_the_guide_s_questions()
    {
        Assert.Equal(
            [
                ("started-conversation", "Which customers started a conversation with the Customer Agent?"),
                ("recommended-no-order", "Who received a product recommendation but did not purchase since?"),
                ("escalated-last-7-days", "Who was transferred to a human agent in the last 7 days (to exclude from general promotional campaigns)?"),
            ],
            SegmentDefinition.Named.Select(d => (d.Name, d.Description)));
    }

    [Fact]
    public void R22_a_skip_kept_out_by_an_earlier_recommendation_names_it_in_words()
    {
        var flow = new FollowUpFlow(FollowUpFlowSettings.Create(reEntry: FollowUpReEntry.Once));
        var activity = Activity(Recommended("c-1", Ann, Noon).Concat(Recommended("c-2", Ann, Noon + Duration.FromHours(5))));
        var result = flow.Run(activity, Days(June(1), June(8)), Noon + Duration.FromHours(10));
        var skip = Assert.Single(result.Skips);
        Assert.Equal(FollowUpSkipReason.AlreadyEntered, skip.Reason);
        Assert.Equal("acct-1:c-1:recommendation:1", skip.Cause);
        Assert.Equal("No follow-up of acct-1:c-2:recommendation:1: AlreadyEntered (acct-1:c-1:recommendation:1) at 2026-06-07T15:01:00Z", skip.ToString());
    }
}
