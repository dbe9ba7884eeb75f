using CustomerAgent.Attribution;
using NodaTime;
using static CustomerAgent.Tests.Attribution.AttributionData;

namespace CustomerAgent.Tests.Attribution;

/// <summary>
/// Each order is judged by the account's attribution settings in force when it was placed (R16, R17; docs/attribution.md, "Settings
/// in force when the order was placed"): a change applies from its instant on (inclusive), never to earlier orders.
/// </summary>
public sealed class AttributionSettingsHistoryTests
{
    /// <summary>The instant of the change.</summary>
    private static readonly Instant C = H(10);

    private static AttributionSettings With(Touchpoint touchpoint, TouchpointSetting setting) =>
        AttributionSettings.Create([KeyValuePair.Create(touchpoint, setting)]);

    private static AttributionSettingsHistory Change(AttributionSettings before, AttributionSettings after) =>
        AttributionSettingsHistory.Create(before, [KeyValuePair.Create(C, after)]);

    /// <summary>Three orders of Ann: one nanosecond before the change, at it, one nanosecond after.</summary>
    private static Order[] AroundTheChange() => [OrderAt(C - Tick, "before"), OrderAt(C, "at"), OrderAt(C + Tick, "after")];

    private static string[] Credited(IAttributionCalculator calculator, AttributionEvidence evidence) =>
        [.. calculator.Attribute(AroundTheChange(), evidence).Orders.Select(o => o.Order.Id)];

    [Fact]
    public void R17_narrowing_a_window_applies_from_the_change_instant_on_and_never_to_an_order_placed_a_nanosecond_before()
    {
        // an agent SMS click two hours before the change; the window goes from 5 days to 1 hour at C
        var history = Change(AttributionSettings.Default, With(Touchpoint.SmsClick, TouchpointSetting.On(Duration.FromHours(1))));
        var evidence = AttributionEvidence.Create(touches: [AgentSms(C - Duration.FromHours(2))]);

        Assert.Equal(["before"], Credited(new SmsLastTouchAttributionCalculator(history), evidence));
        Assert.Equal(["before"], Credited(new AiGeneratedSalesCalculator(history), evidence));
    }

    [Fact]
    public void R17_widening_a_window_applies_from_the_change_instant_on()
    {
        var history = Change(With(Touchpoint.SmsClick, TouchpointSetting.On(Duration.FromHours(1))), AttributionSettings.Default);
        var evidence = AttributionEvidence.Create(touches: [AgentSms(C - Duration.FromHours(2))]);

        Assert.Equal(["at", "after"], Credited(new SmsLastTouchAttributionCalculator(history), evidence));
        Assert.Equal(["at", "after"], Credited(new AiGeneratedSalesCalculator(history), evidence));
    }

    [Fact]
    public void R17_switching_a_touchpoint_off_stops_it_earning_from_the_change_instant_only()
    {
        var history = Change(AttributionSettings.Default, With(Touchpoint.SmsClick, TouchpointSetting.Off));
        var evidence = AttributionEvidence.Create(touches: [AgentSms(C - Duration.FromHours(2))]);

        Assert.Equal(["before"], Credited(new SmsLastTouchAttributionCalculator(history), evidence));
        Assert.Equal(["before"], Credited(new AiGeneratedSalesCalculator(history), evidence));
    }

    [Fact]
    public void R17_a_touchpoint_switched_off_no_longer_hides_an_earlier_agent_touch_but_only_for_orders_from_the_change_on()
    {
        // before C a campaign SMS click is the last touch (the agent earns nothing); from C on SMS clicks are off, so the agent's
        // earlier SMS delivery (12-hour window) is the last touch inside its window
        var history = Change(AttributionSettings.Default, With(Touchpoint.SmsClick, TouchpointSetting.Off));
        var evidence = AttributionEvidence.Create(touches: [AgentSms(C - Duration.FromHours(3), TouchKind.Delivery), Campaign(C - Duration.FromHours(2), TouchChannel.Sms, TouchKind.Click)]);

        var result = new AiGeneratedSalesCalculator(history).Attribute(AroundTheChange(), evidence);

        Assert.Equal(["at", "after"], result.Orders.Select(o => o.Order.Id));
        Assert.All(result.Orders, o => Assert.Equal((AttributionRule.SmsLastTouch, (Touchpoint?)Touchpoint.SmsDelivery, C - Duration.FromHours(3)), (o.Rule, o.Touchpoint, o.CreditedAt)));
        Assert.Empty(new AiGeneratedSalesCalculator(AttributionSettings.Default).Attribute(AroundTheChange(), evidence).Orders);
    }

    [Fact]
    public void R16_the_web_chat_window_in_force_when_the_order_was_placed_decides()
    {
        var narrow = AttributionSettings.Create(webChatWindow: Duration.FromHours(1));
        var evidence = AttributionEvidence.Create(clicks: [Click(C - Duration.FromHours(2))]);

        Assert.Equal(["before"], Credited(new WebChatAttributionCalculator(Change(AttributionSettings.Default, narrow)), evidence));
        Assert.Equal(["before"], Credited(new AiGeneratedSalesCalculator(Change(AttributionSettings.Default, narrow)), evidence));
        Assert.Equal(["at", "after"], Credited(new WebChatAttributionCalculator(Change(narrow, AttributionSettings.Default)), evidence));
    }

    [Fact]
    public void R16_R17_several_changes_each_order_takes_the_settings_of_its_own_instant()
    {
        // SMS clicks: 5 days, then off from H(10), then 1 hour from H(20); one agent SMS click at H(0)… and one at H(19.5)
        var history = AttributionSettingsHistory.Create(
            AttributionSettings.Default,
            [KeyValuePair.Create(H(10), With(Touchpoint.SmsClick, TouchpointSetting.Off)), KeyValuePair.Create(H(20), With(Touchpoint.SmsClick, TouchpointSetting.On(Duration.FromHours(1))))]);
        var evidence = AttributionEvidence.Create(touches: [AgentSms(H(0), conversation: "sms-0"), AgentSms(H(19.5), conversation: "sms-1")]);
        Order[] orders = [OrderAt(H(9), "o-9"), OrderAt(H(15), "o-15"), OrderAt(H(20), "o-20"), OrderAt(H(20.5), "o-20.5"), OrderAt(H(20.5) + Tick, "o-late")];

        var result = new AiGeneratedSalesCalculator(history).Attribute(orders, evidence);

        Assert.Equal([("o-9", "sms-0"), ("o-20", "sms-1"), ("o-20.5", "sms-1")], result.Orders.Select(o => (o.Order.Id, o.Conversation.Value)));
        Assert.Equal(5, result.OrderCount);
    }

    [Fact]
    public void The_calculators_keep_the_history_they_are_given_and_one_setting_is_a_history_without_change()
    {
        var history = Change(AttributionSettings.Default, With(Touchpoint.SmsClick, TouchpointSetting.Off));
        var narrow = AttributionSettings.Create(webChatWindow: Duration.FromHours(1));

        Assert.Same(history, new AiGeneratedSalesCalculator(history).History);
        Assert.Same(history, new SmsLastTouchAttributionCalculator(history).History);
        Assert.Same(history, new WebChatAttributionCalculator(history).History);
        Assert.Same(AttributionSettings.Default, new AiGeneratedSalesCalculator(history).Settings);
        Assert.Same(narrow, new WebChatAttributionCalculator(narrow).History.Initial);
        Assert.Empty(new WebChatAttributionCalculator(narrow).History.Changes);
        Assert.Same(AttributionSettings.Default, new AiGeneratedSalesCalculator().History.At(C));
        Assert.Throws<ArgumentNullException>(() => new AiGeneratedSalesCalculator((AttributionSettingsHistory)null!));
        Assert.Throws<ArgumentNullException>(() => AttributionSettingsHistory.Of(null!));
    }

    [Fact]
    public void H1_Create_rejects_changes_at_equal_instants()
    {
        var ex = Assert.Throws<CustomerAgentException>(() => AttributionSettingsHistory.Create(
            AttributionSettings.Default,
            [KeyValuePair.Create(C, AttributionSettings.Default), KeyValuePair.Create(C, With(Touchpoint.SmsClick, TouchpointSetting.Off))]));

        Assert.Equal(("H1", "changes[1].at"), (ex.Rule, ex.Field));
    }

    [Fact]
    public void H1_Create_rejects_changes_out_of_time_order_even_by_one_nanosecond_and_accepts_them_one_nanosecond_apart()
    {
        var s = With(Touchpoint.SmsClick, TouchpointSetting.Off);

        var ex = Assert.Throws<CustomerAgentException>(() => AttributionSettingsHistory.Create(
            AttributionSettings.Default,
            [KeyValuePair.Create(H(1), s), KeyValuePair.Create(C, s), KeyValuePair.Create(C - Tick, s)]));
        var ok = AttributionSettingsHistory.Create(AttributionSettings.Default, [KeyValuePair.Create(C, s), KeyValuePair.Create(C + Tick, AttributionSettings.Default)]);

        Assert.Equal(("H1", "changes[2].at"), (ex.Rule, ex.Field));
        Assert.Equal([C, C + Tick], ok.Changes.Select(c => c.Key));
    }

    [Fact]
    public void H6_Create_rejects_a_change_outside_the_supported_instants_and_null_settings()
    {
        var ex = Assert.Throws<CustomerAgentException>(() => AttributionSettingsHistory.Create(
            AttributionSettings.Default,
            [KeyValuePair.Create(C, AttributionSettings.Default), KeyValuePair.Create(SupportedInstants.End, AttributionSettings.Default)]));

        Assert.Equal(("H6", "changes[1].at"), (ex.Rule, ex.Field));
        Assert.Throws<ArgumentNullException>(() => AttributionSettingsHistory.Create(AttributionSettings.Default, [KeyValuePair.Create(C, (AttributionSettings)null!)]));
        Assert.Throws<ArgumentNullException>(() => AttributionSettingsHistory.Create(null!, []));
        Assert.Throws<ArgumentNullException>(() => AttributionSettingsHistory.Create(AttributionSettings.Default, null!));
    }

    [Fact]
    public void H1_At_picks_the_initial_settings_before_the_first_change_and_each_change_from_its_instant_on()
    {
        var initial = AttributionSettings.Create(webChatWindow: Duration.FromHours(2));
        var first = AttributionSettings.Create(webChatWindow: Duration.FromHours(3));
        var second = AttributionSettings.Create(webChatWindow: Duration.FromHours(4));
        var history = AttributionSettingsHistory.Create(initial, [KeyValuePair.Create(H(10), first), KeyValuePair.Create(H(20), second)]);

        Assert.Same(initial, history.Initial);
        Assert.Equal([KeyValuePair.Create(H(10), first), KeyValuePair.Create(H(20), second)], history.Changes);
        Assert.Same(initial, history.At(SupportedInstants.Start));
        Assert.Same(initial, history.At(H(10) - Tick));
        Assert.Same(first, history.At(H(10)));
        Assert.Same(first, history.At(H(10) + Tick));
        Assert.Same(first, history.At(H(20) - Tick));
        Assert.Same(second, history.At(H(20)));
        Assert.Same(second, history.At(H(20) + Tick));
        Assert.Same(second, history.At(SupportedInstants.End - Tick));
        Assert.Same(initial, AttributionSettingsHistory.Of(initial).At(H(20)));
        Assert.Same(initial, AttributionSettingsHistory.Create(initial, []).At(SupportedInstants.End - Tick));
    }
}
