using CustomerAgent.Classification;

namespace CustomerAgent.Bulk;

/// <summary>How many conversations have each status (R1, D3): the dashboard's volume and rates in one value.</summary>
/// <remarks>An immutable value; partial counts of disjoint rows merge with <see cref="op_Addition"/>.</remarks>
public readonly struct StatusCounts : IEquatable<StatusCounts>
{
    /// <summary>Creates counts.</summary>
    /// <param name="open">Conversations that are <see cref="ConversationStatus.Open"/>.</param>
    /// <param name="resolvedByAi">Conversations that are <see cref="ConversationStatus.ResolvedByAi"/>.</param>
    /// <param name="notResolvedByAi">Conversations that are <see cref="ConversationStatus.NotResolvedByAi"/>.</param>
    /// <param name="closed">Conversations that are <see cref="ConversationStatus.Closed"/>.</param>
    public StatusCounts(long open, long resolvedByAi, long notResolvedByAi, long closed)
    {
        Open = open;
        ResolvedByAi = resolvedByAi;
        NotResolvedByAi = notResolvedByAi;
        Closed = closed;
    }

    /// <summary>Conversations that are <see cref="ConversationStatus.Open"/>.</summary>
    public long Open { get; }

    /// <summary>Conversations that are <see cref="ConversationStatus.ResolvedByAi"/>.</summary>
    public long ResolvedByAi { get; }

    /// <summary>Conversations that are <see cref="ConversationStatus.NotResolvedByAi"/>.</summary>
    public long NotResolvedByAi { get; }

    /// <summary>Conversations that are <see cref="ConversationStatus.Closed"/>.</summary>
    public long Closed { get; }

    /// <summary>All conversations counted: the total volume (R15.1).</summary>
    public long Total => Open + ResolvedByAi + NotResolvedByAi + Closed;

    /// <summary>The count for one status.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is not a defined status.</exception>
    public long this[ConversationStatus status] => status switch
    {
        ConversationStatus.Open => Open,
        ConversationStatus.ResolvedByAi => ResolvedByAi,
        ConversationStatus.NotResolvedByAi => NotResolvedByAi,
        ConversationStatus.Closed => Closed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a defined ConversationStatus"),
    };

    /// <summary>Merges the counts of two disjoint sets of conversations.</summary>
    public static StatusCounts operator +(StatusCounts left, StatusCounts right) =>
        new(left.Open + right.Open, left.ResolvedByAi + right.ResolvedByAi, left.NotResolvedByAi + right.NotResolvedByAi, left.Closed + right.Closed);

    /// <summary>Merges the counts of two disjoint sets of conversations (same as <see cref="op_Addition"/>).</summary>
    public static StatusCounts Add(StatusCounts left, StatusCounts right) => left + right;

    /// <summary>Equality of all four counts.</summary>
    public static bool operator ==(StatusCounts left, StatusCounts right) => left.Equals(right);

    /// <summary>Inequality of any count.</summary>
    public static bool operator !=(StatusCounts left, StatusCounts right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(StatusCounts other) =>
        Open == other.Open && ResolvedByAi == other.ResolvedByAi && NotResolvedByAi == other.NotResolvedByAi && Closed == other.Closed;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is StatusCounts other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Open, ResolvedByAi, NotResolvedByAi, Closed);

    /// <inheritdoc/>
    public override string ToString() =>
        FormattableString.Invariant($"StatusCounts(open: {Open}, resolvedByAi: {ResolvedByAi}, notResolvedByAi: {NotResolvedByAi}, closed: {Closed})");
}
