using Orleans.Concurrency;

namespace CustomerAgent.Live.Grains;

/// <summary>One activity-log line handed to a grain: its idempotency key, its number in the request and its bytes.</summary>
[GenerateSerializer]
[Alias("CustomerAgent.Live.LineInput")]
public sealed class LineInput
{
    /// <summary>The line's idempotency key: the request's key and the line's number (<c>KEY#N</c>); a key seen before is answered from the record, never applied again.</summary>
    [Id(0)]
    public required string Key { get; init; }

    /// <summary>The line's 1-based number in its request (reasons that cite a line use it).</summary>
    [Id(1)]
    public required long Number { get; init; }

    /// <summary>The line's UTF-8 bytes, without its terminator.</summary>
    [Id(2)]
    public required byte[] Bytes { get; init; }
}

/// <summary>What became of one line: accepted, rejected with the reader's reason, or skipped (blank or comment).</summary>
[GenerateSerializer]
[Alias("CustomerAgent.Live.LineResult")]
public sealed class LineResult
{
    /// <summary><c>accepted</c>, <c>rejected</c> or <c>skipped</c>.</summary>
    [Id(0)]
    public required string Status { get; init; }

    /// <summary>The reader's reason when rejected; else null.</summary>
    [Id(1)]
    public string? Reason { get; init; }

    /// <summary>Whether this answer comes from the record of an earlier request with the same key (the line was not applied again).</summary>
    [Id(2)]
    public bool Replayed { get; init; }

    /// <summary>The first 8 bytes of the SHA-256 of the line the key was first used for (0 in answers): a key used again for other bytes is refused.</summary>
    [Id(3)]
    public long LineHash { get; init; }
}

/// <summary>An agent switch (R12), as an account grain hands its timeline to a conversation grain.</summary>
[GenerateSerializer]
[Alias("CustomerAgent.Live.SwitchChange")]
public sealed class SwitchChange
{
    /// <summary>The channel (<see cref="Conversations.Channel"/> as a number).</summary>
    [Id(0)]
    public required int Channel { get; init; }

    /// <summary>The instant, in Unix nanoseconds.</summary>
    [Id(1)]
    public required long AtNanoseconds { get; init; }

    /// <summary>Whether the agent was switched on.</summary>
    [Id(2)]
    public required bool Enabled { get; init; }
}

/// <summary>A metric event waiting in a conversation's outbox: its unique ID (the vendor dedupes on it) and its Create Event body.</summary>
[GenerateSerializer]
[Alias("CustomerAgent.Live.OutboxEntry")]
public sealed class OutboxEntry
{
    /// <summary>The event's <c>unique_id</c> (D4: deterministic).</summary>
    [Id(0)]
    public required string UniqueId { get; init; }

    /// <summary>The vendor's Create Event request body (<c>CustomerAgentJson.Serialize</c>).</summary>
    [Id(1)]
    public required string Body { get; init; }
}

/// <summary>A stored line: its number and bytes (a conversation's accepted lines, replayed into a feed on activation).</summary>
[GenerateSerializer]
[Immutable]
[Alias("CustomerAgent.Live.StoredLine")]
public sealed class StoredLine
{
    /// <summary>The line's number in its request.</summary>
    [Id(0)]
    public required long Number { get; init; }

    /// <summary>The line's bytes.</summary>
    [Id(1)]
    public required byte[] Bytes { get; init; }
}

/// <summary>What a conversation grain holds, for tests and operators.</summary>
[GenerateSerializer]
[Alias("CustomerAgent.Live.ConversationSnapshot")]
public sealed class ConversationSnapshot
{
    /// <summary>The number of lines applied (accepted).</summary>
    [Id(0)]
    public required int AcceptedLines { get; init; }

    /// <summary>The unique IDs of every event put in the outbox so far (delivered or not), in order.</summary>
    [Id(1)]
    public required IReadOnlyList<string> Emitted { get; init; }

    /// <summary>The events still waiting in the outbox.</summary>
    [Id(2)]
    public required int Pending { get; init; }

    /// <summary>The status now (<c>open</c>, <c>resolved-by-ai</c>…), or null when the conversation never opened.</summary>
    [Id(3)]
    public string? Status { get; init; }

    /// <summary>The silo the grain is active on (Orleans' runtime identity): how the conversations are spread over the cluster.</summary>
    [Id(4)]
    public string? Silo { get; init; }
}
