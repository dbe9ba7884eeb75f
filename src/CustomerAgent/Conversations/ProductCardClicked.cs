using NodaTime;

namespace CustomerAgent.Conversations;

/// <summary>The shopper clicked a product card the agent had recommended (R16).</summary>
/// <param name="At">When the click happened.</param>
/// <param name="ProductId">The clicked product's ID or SKU.</param>
public sealed record ProductCardClicked(Instant At, string ProductId) : ConversationActivity(At);
