using NodaTime;

namespace CustomerAgent.Conversations;

/// <summary>The agent sent a message using a skill, optionally with a product card or list (R9, R10).</summary>
/// <param name="At">When it was sent.</param>
/// <param name="Text">The message text.</param>
/// <param name="Skill">The skill the agent used (order tracking, product recommendations, …).</param>
/// <param name="Products">The product IDs or SKUs recommended in this message; empty when none.</param>
public sealed record AgentMessageSent(Instant At, string Text, string Skill, IReadOnlyList<string> Products) : ConversationActivity(At)
{
    /// <summary>Whether the message carries a product card or list (R9).</summary>
    public bool HasProducts => Products.Count > 0;
}
