using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using NodaTime;
using static CustomerAgent.Tests.Attribution.AttributionData;

namespace CustomerAgent.Tests.Attribution;

public sealed class SmsLastTouchAttributionTests
{
    public static TheoryData<TouchKind, double> SmsDefaults => new()
    {
        { TouchKind.Click, 5 * 24 },
        { TouchKind.Open, 24 },
        { TouchKind.Delivery, 12 },
    };

    [Theory]
    [MemberData(nameof(SmsDefaults))]
    public void R17_each_sms_touchpoint_attributes_up_to_its_default_window_inclusive(TouchKind kind, double hours)
    {
        var touch = AgentSms(H(0), kind);

        Assert.Single(Sms([OrderAt(H(hours))], null, touch).Orders);
        Assert.Single(Sms([OrderAt(H(0))], null, touch).Orders);
        Assert.Empty(Sms([OrderAt(H(hours) + Tick)], null, touch).Orders);
        Assert.Empty(Sms([OrderAt(H(0) - Tick)], null, touch).Orders);
    }

    [Fact]
    public void R17_the_attributed_order_names_the_conversation_rule_touchpoint_and_amount()
    {
        var result = Sms([OrderAt(H(3), total: Money.Of(42m, "USD"))], null, AgentSms(H(1), TouchKind.Open, "sms-7"));

        var attributed = Assert.Single(result.Orders);
        Assert.Equal(AttributionRule.SmsLastTouch, attributed.Rule);
        Assert.Equal(ConversationId.From("sms-7"), attributed.Conversation);
        Assert.Equal(Touchpoint.SmsOpen, attributed.Touchpoint);
        Assert.Equal(H(1), attributed.CreditedAt);
        Assert.Equal(Money.Of(42m, "USD"), attributed.Amount);
        Assert.Equal(ProductMatch.Assisted, Assert.Single(Sms([OrderAt(H(3), items: "SKU-1")], null, AgentSms(H(1))).Orders).Match);
    }

    [Fact]
    public void R17_a_later_campaign_touch_on_another_channel_takes_the_order_from_the_agent()
    {
        var agent = AgentSms(H(0));

        Assert.Empty(Sms([OrderAt(H(10))], null, agent, Campaign(H(5), TouchChannel.Email, TouchKind.Open)).Orders);
        Assert.Single(Sms([OrderAt(H(10))], null, agent, Campaign(H(-5), TouchChannel.Email, TouchKind.Open)).Orders);
        Assert.Empty(Sms([OrderAt(H(10))], null, agent, Campaign(H(9), TouchChannel.Push, TouchKind.Open)).Orders);
        Assert.Empty(Sms([OrderAt(H(10))], null, agent, Campaign(H(9), TouchChannel.WhatsApp, TouchKind.Click)).Orders);
        Assert.Empty(Sms([OrderAt(H(10))], null, agent, Campaign(H(9), TouchChannel.Sms, TouchKind.Delivery)).Orders);
    }

    [Fact]
    public void R17_a_later_touch_whose_window_has_closed_does_not_hide_an_earlier_one_still_open()
    {
        // push open at +1 h has a 24 h window: closed at +30 h; the agent's SMS click at 0 h is open for 5 days.
        var result = Sms([OrderAt(H(30))], null, AgentSms(H(0)), Campaign(H(1), TouchChannel.Push, TouchKind.Open));

        Assert.Single(result.Orders);
        Assert.Empty(Sms([OrderAt(H(25))], null, AgentSms(H(0)), Campaign(H(1), TouchChannel.Push, TouchKind.Open)).Orders);
        Assert.Single(Sms([OrderAt(H(25) + Tick)], null, AgentSms(H(0)), Campaign(H(1), TouchChannel.Push, TouchKind.Open)).Orders);
    }

    [Fact]
    public void R17_the_most_recent_agent_sms_is_credited_when_several_qualify()
    {
        var result = Sms([OrderAt(H(30))], null, AgentSms(H(0), conversation: "sms-1"), AgentSms(H(20), TouchKind.Open, "sms-2"), AgentSms(H(29), TouchKind.Delivery, "sms-3"));

        Assert.Equal(ConversationId.From("sms-3"), Assert.Single(result.Orders).Conversation);
    }

    [Fact]
    public void R17_a_touchpoint_switched_off_never_wins_and_does_not_hide_an_earlier_touch()
    {
        var noEmailOpen = AttributionSettings.Create([new(Touchpoint.EmailOpen, TouchpointSetting.Off)]);
        var noSmsClick = AttributionSettings.Create([new(Touchpoint.SmsClick, TouchpointSetting.Off)]);
        var touches = new[] { AgentSms(H(0)), Campaign(H(5), TouchChannel.Email, TouchKind.Open) };

        Assert.Empty(Sms([OrderAt(H(10))], null, touches).Orders);
        Assert.Single(Sms([OrderAt(H(10))], noEmailOpen, touches).Orders);
        Assert.Empty(Sms([OrderAt(H(1))], noSmsClick, AgentSms(H(0))).Orders);
    }

    [Fact]
    public void R17_touches_with_no_touchpoint_never_win()
    {
        Assert.Null(Touch.TouchpointOf(TouchChannel.Push, TouchKind.Click));
        Assert.Null(Touch.TouchpointOf(TouchChannel.Email, TouchKind.Delivery));
        Assert.Null(Touch.TouchpointOf(TouchChannel.WhatsApp, TouchKind.Delivery));
        Assert.Null(Touch.TouchpointOf(TouchChannel.Push, TouchKind.Delivery));
        Assert.Single(Sms([OrderAt(H(2))], null, AgentSms(H(0)), Campaign(H(1), TouchChannel.Push, TouchKind.Click), Campaign(H(1), TouchChannel.Email, TouchKind.Delivery)).Orders);
    }

    [Fact]
    public void R17_only_a_customer_agent_sms_earns_not_an_agent_touch_on_another_channel()
    {
        var whatsApp = Touch.FromCustomerAgent(Ann(), TouchChannel.WhatsApp, TouchKind.Click, H(1), ConversationId.From("wa-1"));

        Assert.Empty(Sms([OrderAt(H(2))], null, whatsApp).Orders);
        Assert.Empty(Sms([OrderAt(H(2))], null, AgentSms(H(0)), whatsApp).Orders);
        Assert.Empty(Sms([OrderAt(H(2))], null, Campaign(H(1), TouchChannel.Sms)).Orders);
    }

    [Fact]
    public void R17_at_the_same_instant_click_beats_open_beats_delivery_then_campaign_beats_agent()
    {
        Assert.Single(Sms([OrderAt(H(2))], null, AgentSms(H(1), TouchKind.Click), Campaign(H(1), TouchChannel.Email, TouchKind.Open)).Orders);
        Assert.Empty(Sms([OrderAt(H(2))], null, AgentSms(H(1), TouchKind.Open), Campaign(H(1), TouchChannel.Email, TouchKind.Click)).Orders);
        Assert.Single(Sms([OrderAt(H(2))], null, AgentSms(H(1), TouchKind.Open), Campaign(H(1), TouchChannel.Sms, TouchKind.Delivery)).Orders);
        Assert.Empty(Sms([OrderAt(H(2))], null, AgentSms(H(1), TouchKind.Delivery), Campaign(H(1), TouchChannel.Sms, TouchKind.Open)).Orders);
        Assert.Empty(Sms([OrderAt(H(2))], null, AgentSms(H(1), TouchKind.Click), Campaign(H(1), TouchChannel.WhatsApp, TouchKind.Click)).Orders);
        Assert.Empty(Sms([OrderAt(H(2))], null, Campaign(H(1), TouchChannel.WhatsApp, TouchKind.Click), AgentSms(H(1), TouchKind.Click)).Orders);
    }

    [Fact]
    public void R17_at_the_same_instant_an_agent_sms_beats_an_agent_touch_on_a_later_channel_and_the_first_conversation_id_wins()
    {
        var whatsApp = Touch.FromCustomerAgent(Ann(), TouchChannel.WhatsApp, TouchKind.Click, H(1), ConversationId.From("a-wa"));

        Assert.Equal(ConversationId.From("z-sms"), Assert.Single(Sms([OrderAt(H(2))], null, whatsApp, AgentSms(H(1), conversation: "z-sms")).Orders).Conversation);
        Assert.Equal(ConversationId.From("z-sms"), Assert.Single(Sms([OrderAt(H(2))], null, AgentSms(H(1), conversation: "z-sms"), whatsApp).Orders).Conversation);
        Assert.Equal(ConversationId.From("b"), Assert.Single(Sms([OrderAt(H(2))], null, AgentSms(H(1), conversation: "c"), AgentSms(H(1), conversation: "b")).Orders).Conversation);
        Assert.Equal(ConversationId.From("b"), Assert.Single(Sms([OrderAt(H(2))], null, AgentSms(H(1), conversation: "b"), AgentSms(H(1), conversation: "c")).Orders).Conversation);
    }

    [Fact]
    public void R17_two_accounts_with_the_same_shopper_identity_are_attributed_separately()
    {
        var result = Sms([OrderAt(H(2), "o-1", Ann(Acct)), OrderAt(H(2), "o-1", Ann(Other))], null, AgentSms(H(1), shopper: Ann(Other)), Campaign(H(1.5), shopper: Ann(Acct)));

        Assert.Equal(Other, Assert.Single(result.Orders).Order.AccountId);
    }

    [Fact]
    public void R17_custom_windows_move_the_boundaries_per_touchpoint()
    {
        var settings = AttributionSettings.Create([new(Touchpoint.SmsDelivery, TouchpointSetting.On(Duration.FromHours(1)))]);

        Assert.Single(Sms([OrderAt(H(1))], settings, AgentSms(H(0), TouchKind.Delivery)).Orders);
        Assert.Empty(Sms([OrderAt(H(1) + Tick)], settings, AgentSms(H(0), TouchKind.Delivery)).Orders);
        Assert.Same(settings, new SmsLastTouchAttributionCalculator(settings).Settings);
        Assert.Same(AttributionSettings.Default, new SmsLastTouchAttributionCalculator().Settings);
    }

    [Fact]
    public void R17_clicks_do_not_earn_sms_attribution_and_recommendations_make_an_sms_order_direct()
    {
        var calc = new SmsLastTouchAttributionCalculator();
        var evidence = AttributionEvidence.Create(
            clicks: [Click(H(1), "sms-1")],
            touches: [AgentSms(H(0), conversation: "sms-1")],
            recommendations: [RecommendedProduct.Create(Acct, ConversationId.From("sms-1"), "SKU-5")]);

        Assert.Empty(calc.Attribute([OrderAt(H(0.5))], AttributionEvidence.Create(clicks: [Click(H(0))])).Orders);
        Assert.Equal(ProductMatch.Direct, Assert.Single(calc.Attribute([OrderAt(H(2), items: "SKU-5")], evidence).Orders).Match);
        Assert.Equal(ProductMatch.Direct, Assert.Single(calc.Attribute([OrderAt(H(2), items: "SKU-1")], evidence).Orders).Match);
        Assert.Equal(ProductMatch.Assisted, Assert.Single(calc.Attribute([OrderAt(H(2), items: "SKU-6")], evidence).Orders).Match);
    }
}
