namespace CustomerAgent.Classification;

/// <summary>
/// The status of a conversation (R1, D3). API names: <c>open</c>, <c>resolved-by-ai</c>, <c>routed-to-team</c>, <c>closed</c>.
/// </summary>
/// <remarks>Every status but <see cref="Open"/> is final (D2). The numeric values are stable and used by the bulk path.</remarks>
public enum ConversationStatus : byte
{
    /// <summary>In progress with the agent, or awaiting the shopper's reply (R5).</summary>
    Open = 0,

    /// <summary>The agent's message is last, no handoff, and the conversation closed (R2).</summary>
    ResolvedByAi = 1,

    /// <summary>The agent handed off (R3, R4); the vendor API calls it <c>routed-to-team</c>.</summary>
    NotResolvedByAi = 2,

    /// <summary>Closed with the shopper's message last and no handoff (D3): counts in the volume, in neither rate.</summary>
    Closed = 3,
}
