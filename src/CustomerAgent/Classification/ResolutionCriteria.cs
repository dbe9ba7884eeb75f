namespace CustomerAgent.Classification;

/// <summary>
/// The three criteria of <em>Resolved by AI</em> (R2), each as of the classification instant.
/// </summary>
/// <param name="AgentMessageIsLast">R2 a: the agent's message is the last message of the thread.</param>
/// <param name="NoHandoff">R2 b: no handoff (custom message, accepted ticket, transfer to a human, custom closing message).</param>
/// <param name="IsClosed">R2 c: the conversation is closed, by the visitor, the host or inactivity.</param>
public readonly record struct ResolutionCriteria(bool AgentMessageIsLast, bool NoHandoff, bool IsClosed)
{
    /// <summary>Whether all three hold, which is exactly <em>Resolved by AI</em>.</summary>
    public bool AllHold => AgentMessageIsLast && NoHandoff && IsClosed;
}
