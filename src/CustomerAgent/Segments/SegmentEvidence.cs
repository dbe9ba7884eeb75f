using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Segments;

/// <summary>One event or order that a condition counted or started its timeframe at.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class EvidenceItem : IEquatable<EvidenceItem>
{
    internal EvidenceItem(SegmentMetric metric, Instant at, string id, ConversationId? conversationId)
    {
        Metric = metric;
        At = at;
        Id = id;
        ConversationId = conversationId;
    }

    /// <summary>The metric: one of the four Customer Agent metrics, or <see cref="SegmentMetric.PlacedOrder"/>.</summary>
    public SegmentMetric Metric { get; }

    /// <summary>When the event happened or the order was placed.</summary>
    public Instant At { get; }

    /// <summary>The event's unique ID (D4), or the order's ID.</summary>
    public string Id { get; }

    /// <summary>The event's conversation; null for an order.</summary>
    public ConversationId? ConversationId { get; }

    /// <inheritdoc/>
    public bool Equals(EvidenceItem? other) =>
        other is not null && Metric == other.Metric && At == other.At && string.Equals(Id, other.Id, StringComparison.Ordinal) && ConversationId == other.ConversationId;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as EvidenceItem);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Metric, At, Id);

    /// <summary>The metric, instant and ID.</summary>
    public override string ToString() => $"{Metric.ToMetricName()} at {Preconditions.Format(At)} ({Id})";
}

/// <summary>
/// Why a <see cref="SegmentConditionKind.HasDone"/> condition holds for a profile: the window it counted in (both ends
/// inclusive), the events or orders it counted there (none for "zero times") and, for a timeframe since another metric,
/// the event that started it.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ConditionEvidence
{
    private readonly EvidenceItem[] _counted;

    internal ConditionEvidence(SegmentCondition condition, Instant windowStart, Instant windowEnd, EvidenceItem[] counted, EvidenceItem? anchor)
    {
        Condition = condition;
        WindowStart = windowStart;
        WindowEnd = windowEnd;
        _counted = counted;
        Anchor = anchor;
    }

    /// <summary>The condition (a <see cref="SegmentConditionKind.HasDone"/> leaf).</summary>
    public SegmentCondition Condition { get; }

    /// <summary>The first instant counted.</summary>
    public Instant WindowStart { get; }

    /// <summary>The last instant counted (inclusive; at most the as-of instant).</summary>
    public Instant WindowEnd { get; }

    /// <summary>The events or orders of the metric in the window, in chronological order.</summary>
    public IReadOnlyList<EvidenceItem> Counted => _counted;

    /// <summary>The event that started a <see cref="TimeframeKind.SinceLatest"/> window; null otherwise.</summary>
    public EvidenceItem? Anchor { get; }

    /// <summary>The condition and what it counted.</summary>
    public override string ToString() => $"{Condition}: {_counted.Length} in [{Preconditions.Format(WindowStart)}, {Preconditions.Format(WindowEnd)}]";
}
