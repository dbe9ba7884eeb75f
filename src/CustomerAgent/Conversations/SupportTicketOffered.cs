using NodaTime;

namespace CustomerAgent.Conversations;

/// <summary>The agent offered to create a support ticket ("connect me with an agent?"). Not yet a handoff (R4).</summary>
/// <param name="At">When the offer was shown.</param>
/// <param name="Mode">The vendor's handoff mode.</param>
/// <param name="Reason">Why the agent offered it.</param>
public sealed record SupportTicketOffered(Instant At, HandoffMode Mode, HandoffReason Reason) : ConversationActivity(At);
