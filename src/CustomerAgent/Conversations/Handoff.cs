using NodaTime;

namespace CustomerAgent.Conversations;

/// <summary>The handoff that made a conversation <em>Not resolved by AI</em> (R3, R4): when, how, in which mode and why.</summary>
/// <param name="At">When the handoff took effect (for a ticket, the instant the shopper clicked "yes").</param>
/// <param name="Kind">How the agent handed off.</param>
/// <param name="Mode">The vendor's handoff mode.</param>
/// <param name="Reason">The escalation reason (R8).</param>
public sealed record Handoff(Instant At, HandoffKind Kind, HandoffMode Mode, HandoffReason Reason);
