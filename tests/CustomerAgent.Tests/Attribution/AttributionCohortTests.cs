using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using NodaTime;
using static CustomerAgent.Tests.Attribution.AttributionData;
using static CustomerAgent.Tests.Attribution.CohortData;

namespace CustomerAgent.Tests.Attribution;

/// <summary>
/// Only conversations that count earn AI-generated sales (docs/attribution.md, "Inside the cohort and in time"): live (R20), begun
/// while the agent was on for their channel (R12), and existing; a Customer Agent touch is evidence only when it names such a
/// conversation, and is dropped before the last touch is chosen; campaign touches are always kept.
/// </summary>
public sealed class AttributionCohortTests
{
    [Fact]
    public void R20_an_agent_sms_touch_of_a_preview_conversation_earns_nothing_and_the_same_touch_of_a_live_one_does()
    {
        Conversation[] conversations = [Conv("sms-live", Channel.Sms, H(0)), Conv("sms-preview", Channel.Sms, H(0), ConversationMode.Preview)];
        var order = OrderAt(H(3));

        var fromPreview = AttributionEvidence.FromConversations(conversations, [AgentSms(H(1), conversation: "sms-preview")]);
        var fromLive = AttributionEvidence.FromConversations(conversations, [AgentSms(H(1), conversation: "sms-live")]);

        Assert.Empty(fromPreview.Touches);
        Assert.Empty(Calc.Attribute([order], fromPreview).Orders);
        Assert.Empty(new SmsLastTouchAttributionCalculator().Attribute([order], fromPreview).Orders);
        Assert.Equal([("o-1", AttributionRule.SmsLastTouch, "sms-live", H(1))], Credits(Calc.Attribute([order], fromLive)));
    }

    [Fact]
    public void R20_an_agent_touch_naming_a_preview_web_chat_conversation_earns_nothing_either()
    {
        var preview = Chat("chat-preview", H(0), H(0.5), ConversationMode.Preview);

        var evidence = AttributionEvidence.FromConversations([preview], [AgentSms(H(1), conversation: "chat-preview")]);

        Assert.Empty(evidence.Clicks);
        Assert.Empty(evidence.Touches);
        Assert.Empty(evidence.Recommendations);
        Assert.Empty(Calc.Attribute([OrderAt(H(2))], evidence).Orders);
    }

    [Fact]
    public void R12_an_agent_touch_of_a_conversation_begun_while_the_agent_was_off_on_sms_earns_nothing_and_one_begun_from_the_enable_instant_on_does()
    {
        var timeline = Timeline((H(-10), Channel.WebChat, true), (H(1), Channel.Sms, true));
        Conversation[] conversations =
        [
            Conv("sms-before", Channel.Sms, H(1) - Tick), // one nanosecond before the SMS enable: never enabled then
            Conv("sms-at", Channel.Sms, H(1)),            // at the enable instant: on (a change applies from its instant)
        ];
        var order = OrderAt(H(4));

        var off = AttributionEvidence.FromConversations(conversations, [AgentSms(H(3), conversation: "sms-before")], timeline);
        var on = AttributionEvidence.FromConversations(conversations, [AgentSms(H(3), conversation: "sms-at")], timeline);

        Assert.Empty(off.Touches);
        Assert.Empty(Calc.Attribute([order], off).Orders);
        Assert.Equal([("o-1", AttributionRule.SmsLastTouch, "sms-at", H(3))], Credits(Calc.Attribute([order], on)));
        Assert.Equal(["SKU-1"], on.Recommendations.Select(r => r.ProductId)); // only sms-at's recommendation is evidence
    }

    [Fact]
    public void R12_a_click_in_a_conversation_begun_while_the_agent_was_off_on_web_chat_earns_nothing_and_one_begun_while_it_was_on_does()
    {
        // web chat on from H(-10) to H(2); SMS on all along (it never turns web chat on)
        var timeline = Timeline((H(-10), Channel.WebChat, true), (H(-10), Channel.Sms, true), (H(2), Channel.WebChat, false));
        var onJustBefore = Chat("chat-on", H(2) - Tick, H(3));  // begun while on; its click after the disable still counts (collected conversation)
        var offAtDisable = Chat("chat-off", H(2), H(3));        // begun at the disable instant: off
        var order = OrderAt(H(4), "o-1");

        var on = AttributionEvidence.FromConversations([onJustBefore], timeline: timeline);
        var off = AttributionEvidence.FromConversations([offAtDisable], timeline: timeline);
        var neverOn = AttributionEvidence.FromConversations([Chat("chat-never", H(0), H(1))], timeline: Timeline((H(-10), Channel.Sms, true)));

        Assert.Equal([("o-1", AttributionRule.WebChatClick, "chat-on", H(3))], Credits(Calc.Attribute([order], on)));
        Assert.Empty(off.Clicks);
        Assert.Empty(Calc.Attribute([order], off).Orders);
        Assert.Empty(neverOn.Clicks);
        Assert.Empty(Calc.Attribute([OrderAt(H(2))], neverOn).Orders);
    }

    [Fact]
    public void R12_an_agent_touch_naming_a_web_chat_conversation_begun_while_the_agent_was_off_earns_nothing()
    {
        var timeline = Timeline((H(-10), Channel.Sms, true));
        var evidence = AttributionEvidence.FromConversations([Chat("chat-off", H(0), H(0.5))], [AgentSms(H(1), conversation: "chat-off")], timeline);

        Assert.Empty(evidence.Touches);
        Assert.Empty(Calc.Attribute([OrderAt(H(2))], evidence).Orders);
    }

    [Fact]
    public void R12_R20_the_builder_on_facts_adds_only_conversations_that_count_once_and_keeps_only_their_agent_touches()
    {
        var timeline = Timeline((H(1), Channel.WebChat, true));
        var builder = new AttributionEvidence.Builder(timeline);
        var on = Chat("chat-on", H(1), H(1.5));
        var off = Chat("chat-off", H(1) - Tick, H(1.5));
        var preview = Chat("chat-preview", H(1), H(1.5), ConversationMode.Preview);
        bool Add(Conversation c) => builder.Add(Acct, c.Id, c.Facts, ShopperIdentity.FromConversation(c.Header));

        Assert.True(Add(on));
        Assert.False(Add(off));
        Assert.False(Add(preview));
        Assert.False(Add(on)); // a conversation given twice counts once
        var evidence = builder.Build([AgentSms(H(2), conversation: "chat-on"), AgentSms(H(2), conversation: "chat-off"), AgentSms(H(2), conversation: "chat-preview"), Campaign(H(0))]);

        Assert.Equal(["chat-on"], evidence.Clicks.Select(c => c.Conversation.Value));
        Assert.Equal(["chat-on"], evidence.Recommendations.Select(r => r.Conversation.Value));
        Assert.Equal(["chat-on", "campaign"], evidence.Touches.Select(t => t.IsFromCustomerAgent ? t.AgentConversation.Value : "campaign"));
    }

    [Fact]
    public void R12_a_timeline_of_another_account_is_rejected_by_the_builder()
    {
        var builder = new AttributionEvidence.Builder(Timeline((H(0), Channel.WebChat, true)));
        var other = Conv("c-1", Channel.WebChat, H(1), account: Other);

        var ex = Assert.Throws<CustomerAgentException>(() => builder.Add(Other, other.Id, other.Facts, ShopperIdentity.FromConversation(other.Header)));

        Assert.Equal(("R12", "timeline.accountId"), (ex.Rule, ex.Field));
    }

    [Fact]
    public void R17_an_agent_touch_naming_a_conversation_that_does_not_exist_earns_nothing()
    {
        var live = Conv("sms-1", Channel.Sms, H(0));
        var order = OrderAt(H(3));

        var ghost = AttributionEvidence.FromConversations([live], [AgentSms(H(1), conversation: "ghost")]);
        var none = AttributionEvidence.FromConversations([], [AgentSms(H(1), conversation: "sms-1")]);

        // the same ID in another account is another conversation: acct-2's touch naming sms-1 names nothing of acct-2
        var otherAccount = AttributionEvidence.FromConversations([live], [AgentSms(H(1), conversation: "sms-1", shopper: Ann(Other))]);

        Assert.Empty(ghost.Touches);
        Assert.Empty(Calc.Attribute([order], ghost).Orders);
        Assert.Empty(none.Touches);
        Assert.Empty(Calc.Attribute([order], none).Orders);
        Assert.Empty(otherAccount.Touches);
        Assert.Empty(Calc.Attribute([OrderAt(H(3), shopper: Ann(Other))], otherAccount).Orders);
    }

    [Fact]
    public void R17_R20_R12_an_earlier_agent_touch_of_a_counted_conversation_wins_when_the_later_ones_are_dropped()
    {
        var timeline = Timeline((H(-10), Channel.Sms, true), (H(-0.5), Channel.Sms, false), (H(0.5), Channel.Sms, true));
        Conversation[] conversations =
        [
            Conv("sms-1", Channel.Sms, H(-1)),                                 // counted
            Conv("sms-preview", Channel.Sms, H(0.5), ConversationMode.Preview), // R20
            Conv("sms-off", Channel.Sms, H(0)),                                 // R12: begun while off
        ];
        Touch[] touches =
        [
            AgentSms(H(1), conversation: "sms-1"),
            AgentSms(H(2), conversation: "sms-preview"),   // same touchpoint (SMS click), later: would take sms-1's slot if kept
            AgentSms(H(2.5), conversation: "sms-off"),
            AgentSms(H(2.75), conversation: "ghost"),
        ];
        var order = OrderAt(H(3));

        var result = Calc.Attribute([order], AttributionEvidence.FromConversations(conversations, touches, timeline));

        var credited = Assert.Single(result.Orders);
        Assert.Equal(("sms-1", H(1), (Touchpoint?)Touchpoint.SmsClick), (credited.Conversation.Value, credited.CreditedAt, credited.Touchpoint));

        // the control: had the preview been live (and begun while on), its later touch would have won
        Conversation[] allLive = [Conv("sms-1", Channel.Sms, H(-1)), Conv("sms-preview", Channel.Sms, H(0.5))];
        var control = Calc.Attribute([order], AttributionEvidence.FromConversations(allLive, touches, timeline));
        Assert.Equal([("o-1", AttributionRule.SmsLastTouch, "sms-preview", H(2))], Credits(control));
    }

    [Fact]
    public void R17_campaign_touches_are_always_kept_and_still_beat_an_agent_touch_as_last_touch()
    {
        var live = Conv("sms-1", Channel.Sms, H(0));
        var order = OrderAt(H(3));

        var campaignLater = AttributionEvidence.FromConversations([live], [AgentSms(H(1)), Campaign(H(2), TouchChannel.Email, TouchKind.Click)]);
        var sameInstant = AttributionEvidence.FromConversations([live], [AgentSms(H(1)), Campaign(H(1), TouchChannel.Sms, TouchKind.Click)]);

        // a dropped agent touch after the campaign does not bring the earlier agent touch back
        var droppedAfterCampaign = AttributionEvidence.FromConversations(
            [live, Conv("sms-preview", Channel.Sms, H(0), ConversationMode.Preview)],
            [AgentSms(H(1)), Campaign(H(2), TouchChannel.Email, TouchKind.Click), AgentSms(H(2.5), conversation: "sms-preview")]);
        var noConversation = AttributionEvidence.FromConversations([], [Campaign(H(2)), Campaign(H(2), TouchChannel.Push, TouchKind.Open)], Timeline());

        Assert.Equal(2, campaignLater.Touches.Count);
        Assert.Empty(Calc.Attribute([order], campaignLater).Orders);
        Assert.Equal(2, sameInstant.Touches.Count);
        Assert.Empty(Calc.Attribute([order], sameInstant).Orders);
        Assert.Equal(2, droppedAfterCampaign.Touches.Count);
        Assert.Empty(Calc.Attribute([order], droppedAfterCampaign).Orders);
        Assert.Equal(2, noConversation.Touches.Count);

        // and without the campaign, the agent's touch earns the order
        Assert.Single(Calc.Attribute([order], AttributionEvidence.FromConversations([live], [AgentSms(H(1))])).Orders);
    }
}
