namespace CustomerAgent.Dashboard;

/// <summary>A conversation opened from the table (R18): its row and its whole thread of messages as of the query's instant.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ConversationThread
{
    internal ConversationThread(ConversationRow row, IReadOnlyList<ThreadMessage> messages)
    {
        Row = row;
        Messages = messages;
    }

    /// <summary>The table row.</summary>
    public ConversationRow Row { get; }

    /// <summary>Every shopper and agent message, in time order.</summary>
    public IReadOnlyList<ThreadMessage> Messages { get; }
}
