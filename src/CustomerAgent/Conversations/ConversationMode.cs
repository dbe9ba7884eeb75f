namespace CustomerAgent.Conversations;

/// <summary>Whether a conversation is real (live) or a merchant's test run (preview). Rule R20.</summary>
public enum ConversationMode
{
    /// <summary>A production conversation with a real shopper (<c>live</c>); counted in metrics.</summary>
    Live = 0,

    /// <summary>The merchant testing or training the agent (<c>preview</c>); excluded from conversations and metrics (R20).</summary>
    Preview = 1,
}
