using NodaTime;

namespace CustomerAgent.Conversations;

/// <summary>
/// The agent handed the conversation off at once: custom handoff message (R3), transfer to a human or custom closing
/// message (R2 b). Support tickets go through <see cref="SupportTicketOffered"/> and <see cref="SupportTicketAnswered"/>.
/// </summary>
/// <param name="At">When the handoff happened.</param>
/// <param name="Kind">How the agent handed off; never <see cref="HandoffKind.SupportTicket"/>.</param>
/// <param name="Mode">The vendor's handoff mode.</param>
/// <param name="Reason">Why (the escalation reason of R8).</param>
public sealed record HandoffTriggered(Instant At, HandoffKind Kind, HandoffMode Mode, HandoffReason Reason) : ConversationActivity(At);
