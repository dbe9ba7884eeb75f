namespace CustomerAgent.Live.Grains;

/// <summary>
/// A conversation grain's persisted state: the lines that make its facts (replayed into a feed on activation), the result of
/// every line key it answered (idempotency), the events it put in the outbox and those still waiting there. Written in one
/// piece after each request, so a request's lines, their records and their events are stored together or not at all.
/// </summary>
[GenerateSerializer]
[Alias("CustomerAgent.Live.ConversationState")]
public sealed class ConversationState
{
    /// <summary>The accepted lines in order, and the first line when it was rejected (it keeps the conversation rejected, H5).</summary>
    [Id(0)]
    public List<StoredLine> Lines { get; set; } = [];

    /// <summary>The result of every line key answered.</summary>
    [Id(1)]
    public Dictionary<string, LineResult> Outcomes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The unique IDs of every event ever put in the outbox, in order.</summary>
    [Id(2)]
    public List<string> Emitted { get; set; } = [];

    /// <summary>The events not yet accepted by the sink, in order.</summary>
    [Id(3)]
    public List<OutboxEntry> Outbox { get; set; } = [];

    /// <summary>The instant (Unix nanoseconds) the tick reminder was last registered for, or 0 when none is.</summary>
    [Id(4)]
    public long ReminderDue { get; set; }
}

/// <summary>An account grain's persisted state: its accepted account lines and the result of every line key it answered.</summary>
[GenerateSerializer]
[Alias("CustomerAgent.Live.AccountState")]
public sealed class AccountState
{
    /// <summary>The accepted lines in order.</summary>
    [Id(0)]
    public List<StoredLine> Lines { get; set; } = [];

    /// <summary>The result of every line key answered.</summary>
    [Id(1)]
    public Dictionary<string, LineResult> Outcomes { get; set; } = new(StringComparer.Ordinal);
}
