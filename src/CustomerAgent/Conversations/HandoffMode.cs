namespace CustomerAgent.Conversations;

/// <summary>The vendor's handoff mode: <c>hard</c>, <c>soft</c> or <c>silent</c>.</summary>
public enum HandoffMode
{
    /// <summary>The agent stops and the team takes over (<c>hard</c>).</summary>
    Hard = 0,

    /// <summary>The agent offers the team but may keep helping (<c>soft</c>).</summary>
    Soft = 1,

    /// <summary>The team is notified without telling the shopper (<c>silent</c>).</summary>
    Silent = 2,
}
