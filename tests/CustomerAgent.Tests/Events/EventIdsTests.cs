using CustomerAgent.Conversations;
using CustomerAgent.Events;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.Events;

/// <summary>D4: the escaping of ID components is injective and reads back exactly.</summary>
public sealed class EventIdsTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a:b", "a%3Ab")]
    [InlineData("50%", "50%25")]
    [InlineData("%3A", "%253A")]
    [InlineData(":%:", "%3A%25%3A")]
    public void D4_components_escape_and_read_back(string text, string escaped)
    {
        Assert.Equal(escaped, EventIds.Escape(text));
        Assert.True(EventIds.TryUnescape(escaped, out var back));
        Assert.Equal(text, back);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("a%")]
    [InlineData("a%2")]
    [InlineData("a%3")]
    [InlineData("%ZZ")]
    [InlineData("%3a")]
    public void D4_a_broken_escape_does_not_read_back(string text)
    {
        Assert.False(EventIds.TryUnescape(text, out var value));
        Assert.Equal(string.Empty, value);
    }

    [Theory]
    [InlineData("a:c:started", true)]
    [InlineData("a:c:resolved", true)]
    [InlineData("a:c:escalated", true)]
    [InlineData("a:c:recommendation:1", true)]
    [InlineData("a:c:recommendation:12", true)]
    [InlineData("a:c:recommendation:0", false)]
    [InlineData("a:c:recommendation:01", false)]
    [InlineData("a:c:recommendation:-1", false)]
    [InlineData("a:c:recommendation", false)]
    [InlineData("a:c:started:1", false)]
    [InlineData("a:c", false)]
    [InlineData(" :c:started", false)]
    [InlineData("a: :started", false)]
    [InlineData("a:c:other", false)]
    public void D4_only_ids_this_library_writes_parse(string id, bool parses)
    {
        Assert.Equal(parses, EventIds.TryParse(id, out var account, out var conversation, out _));
        if (parses)
        {
            Assert.Equal("a", account.Value);
            Assert.Equal("c", conversation.Value);
        }
    }

    [Fact]
    public void R9_two_recommendations_at_one_instant_keep_the_order_of_their_agent_messages()
    {
        var c = Conversation.Start(Header(), T0, "Hi");
        c.RecordAgentMessage(Min(1), "first", "product-recommendations", ["SKU-2"]);
        c.RecordAgentMessage(Min(1), "second", "product-recommendations", ["SKU-1"]);

        var ids = MetricEventFactory.Default.EventsAsOf(c, Min(1)).Select(e => e.UniqueId).ToList();

        Assert.Equal(["acct-1:conv-1:started", "acct-1:conv-1:recommendation:1", "acct-1:conv-1:recommendation:2"], ids);
    }
}
