using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using CustomerAgent.DependencyInjection;
using CustomerAgent.Events;
using Microsoft.Extensions.DependencyInjection;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.Collection;

public sealed class DataCollectionSwitchTests
{
    private static readonly AccountId Account = AccountId.From("acct-1");

    [Fact]
    public void R12_nothing_is_collected_on_a_channel_before_the_agent_is_first_enabled()
    {
        var timeline = AgentSwitchTimeline.Empty(Account).Enable(Channel.WebChat, Min(10));

        var before = DataCollectionSwitch.Instance.Check(timeline, Channel.WebChat, Min(9));

        Assert.False(before.IsCollected);
        Assert.Equal(NotCollectedReason.AgentNeverEnabled, before.Reason);
        Assert.Equal("R12", before.Rule);
        Assert.True(DataCollectionSwitch.Instance.Check(timeline, Channel.WebChat, Min(10)).IsCollected);
    }

    [Fact]
    public void R12_a_disable_stops_collection_from_its_instant_and_an_enable_resumes_it_per_channel()
    {
        var timeline = AgentSwitchTimeline.Empty(Account)
            .Enable(Channel.WebChat, T0).Enable(Channel.Sms, T0)
            .Disable(Channel.WebChat, Min(10)).Enable(Channel.WebChat, Min(20));

        Assert.True(timeline.IsEnabled(Channel.WebChat, Min(10) - NodaTime.Duration.Epsilon));
        var disabled = timeline.Check(Channel.WebChat, Min(15));
        Assert.Equal(NotCollectedReason.AgentDisabled, disabled.Reason);
        Assert.Equal(Min(10), disabled.DisabledSince);
        Assert.Contains("disabled on web-chat since", disabled.Explanation, StringComparison.Ordinal);
        Assert.True(timeline.IsEnabled(Channel.Sms, Min(15)));
        Assert.True(timeline.IsEnabled(Channel.WebChat, Min(20)));
    }

    [Fact]
    public void R12_a_timeline_rejects_changes_out_of_time_order_or_twice_at_one_instant_on_a_channel()
    {
        var timeline = AgentSwitchTimeline.Empty(Account).Enable(Channel.WebChat, Min(10));

        Assert.Equal("R12", Assert.Throws<CustomerAgentException>(() => timeline.Disable(Channel.WebChat, Min(9))).Rule);
        Assert.Equal("R12", Assert.Throws<CustomerAgentException>(() => timeline.Disable(Channel.WebChat, Min(10))).Rule);
        Assert.True(timeline.Enable(Channel.Sms, Min(10)).IsEnabled(Channel.Sms, Min(10)));
        Assert.Single(timeline.Changes);
    }

    [Fact]
    public void R20_a_preview_conversation_is_not_collected_and_says_why()
    {
        var timeline = AgentSwitchTimeline.Empty(Account).Enable(Channel.WebChat, T0);

        var decision = DataCollectionSwitch.Instance.Check(timeline, Header(mode: ConversationMode.Preview), Min(1));

        Assert.Equal(NotCollectedReason.PreviewConversation, decision.Reason);
        Assert.Equal("R20", decision.Rule);
    }

    [Fact]
    public void R12_events_in_a_disabled_window_are_reported_not_collected_and_earlier_events_stay()
    {
        var c = Conversation.Start(Header(), T0, "Hi");
        c.RecordAgentMessage(Min(1), "Try these", "product-recommendations", ["SKU-1"]);
        c.RecordAgentMessage(Min(30), "Or these", "product-recommendations", ["SKU-2"]);
        c.Close(Min(31), ClosedBy.Visitor);
        var timeline = AgentSwitchTimeline.Empty(Account).Enable(Channel.WebChat, T0).Disable(Channel.WebChat, Min(20));

        var result = MetricEventFactory.Default.EventsAsOf(c, timeline, Min(60));

        Assert.Equal([MetricKind.StartedConversation, MetricKind.ReceivedProductRecommendation], result.Collected.Select(e => e.Kind));
        Assert.Equal([MetricKind.ReceivedProductRecommendation, MetricKind.ConversationResolved], result.NotCollected.Select(n => n.Event.Kind));
        Assert.All(result.NotCollected, n => Assert.Equal(NotCollectedReason.AgentDisabled, n.Decision.Reason));
        Assert.Equal(MetricEventFactory.Default.EventsAsOf(c, Min(60)).Count, result.Collected.Count + result.NotCollected.Count);
        var incremental = MetricEventFactory.Default.EventsBetween(c, timeline, Min(20), Min(60));
        Assert.Empty(incremental.Collected);
        Assert.Equal(2, incremental.NotCollected.Count);
    }

    [Fact]
    public void R12_a_timeline_of_another_account_is_rejected()
    {
        var c = Conversation.Start(Header(account: "acct-2"), T0, "Hi");
        var timeline = AgentSwitchTimeline.Empty(Account).Enable(Channel.WebChat, T0);

        Assert.Equal("R12", Assert.Throws<CustomerAgentException>(() => MetricEventFactory.Default.EventsAsOf(c, timeline, Min(1))).Rule);
        Assert.Equal("R12", Assert.Throws<CustomerAgentException>(() => DataCollectionSwitch.Instance.Check(timeline, c.Header, Min(1))).Rule);
    }

    [Fact]
    public void DI_AddCustomerAgent_registers_the_event_factory_and_the_switch_and_keeps_host_registrations()
    {
        using var provider = new ServiceCollection().AddCustomerAgent().BuildServiceProvider();

        Assert.IsType<MetricEventFactory>(provider.GetRequiredService<IMetricEventFactory>());
        Assert.Same(DataCollectionSwitch.Instance, provider.GetRequiredService<IDataCollectionSwitch>());

        var mine = new MetricEventFactory(CustomerAgent.Classification.ConversationClassifier.Default);
        var services = new ServiceCollection();
        services.AddSingleton<IMetricEventFactory>(mine);
        using var custom = services.AddCustomerAgent().AddCustomerAgent().BuildServiceProvider();
        Assert.Same(mine, custom.GetRequiredService<IMetricEventFactory>());
    }
}
