using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.Collection;

public sealed class TimelineEdgeTests
{
    private static readonly AccountId Acct = AccountId.From("acct-1");

    [Fact]
    public void R12_a_timeline_whose_first_change_is_a_disable_says_the_agent_was_never_enabled()
    {
        var timeline = AgentSwitchTimeline.Empty(Acct).Disable(Channel.Sms, Min(0));

        var decision = timeline.Check(Channel.Sms, Min(5));

        Assert.Equal(NotCollectedReason.AgentNeverEnabled, decision.Reason);
        Assert.Null(decision.DisabledSince);
    }

    [Fact]
    public void R12_disabled_since_is_the_first_disable_after_the_latest_enable()
    {
        var timeline = AgentSwitchTimeline.Empty(Acct)
            .Disable(Channel.Sms, Min(0))
            .Enable(Channel.Sms, Min(1))
            .Disable(Channel.Sms, Min(2))
            .Disable(Channel.Sms, Min(3))
            .Enable(Channel.WebChat, Min(4));

        Assert.Equal(NotCollectedReason.AgentNeverEnabled, timeline.Check(Channel.Sms, Min(0)).Reason);
        Assert.True(timeline.Check(Channel.Sms, Min(1)).IsCollected);
        Assert.Equal(Min(2), timeline.Check(Channel.Sms, Min(3)).DisabledSince);
        Assert.Equal(NotCollectedReason.AgentDisabled, timeline.Check(Channel.Sms, Min(9)).Reason);
        Assert.True(timeline.Enable(Channel.Sms, Min(9)).Check(Channel.Sms, Min(9)).IsCollected);
        Assert.False(timeline.IsEnabled(Channel.WebChat, Min(3)));
        Assert.True(timeline.IsEnabled(Channel.WebChat, Min(4)));
    }

    [Fact]
    public void R12_an_undefined_channel_gets_the_librarys_exception()
    {
        var ex = Assert.Throws<CustomerAgentException>(() => AgentSwitchTimeline.Empty(Acct).Check((Channel)9, Min(0)));
        Assert.Equal("R12", ex.Rule);
        Assert.Equal("channel", ex.Field);
    }
}
