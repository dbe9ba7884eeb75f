using NodaTime;

namespace CustomerAgent.Conversations;

/// <summary>The shopper answered the pending ticket offer: "yes" makes it a handoff (R4), "no" does not.</summary>
/// <param name="At">When the shopper answered.</param>
/// <param name="Accepted">Whether the shopper clicked "yes".</param>
public sealed record SupportTicketAnswered(Instant At, bool Accepted) : ConversationActivity(At);
