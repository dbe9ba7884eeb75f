using NodaTime;

namespace CustomerAgent.Conversations;

/// <summary>A topic tag was applied to the conversation.</summary>
/// <param name="At">When it was applied.</param>
/// <param name="Tag">The tag.</param>
public sealed record TagApplied(Instant At, string Tag) : ConversationActivity(At);
