using CustomerAgent.Attribution;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Serialization;

namespace CustomerAgent.Tests.Serialization;

/// <summary>
/// The wire names live in <see cref="ApiNames"/>, which no domain folder uses; the domain's own messages name channels,
/// statuses and touchpoints with words kept in the domain. They are the same words.
/// </summary>
public sealed class ApiNamesTests
{
    [Fact]
    public void R1_R17_the_domains_messages_name_channels_statuses_and_touchpoints_by_their_api_names()
    {
        Assert.All(Enum.GetValues<Channel>(), c => Assert.Equal(c.ToApiName(), ChannelWords.Of(c)));
        Assert.All(Enum.GetValues<ConversationStatus>(), s => Assert.Equal(s.ToApiName(), StatusWords.Of(s)));
        Assert.All(Enum.GetValues<Touchpoint>(), t => Assert.Equal(t.ToApiName(), TouchpointWords.Of(t)));
        Assert.Equal(
            Assert.Throws<CustomerAgentException>(() => ((Channel)9).ToApiName()).Message,
            Assert.Throws<CustomerAgentException>(() => ChannelWords.Of((Channel)9)).Message);
        Assert.Equal(
            Assert.Throws<CustomerAgentException>(() => ((ConversationStatus)9).ToApiName()).Message,
            Assert.Throws<CustomerAgentException>(() => StatusWords.Of((ConversationStatus)9)).Message);
        Assert.Equal(
            Assert.Throws<CustomerAgentException>(() => ((Touchpoint)9).ToApiName()).Message,
            Assert.Throws<CustomerAgentException>(() => TouchpointWords.Of((Touchpoint)9)).Message);
    }
}
