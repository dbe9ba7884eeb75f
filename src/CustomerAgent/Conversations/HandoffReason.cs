namespace CustomerAgent.Conversations;

/// <summary>Why the agent handed off: the vendor's handoff categories plus the seed's knowledge gap (R8 escalation reason).</summary>
public enum HandoffReason
{
    /// <summary>The agent did not know the answer (seed 001: "knowledge gap").</summary>
    KnowledgeGap = 0,

    /// <summary>The shopper explicitly asked for a human (<c>explicit-ask</c>).</summary>
    ExplicitAsk = 1,

    /// <summary>A merchant escalation rule matched (<c>escalation-rule</c>).</summary>
    EscalationRule = 2,

    /// <summary>The shopper's input could not be understood (<c>unintelligible-input</c>).</summary>
    UnintelligibleInput = 3,

    /// <summary>The account's billing state stops the agent (<c>bad-billing-state</c>).</summary>
    BadBillingState = 4,
}
