using NodaTime;

namespace CustomerAgent.Conversations;

/// <summary>
/// One recorded fact in a conversation's time-ordered history. The history is what a conversation <em>is</em>:
/// replaying the same activities with <see cref="Conversation.Replay"/> rebuilds the same aggregate.
/// </summary>
/// <remarks>
/// The derived records are plain data; the aggregate validates them when they are applied
/// (<see cref="Conversation.Apply"/>), so an invalid activity never enters a history.
/// </remarks>
/// <param name="At">When it happened.</param>
public abstract record ConversationActivity(Instant At);
