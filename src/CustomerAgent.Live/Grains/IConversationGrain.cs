namespace CustomerAgent.Live.Grains;

/// <summary>
/// One conversation of one account (key: <see cref="GrainKeys.Conversation"/>): applies its activity-log lines through the
/// reader's rules, keeps them persisted, puts its metric events in an outbox persisted with them and hands them to the sink,
/// and closes by inactivity on a durable reminder.
/// </summary>
[Alias("CustomerAgent.Live.IConversationGrain")]
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>Applies lines in order; a line whose key was seen before is answered from the record.</summary>
    /// <param name="lines">The lines, in the order of the request.</param>
    /// <param name="switches">The account's agent switches (R12) as the request read them after its account lines, or null to ask the account grain.</param>
    /// <returns>One result per line.</returns>
    [Alias("Apply")]
    Task<LineResult[]> Apply(LineInput[] lines, SwitchChange[]? switches);

    /// <summary>Recomputes the events due by now and tries to deliver the outbox (what the reminder does).</summary>
    /// <returns>A task.</returns>
    [Alias("Tick")]
    Task Tick();

    /// <summary>What the grain holds.</summary>
    /// <returns>The snapshot.</returns>
    [Alias("Snapshot")]
    Task<ConversationSnapshot> Snapshot();

    /// <summary>The stored lines (what the account's dashboard reads; a dashboard shard rebuilding after a failure asks for them).</summary>
    /// <returns>The lines, in order.</returns>
    [Alias("StoredLines")]
    Task<StoredLine[]> StoredLines();
}

/// <summary>One account (key: the account ID): its account lines (settings, agent switches, orders, touches), applied through the reader's rules and persisted.</summary>
[Alias("CustomerAgent.Live.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Applies account lines in order; a line whose key was seen before is answered from the record.</summary>
    /// <param name="lines">The lines.</param>
    /// <returns>One result per line.</returns>
    [Alias("Apply")]
    Task<LineResult[]> Apply(LineInput[] lines);

    /// <summary>The account's agent switches so far (R12).</summary>
    /// <returns>The changes, in order.</returns>
    [Alias("Switches")]
    Task<SwitchChange[]> Switches();

    /// <summary>The stored account lines (what the account's dashboard reads).</summary>
    /// <returns>The lines, in order.</returns>
    [Alias("StoredLines")]
    Task<StoredLine[]> StoredLines();
}
