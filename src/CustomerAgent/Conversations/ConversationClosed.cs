using NodaTime;

namespace CustomerAgent.Conversations;

/// <summary>The conversation was closed explicitly, by the visitor or by the host (R2 c).</summary>
/// <param name="At">When it was closed.</param>
/// <param name="By">Who closed it.</param>
public sealed record ConversationClosed(Instant At, ClosedBy By) : ConversationActivity(At);
