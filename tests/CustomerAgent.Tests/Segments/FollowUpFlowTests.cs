using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.DependencyInjection;
using CustomerAgent.Events;
using CustomerAgent.Segments;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static CustomerAgent.Tests.Segments.SegmentData;

namespace CustomerAgent.Tests.Segments;

/// <summary>The follow-up flow of the events guide (R22): a follow-up 2 hours after each recommendation, unless an order was placed since.</summary>
public sealed class FollowUpFlowTests
{
    private static readonly Instant T = Instant.FromUtc(2026, 6, 3, 8, 0); // the conversation opens; the recommendation comes at T + 1 min
    private static readonly Instant Rec = T + Duration.FromMinutes(1);
    private static readonly ReportingPeriod Week = Days(June(1), June(7));

    private static FollowUpFlowResult Run(ProfileActivity activity, Instant asOf, FollowUpFlowSettings? settings = null, ReportingPeriod? period = null) =>
        new FollowUpFlow(settings ?? FollowUpFlowSettings.Default).Run(activity, period ?? Week, asOf);

    [Fact]
    public void R22_events_read_back_from_JSON_with_any_instant_are_ordered_without_failing()
    {
        // the wire accepts any ISO instant (year 1 to 9999): such events are listed and skipped, never an arithmetic overflow
        var near = Recommended("c-ann", Ann, T);
        MetricEvent Copy(MetricEvent e, string conversation, Instant at) =>
            new(e.Kind, e.UniqueId.Replace("c-ann", conversation, StringComparison.Ordinal), e.AccountId, ConversationId.From(conversation), e.Channel, at, e.Profile, e.InitialSkill, e.FinalSkill, e.Tags, e.EscalationReason, e.Products);
        var far = near.Select(e => Copy(e, "c-far", Instant.FromUtc(2900, 1, 1, 0, 0))).Concat(near.Select(e => Copy(e, "c-old", Instant.FromUtc(1500, 1, 1, 0, 0))));
        var activity = ProfileActivity.Create(Paris(), near.Concat(far), []);
        var result = Run(activity, Instant.FromUtc(2199, 1, 1, 0, 0), period: Days(June(1), June(7)));
        Assert.Equal(["acct-1:c-ann:recommendation:1"], result.Sends.Select(s => s.TriggerId));
        Assert.Empty(result.Skips);
        Assert.Equal(3 * near.Count, activity.Events.Count);
    }

    [Fact]
    public void R22_a_recommendation_gets_a_follow_up_2_hours_later_with_its_products()
    {
        var activity = Activity(Recommended("c-ann", Ann, T, products: ["sku-9", "sku-3"]));

        var result = Run(activity, Noon);

        var send = Assert.Single(result.Sends);
        Assert.Equal(Rec + Duration.FromHours(2), send.SendAt);
        Assert.Equal(Rec, send.TriggeredAt);
        Assert.Equal(["sku-9", "sku-3"], send.Products);
        Assert.Equal("acct-1:c-ann:recommendation:1", send.TriggerId);
        Assert.Equal(ConversationId.From("c-ann"), send.ConversationId);
        Assert.Equal(Channel.WebChat, send.Channel);
        Assert.Equal("ann@example.com", send.Profile.Email);
        Assert.Equal(FollowUpSendStatus.Sent, send.Status);
        Assert.Empty(result.Skips);
        // before the send instant it is scheduled; before the recommendation there is nothing yet (D1)
        Assert.Equal(FollowUpSendStatus.Scheduled, Run(activity, Rec + Duration.FromHours(2) - Duration.Epsilon).Sends.Single().Status);
        Assert.Equal(FollowUpSendStatus.Sent, Run(activity, Rec + Duration.FromHours(2)).Sends.Single().Status);
        Assert.Empty(Run(activity, Rec - Duration.Epsilon).Sends);
    }

    [Theory]
    [InlineData(0L, true)] // an order at the very instant of the recommendation is "since" it
    [InlineData(60L, true)]
    [InlineData(120L, true)] // at the send instant: the filter still sees it
    [InlineData(-1L, false)] // before the recommendation
    public void R22_an_order_from_the_recommendation_to_the_send_instant_cancels_the_follow_up(long minutesAfter, bool cancels)
    {
        var at = minutesAfter < 0 ? Rec - Duration.Epsilon : Rec + Duration.FromMinutes(minutesAfter);
        var activity = Activity(Recommended("c-ann", Ann, T), Order("o-1", at, email: "ann@example.com"));

        var result = Run(activity, Noon);

        if (cancels)
        {
            Assert.Empty(result.Sends);
            var skip = Assert.Single(result.Skips);
            Assert.Equal(FollowUpSkipReason.PlacedOrder, skip.Reason);
            Assert.Equal("o-1", skip.Cause);
            Assert.Equal(at, skip.DecidedAt);
        }
        else
        {
            Assert.Single(result.Sends);
            Assert.Empty(result.Skips);
        }

        // one nanosecond after the send instant is too late to cancel it
        var late = Activity(Recommended("c-ann", Ann, T), Order("o-1", Rec + Duration.FromHours(2) + Duration.Epsilon, email: "ann@example.com"));
        Assert.Single(Run(late, Noon).Sends);
    }

    [Theory]
    [InlineData("0-sorts-before-the-event-id")]
    [InlineData("acct-1:c-ann:recommendation:0")]
    [InlineData("zz-sorts-after-the-event-id")]
    public void R22_an_order_at_the_recommendation_s_instant_cancels_it_whatever_its_ID(string orderId)
    {
        // items at one instant are ordered by metric before their IDs: the order comes after the recommendation, so the
        // search from the recommendation finds it, even when its ID sorts before the event's unique ID
        var activity = Activity(Recommended("c-ann", Ann, T), Order(orderId, Rec, email: "ann@example.com"));

        var result = Run(activity, Noon);

        Assert.Empty(result.Sends);
        var skip = Assert.Single(result.Skips);
        Assert.Equal((FollowUpSkipReason.PlacedOrder, orderId, Rec), (skip.Reason, skip.Cause, skip.DecidedAt));
    }

    [Fact]
    public void R22_D1_an_order_after_the_as_of_instant_is_not_seen_and_the_follow_up_stays_scheduled()
    {
        var activity = Activity(Recommended("c-ann", Ann, T), Order("o-1", Rec + Duration.FromHours(1), email: "ann@example.com"));

        var before = Run(activity, Rec + Duration.FromMinutes(30));
        var after = Run(activity, Rec + Duration.FromHours(1));

        Assert.Equal(FollowUpSendStatus.Scheduled, Assert.Single(before.Sends).Status);
        Assert.Empty(after.Sends);
        Assert.Equal(FollowUpSkipReason.PlacedOrder, Assert.Single(after.Skips).Reason);
    }

    [Fact]
    public void R22_the_quiet_period_skips_a_follow_up_less_than_16_hours_after_the_previous_one_by_default()
    {
        var events = Recommended("c-1", Ann, T)
            .Concat(Recommended("c-2", Ann, T + Duration.FromHours(1)))
            .Concat(Recommended("c-3", Ann, T + Duration.FromHours(16)));

        var result = Run(Activity(events), Noon);
        var everyOne = Run(Activity(events), Noon, FollowUpFlowSettings.Create(quietPeriod: Duration.Zero));

        Assert.Equal(["acct-1:c-1:recommendation:1", "acct-1:c-3:recommendation:1"], result.Sends.Select(s => s.TriggerId));
        var skip = Assert.Single(result.Skips);
        Assert.Equal(FollowUpSkipReason.SentRecently, skip.Reason);
        Assert.Equal("acct-1:c-1:recommendation:1", skip.Cause);
        Assert.Equal(T + Duration.FromHours(1) + Duration.FromMinutes(1) + Duration.FromHours(2), skip.DecidedAt);
        Assert.Equal(3, everyOne.Sends.Count);
    }

    [Fact]
    public void R22_re_entry_when_not_in_flow_and_once()
    {
        var events = Recommended("c-1", Ann, T)
            .Concat(Recommended("c-2", Ann, T + Duration.FromHours(1))) // while the first still waits
            .Concat(Recommended("c-3", Ann, T + Duration.FromHours(2))); // the first was sent at T + 2 h 1 min: still in the flow at T + 2 h 1 min? it enters exactly then
        var quiet = Duration.Zero;

        var whenNotIn = Run(Activity(events), Noon, FollowUpFlowSettings.Create(reEntry: FollowUpReEntry.WhenNotInFlow, quietPeriod: quiet));
        var once = Run(Activity(events), Noon, FollowUpFlowSettings.Create(reEntry: FollowUpReEntry.Once, quietPeriod: quiet));

        Assert.Equal(["acct-1:c-1:recommendation:1", "acct-1:c-3:recommendation:1"], whenNotIn.Sends.Select(s => s.TriggerId));
        var skip = Assert.Single(whenNotIn.Skips);
        Assert.Equal((FollowUpSkipReason.AlreadyInFlow, "acct-1:c-1:recommendation:1"), (skip.Reason, skip.Cause));
        Assert.Equal(T + Duration.FromHours(1) + Duration.FromMinutes(1), skip.DecidedAt);
        Assert.Equal(["acct-1:c-1:recommendation:1"], once.Sends.Select(s => s.TriggerId));
        Assert.All(once.Skips, s => Assert.Equal((FollowUpSkipReason.AlreadyEntered, "acct-1:c-1:recommendation:1"), (s.Reason, s.Cause)));
        Assert.Equal(2, once.Skips.Count);
    }

    [Fact]
    public void R22_a_profile_the_channel_cannot_reach_is_skipped_and_an_sms_follow_up_reaches_a_phone()
    {
        var events = Recommended("c-bob", Bob, T).Concat(Recommended("c-anon", Nobody, T));

        var byEmail = Run(Activity(events), Noon);
        var bySms = Run(Activity(events), Noon, FollowUpFlowSettings.Create(channel: FollowUpChannel.Sms));

        Assert.Empty(byEmail.Sends);
        Assert.Equal([FollowUpSkipReason.NoEmailAddress, FollowUpSkipReason.NoEmailAddress], byEmail.Skips.Select(s => s.Reason));
        Assert.Equal("+33612345678", Assert.Single(bySms.Sends).Profile.PhoneNumber);
        Assert.Equal(FollowUpSkipReason.NoPhoneNumber, Assert.Single(bySms.Skips).Reason);
    }

    [Fact]
    public void R22_R13_the_result_keeps_what_falls_in_the_period_of_the_accounts_days()
    {
        // recommended June 7 at 23:00 Paris: the follow-up goes out June 8 at 01:01 Paris, outside the week June 1-7
        var late = Instant.FromUtc(2026, 6, 7, 21, 0) - Duration.FromMinutes(1);
        var activity = Activity(Recommended("c-1", Ann, late).Concat(Recommended("c-2", Carl, T)));

        var week = Run(activity, late + Duration.FromDays(1));
        var next = Run(activity, late + Duration.FromDays(1), period: Days(June(8), June(8)));

        Assert.Equal(["acct-1:c-2:recommendation:1"], week.Sends.Select(s => s.TriggerId));
        Assert.Equal(["acct-1:c-1:recommendation:1"], next.Sends.Select(s => s.TriggerId));
    }

    [Fact]
    public void R22_ACCOUNT_settings_are_validated_in_one_message_and_a_period_of_another_account_is_rejected()
    {
        var e = Assert.Throws<CustomerAgentException>(() => FollowUpFlowSettings.Create(delay: Duration.FromSeconds(59), quietPeriod: Duration.FromDays(31), reEntry: (FollowUpReEntry)7));
        Assert.Equal("R22", e.Rule);
        Assert.Contains("delay = '0:00:00:59'", e.Message, StringComparison.Ordinal);
        Assert.Contains("quietPeriod", e.Message, StringComparison.Ordinal);
        Assert.Contains("reEntry = '7'", e.Message, StringComparison.Ordinal);
        Assert.Throws<CustomerAgentException>(() => FollowUpFlowSettings.Create(channel: (FollowUpChannel)2));
        Assert.Equal(FollowUpFlowSettings.Default, FollowUpFlowSettings.Create());
        Assert.Equal(Duration.FromHours(2), FollowUpFlowSettings.Default.Delay);
        Assert.Equal(Duration.FromHours(16), FollowUpFlowSettings.Default.QuietPeriod);

        var other = ReportingPeriod.ForDates(Paris("acct-2"), June(1), June(7));
        e = Assert.Throws<CustomerAgentException>(() => Run(Activity(Recommended("c-1", Ann, T)), Noon, period: other));
        Assert.Equal("ACCOUNT", e.Rule);
        Assert.Equal("period.accountId", e.Field);
    }

    [Fact]
    public void R22_the_container_builds_the_flow_from_the_one_registered_settings()
    {
        var settings = FollowUpFlowSettings.Create(delay: Duration.FromHours(3));
        using var provider = new ServiceCollection().AddCustomerAgent(o => o.FollowUp = settings).BuildServiceProvider();

        Assert.Same(settings, provider.GetRequiredService<IFollowUpFlow>().Settings);
        Assert.Same(SegmentEvaluator.Default, provider.GetRequiredService<ISegmentEvaluator>());
        var send = provider.GetRequiredService<IFollowUpFlow>().Run(Activity(Recommended("c-1", Ann, T)), Week, Noon).Sends.Single();
        Assert.Equal(Rec + Duration.FromHours(3), send.SendAt);
        var e = Assert.Throws<CustomerAgentException>(() => new ServiceCollection().AddCustomerAgent(o => o.FollowUp = null!));
        Assert.Contains("FollowUp = <null>", e.Message, StringComparison.Ordinal);
    }
}
