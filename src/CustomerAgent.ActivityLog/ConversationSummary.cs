using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.ActivityLog;

/// <summary>
/// What the reader keeps of one conversation (the facts reports need, no texts): a snapshot made on demand from the lean state.
/// Immutable and thread-safe.
/// </summary>
public sealed class ConversationSummary
{
    internal ConversationSummary(ConversationId id, AccountId accountId, ConversationFacts facts, Profile profile, long openingLineNumber, long openingLineOffset)
    {
        Profile = profile;
        Id = id;
        AccountId = accountId;
        Facts = facts;
        OpeningLineNumber = openingLineNumber;
        OpeningLineOffset = openingLineOffset;
    }

    /// <summary>The shopper's profile from the opening line (validated and normalized, R11).</summary>
    public Profile Profile { get; }

    /// <summary>The conversation's facts (the core's one representation, built by the same rules as the aggregate's).</summary>
    public ConversationFacts Facts { get; }

    /// <summary>The conversation ID.</summary>
    public ConversationId Id { get; }

    /// <summary>The account.</summary>
    public AccountId AccountId { get; }

    /// <summary>The channel.</summary>
    public Channel Channel => Facts.Channel;

    /// <summary>Live or preview (R20).</summary>
    public ConversationMode Mode => Facts.Mode;

    /// <summary>When the opening shopper message was sent (R6).</summary>
    public Instant StartedAt => Facts.StartedAt;

    /// <summary>When the last message was sent (R18 "last updated").</summary>
    public Instant LastMessageAt => Facts.LastMessageAt;

    /// <summary>Who wrote the last message (R2 a).</summary>
    public MessageAuthor LastMessageAuthor => Facts.LastMessageAuthor;

    /// <summary>Messages exchanged (R18).</summary>
    public int MessageCount => Facts.MessageCount;

    /// <summary>The effective handoff's instant (R3, R4), or null.</summary>
    public Instant? HandoffAt => Facts.Handoff?.At;

    /// <summary>The explicit close's instant, or null.</summary>
    public Instant? ClosedAt => Facts.ExplicitClose?.At;

    /// <summary>The distinct tags in order of first application (R10).</summary>
    public IReadOnlyList<string> Tags => Facts.Tags;

    /// <summary>The skill of the agent's first message, or null (R10).</summary>
    public string? InitialSkill => Facts.InitialSkill;

    /// <summary>The skill of the agent's latest message, or null (R10).</summary>
    public string? FinalSkill => Facts.FinalSkill;

    /// <summary>The instant of every agent message that carried products (R9), in order.</summary>
    public IReadOnlyList<Instant> Recommendations => Facts.Recommendations.Select(r => r.At).ToArray();

    /// <summary>The 1-based line number of the opening line.</summary>
    public long OpeningLineNumber { get; }

    /// <summary>The byte offset of the opening line in the stream (to read its text and profile again from a file).</summary>
    public long OpeningLineOffset { get; }

    /// <inheritdoc/>
    public override string ToString() => $"ConversationSummary({AccountId}:{Id}, {Channel}, {Mode}, {MessageCount} messages)";
}
