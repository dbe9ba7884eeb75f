using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.Events;
using CustomerAgent.Segments;
using NodaTime;
using static CustomerAgent.Tests.Segments.SegmentData;

namespace CustomerAgent.Tests.Segments;

/// <summary>
/// The edges of segments (R21) and the flow (R22) that mutation testing found unchecked: an item at the very as-of instant in
/// the evidence, every branch of an "any" in the evidence, an anchor that is a profile's first item, the first event of the
/// input as a trigger, a profile's identifiers when its events and orders disagree, and counts over several cores' ranges.
/// </summary>
public sealed class SegmentEdgeTests
{
    private static readonly Instant T = Noon - Duration.FromHours(3);

    private static SegmentResult Evaluate(ProfileActivity activity, SegmentCondition condition, Instant asOf) =>
        SegmentEvaluator.Default.Evaluate(activity, SegmentDefinition.Create("edge", condition), asOf);

    [Fact]
    public void R21_D1_an_event_at_the_as_of_instant_is_counted_and_listed_in_the_evidence()
    {
        var ann = Recommended("c-ann", Ann, T);
        var asOf = ann[1].Time; // the recommendation's instant
        var member = Assert.Single(Evaluate(Activity(ann), SegmentCondition.HasDone(SegmentMetric.ReceivedProductRecommendation, Frequency.AtLeast(1), Timeframe.InTheLast(7)), asOf).Members);
        var evidence = Assert.Single(member.Evidence);
        Assert.Equal(asOf, evidence.WindowEnd);
        Assert.Equal(ann[1].UniqueId, Assert.Single(evidence.Counted).Id);
        Assert.Equal(asOf, evidence.Counted[0].At);
    }

    [Fact]
    public void R21_every_branch_of_an_any_that_holds_gives_its_evidence()
    {
        var condition = SegmentCondition.Any(
            SegmentCondition.HasDone(SegmentMetric.StartedConversation, Frequency.AtLeast(1), Timeframe.AllTime),
            SegmentCondition.HasDone(SegmentMetric.ReceivedProductRecommendation, Frequency.AtLeast(1), Timeframe.AllTime));
        var member = Assert.Single(Evaluate(Activity(Recommended("c-ann", Ann, T)), condition, Noon).Members);
        Assert.Equal([SegmentMetric.StartedConversation, SegmentMetric.ReceivedProductRecommendation], member.Evidence.Select(e => e.Counted.Single().Metric));
    }

    [Fact]
    public void R21_an_anchor_that_is_the_profiles_first_event_is_shown_in_the_evidence()
    {
        // "placed no order since the latest start": the start is the profile's first item
        var ann = Recommended("c-ann", Ann, T);
        var member = Assert.Single(Evaluate(Activity(ann), SegmentCondition.HasDone(SegmentMetric.PlacedOrder, Frequency.Zero, Timeframe.SinceLatest(SegmentMetric.StartedConversation)), Noon).Members);
        var evidence = Assert.Single(member.Evidence);
        Assert.Equal(ann[0].UniqueId, evidence.Anchor?.Id);
        Assert.Equal(ann[0].Time, evidence.WindowStart);
    }

    [Fact]
    public void R22_a_follow_up_sent_for_the_inputs_first_event_starts_the_quiet_period()
    {
        // the first recommendation is the first event given (index 0); the second, an hour later, is within the 16-hour quiet period
        var first = Recommended("c-1", Ann, T);
        var second = Recommended("c-2", Ann, T + Duration.FromHours(1));
        var activity = Activity([first[1], first[0], .. second]);
        var result = FollowUpFlow.Default.Run(activity, Days(June(1), June(30)), Noon + Duration.FromDays(1));
        Assert.Equal(first[1].UniqueId, Assert.Single(result.Sends).TriggerId);
        var skip = Assert.Single(result.Skips);
        Assert.Equal((second[1].UniqueId, FollowUpSkipReason.SentRecently, first[1].UniqueId), (skip.TriggerId, skip.Reason, skip.Cause));
    }

    [Fact]
    public void R11_R21_a_profile_keeps_its_events_identifiers_before_its_orders_and_takes_the_orders_for_the_rest()
    {
        // linked by the email: the events say external ID e-1, the order o-1; only the order has a phone number
        var profile = Profile.Create(email: "ann@example.com", externalId: "e-1");
        var order = global::CustomerAgent.Attribution.Order.Create("o-1", ShopperIdentity.Create(AccountId.From(Account), email: "ann@example.com", phoneNumber: "+33612345678", externalId: "o-1"), Noon, Money.Of(10m, "EUR"));
        var activity = ProfileActivity.Create(Paris(), Recommended("c-ann", profile, T), [order]);
        var identity = Assert.Single(Evaluate(activity, SegmentCondition.HasDone(SegmentMetric.PlacedOrder, Frequency.AtLeast(1), Timeframe.AllTime), Noon).Members).Profile;
        Assert.Equal(("ann@example.com", "+33612345678", "e-1"), (identity.Email, identity.PhoneNumber, identity.ExternalId));
    }

    [Fact]
    public void ACCOUNT_an_order_of_another_account_is_named_by_its_position()
    {
        var e = Assert.Throws<CustomerAgentException>(() => Activity(Recommended("c-ann", Ann, T), Order("o-1", Noon, email: "ann@example.com"), Order("o-2", Noon, email: "ann@example.com", account: "acct-2")));
        Assert.Equal(("ACCOUNT", "orders[1].accountId"), (e.Rule, e.Field));
    }

    [Fact]
    public void R6_D1_a_conversation_started_and_answered_at_the_as_of_instant_has_its_started_event()
    {
        var header = ConversationHeader.Create(ConversationId.From("c-now"), AccountId.From(Account), Channel.WebChat, ConversationMode.Live, Ann);
        var c = Conversation.Start(header, Noon, "Hello");
        c.RecordAgentMessage(Noon, "Hi!", "general-qa");
        var events = FactsEvents.Build(AccountId.From(Account), null, Noon, 1, _ => c.FactsAsOf(Noon), _ => MetricProfile.For(Ann, AccountId.From(Account), header.Id), _ => header.Id);
        Assert.Equal(MetricEventFactory.Default.EventsAsOf(c, Noon).Select(e => e.UniqueId), events.All.Select(e => e.UniqueId));
        Assert.Equal(MetricKind.StartedConversation, events.Kind(0));
    }

    [Fact]
    public void R21_R22_counts_over_several_cores_ranges_add_up()
    {
        // 200,001 profiles: two ranges of profiles on two cores (the evaluator and the flow split from 100,000 profiles each)
        const int Count = 200_001;
        var account = AccountId.From(Account);
        var facts = new ConversationFacts[Count];
        var profiles = new MetricProfile[Count];
        for (var i = 0; i < Count; i++)
        {
            var header = ConversationHeader.Create(ConversationId.From($"c-{i}"), account, Channel.WebChat, ConversationMode.Live, Profile.Create(email: $"s{i}@example.com"));
            var c = Conversation.Start(header, T, "Hello");
            c.RecordAgentMessage(T + Duration.FromMinutes(1), "These:", "product-recommendations", ["SKU-1"]);
            facts[i] = c.FactsAsOf(Noon);
            profiles[i] = MetricProfile.For(header.Profile, account, header.Id);
        }

        var events = FactsEvents.Build(account, null, Noon, Count, i => facts[i], i => profiles[i], i => ConversationId.From($"c-{i}"));
        var activity = ProfileActivity.FromFacts(Paris(), events, []);
        var started = SegmentEvaluator.Default.Evaluate(activity, SegmentDefinition.StartedConversation, Noon);
        Assert.Equal((Count, Count), (started.ProfilesConsidered, started.Members.Count));
        var flow = FollowUpFlow.Default.Run(activity, Days(June(7), June(7)), Noon);
        Assert.Equal(Count, flow.Sends.Count);
        Assert.Empty(flow.Skips);
    }
}
