namespace CustomerAgent.Conversations;

/// <summary>Who wrote a message. API roles: <c>user</c> (the shopper) and <c>agent</c>.</summary>
public enum MessageAuthor
{
    /// <summary>The shopper (API role <c>user</c>).</summary>
    Shopper = 0,

    /// <summary>The AI agent (API role <c>agent</c>).</summary>
    Agent = 1,
}
