using NodaTime;

namespace CustomerAgent.Conversations;

/// <summary>The shopper sent a message. The first one opens the conversation (R6).</summary>
/// <param name="At">When it was sent.</param>
/// <param name="Text">The message text.</param>
public sealed record ShopperMessageSent(Instant At, string Text) : ConversationActivity(At);
