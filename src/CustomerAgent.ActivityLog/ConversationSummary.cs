using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.ActivityLog;

/// <summary>
/// What the reader keeps of one conversation (the facts reports need, no texts): a snapshot made on demand from the lean state.
/// Immutable and thread-safe.
/// </summary>
public sealed class ConversationSummary
{
    internal ConversationSummary(ConversationId id, AccountId accountId, Channel channel, ConversationMode mode, Instant startedAt, Instant lastMessageAt, MessageAuthor lastMessageAuthor, int messageCount, Instant? handoffAt, Instant? closedAt, IReadOnlyList<string> tags, string? initialSkill, string? finalSkill, IReadOnlyList<Instant> recommendations, long openingLineNumber, long openingLineOffset)
    {
        Id = id;
        AccountId = accountId;
        Channel = channel;
        Mode = mode;
        StartedAt = startedAt;
        LastMessageAt = lastMessageAt;
        LastMessageAuthor = lastMessageAuthor;
        MessageCount = messageCount;
        HandoffAt = handoffAt;
        ClosedAt = closedAt;
        Tags = tags;
        InitialSkill = initialSkill;
        FinalSkill = finalSkill;
        Recommendations = recommendations;
        OpeningLineNumber = openingLineNumber;
        OpeningLineOffset = openingLineOffset;
    }

    /// <summary>The conversation ID.</summary>
    public ConversationId Id { get; }

    /// <summary>The account.</summary>
    public AccountId AccountId { get; }

    /// <summary>The channel.</summary>
    public Channel Channel { get; }

    /// <summary>Live or preview (R20).</summary>
    public ConversationMode Mode { get; }

    /// <summary>When the opening shopper message was sent (R6).</summary>
    public Instant StartedAt { get; }

    /// <summary>When the last message was sent (R18 "last updated").</summary>
    public Instant LastMessageAt { get; }

    /// <summary>Who wrote the last message (R2 a).</summary>
    public MessageAuthor LastMessageAuthor { get; }

    /// <summary>Messages exchanged (R18).</summary>
    public int MessageCount { get; }

    /// <summary>The effective handoff's instant (R3, R4), or null.</summary>
    public Instant? HandoffAt { get; }

    /// <summary>The explicit close's instant, or null.</summary>
    public Instant? ClosedAt { get; }

    /// <summary>The distinct tags in order of first application (R10).</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>The skill of the agent's first message, or null (R10).</summary>
    public string? InitialSkill { get; }

    /// <summary>The skill of the agent's latest message, or null (R10).</summary>
    public string? FinalSkill { get; }

    /// <summary>The instant of every agent message that carried products (R9), in order.</summary>
    public IReadOnlyList<Instant> Recommendations { get; }

    /// <summary>The 1-based line number of the opening line.</summary>
    public long OpeningLineNumber { get; }

    /// <summary>The byte offset of the opening line in the stream (to read its text and profile again from a file).</summary>
    public long OpeningLineOffset { get; }

    /// <inheritdoc/>
    public override string ToString() => $"ConversationSummary({AccountId}:{Id}, {Channel}, {Mode}, {MessageCount} messages)";
}
