namespace CustomerAgent.Conversations;

/// <summary>How the agent hands a conversation off (rules R2 b, R3, R4).</summary>
public enum HandoffKind
{
    /// <summary>The agent displays the merchant's custom handoff message (R3). Effective at once.</summary>
    CustomMessage = 0,

    /// <summary>A support ticket; effective only when the shopper answers "yes" to the offer (R4).</summary>
    SupportTicket = 1,

    /// <summary>A transfer to a human agent (R2 b). Effective at once.</summary>
    TransferToHuman = 2,

    /// <summary>The merchant's custom closing message was sent (R2 b counts it as a handoff). Effective at once.</summary>
    CustomClosingMessage = 3,
}
