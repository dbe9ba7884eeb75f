using CustomerAgent.Attribution;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using NodaTime;
using static CustomerAgent.Tests.Attribution.AttributionData;

namespace CustomerAgent.Tests.Attribution;

/// <summary>Conversations and agent switch timelines for the "inside the cohort" examples (account acct-1, shopper Ann, hours from T0).</summary>
internal static class CohortData
{
    internal static readonly AiGeneratedSalesCalculator Calc = new();

    /// <summary>A conversation of Ann begun at <paramref name="start"/>, in which the agent recommends SKU-1 at the start.</summary>
    internal static Conversation Conv(string id, Channel channel, Instant start, ConversationMode mode = ConversationMode.Live, string email = "ann@example.com", AccountId? account = null, Profile? profile = null)
    {
        var header = ConversationHeader.Create(ConversationId.From(id), account ?? Acct, channel, mode, profile ?? Profile.Create(email: email));
        var c = Conversation.Start(header, start, "Any red shoes?");
        c.RecordAgentMessage(start, "These:", "product-recommendations", ["SKU-1"]);
        return c;
    }

    /// <summary>A web chat conversation of Ann begun at <paramref name="start"/> in which she clicks SKU-1 at <paramref name="click"/>.</summary>
    internal static Conversation Chat(string id, Instant start, Instant click, ConversationMode mode = ConversationMode.Live)
    {
        var c = Conv(id, Channel.WebChat, start, mode);
        c.RecordProductCardClick(click, "SKU-1");
        return c;
    }

    internal static AgentSwitchTimeline Timeline(params (Instant At, Channel Channel, bool Enabled)[] changes) =>
        AgentSwitchTimeline.Create(Acct, changes.Select(c => new AgentSwitchChange(c.At, c.Channel, c.Enabled)));

    /// <summary>The credited orders as (order ID, rule, conversation, credited at).</summary>
    internal static (string Order, AttributionRule Rule, string Conversation, Instant At)[] Credits(AttributionResult result) =>
        [.. result.Orders.Select(a => (a.Order.Id, a.Rule, a.Conversation.Value, a.CreditedAt))];
}
