namespace CustomerAgent.Conversations;

/// <summary>Who closed a conversation explicitly. The automatic close after inactivity is not an explicit close (see <see cref="Classification.CloseReason"/>).</summary>
public enum ClosedBy
{
    /// <summary>The visitor (shopper) ended the conversation (R2 c).</summary>
    Visitor = 0,

    /// <summary>The host application or the merchant closed it (the vendor's update endpoint sets status <c>closed</c>).</summary>
    Host = 1,
}
