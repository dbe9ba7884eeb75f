namespace CustomerAgent.Collection;

/// <summary>Why activity or an event is not collected.</summary>
public enum NotCollectedReason
{
    /// <summary>R12: the agent had never been enabled on the channel by then.</summary>
    AgentNeverEnabled = 0,

    /// <summary>R12: the agent was disabled on the channel at that instant.</summary>
    AgentDisabled = 1,

    /// <summary>R20: the conversation runs in preview mode (the merchant testing the agent).</summary>
    PreviewConversation = 2,
}
