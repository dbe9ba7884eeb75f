using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Tests;

/// <summary>Shared builders for tests: fixed IDs and instants so examples read like the rules.</summary>
internal static class TestData
{
    internal static readonly Instant T0 = Instant.FromUtc(2026, 6, 7, 10, 0);
    internal static readonly Duration FortyEightHours = Duration.FromHours(48);

    internal static ConversationHeader Header(string id = "conv-1", Channel channel = Channel.WebChat, ConversationMode mode = ConversationMode.Live, Profile? profile = null, string account = "acct-1") =>
        ConversationHeader.Create(ConversationId.From(id), AccountId.From(account), channel, mode, profile);

    internal static Conversation Started(string text = "Where is my order?", Instant? at = null, ConversationHeader? header = null) =>
        Conversation.Start(header ?? Header(), at ?? T0, text);

    internal static Instant Min(int minutes) => T0 + Duration.FromMinutes(minutes);

    /// <summary>The rule and field of the <see cref="CustomerAgentException"/> <paramref name="act"/> throws.</summary>
    internal static (string Rule, string Field) RuleAndField(Action act)
    {
        var error = Assert.Throws<CustomerAgentException>(act);
        return (error.Rule, error.Field);
    }
}
