using CustomerAgent.Classification;
using CustomerAgent.Conversations;

namespace CustomerAgent.Bulk;

/// <summary>How many conversations have each status (R1, D3): the dashboard's volume and rates in one value.</summary>
/// <remarks>
/// An immutable value built only by <see cref="BulkStatusClassifier"/>, so the counts are never negative and always belong to
/// one account. Partial counts of disjoint rows of the same account merge with <see cref="op_Addition"/>;
/// <c>default(StatusCounts)</c> (no account, all zero) is the identity. Adding two accounts' counts is rejected.
/// </remarks>
public readonly struct StatusCounts : IEquatable<StatusCounts>
{
    internal StatusCounts(long open, long resolvedByAi, long notResolvedByAi, long closed, AccountId accountId = default)
    {
        Open = open;
        ResolvedByAi = resolvedByAi;
        NotResolvedByAi = notResolvedByAi;
        Closed = closed;
        AccountId = accountId;
    }

    /// <summary>The account the counted conversations belong to; <c>default</c> only for <c>default(StatusCounts)</c>.</summary>
    public AccountId AccountId { get; }

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
    /// <exception cref="CustomerAgentException"><paramref name="status"/> is not a defined status (R1).</exception>
    public long this[ConversationStatus status] => Preconditions.CheckDefined(status, "status", "R1") switch
    {
        ConversationStatus.Open => Open,
        ConversationStatus.ResolvedByAi => ResolvedByAi,
        ConversationStatus.NotResolvedByAi => NotResolvedByAi,
        _ => Closed,
    };

    /// <summary>Merges the counts of two disjoint sets of one account's conversations.</summary>
    /// <exception cref="CustomerAgentException">The counts belong to two different accounts.</exception>
    public static StatusCounts operator +(StatusCounts left, StatusCounts right) =>
        new(left.Open + right.Open, left.ResolvedByAi + right.ResolvedByAi, left.NotResolvedByAi + right.NotResolvedByAi, left.Closed + right.Closed,
            AccountMerge.Of(left.AccountId, right.AccountId, nameof(StatusCounts)));

    /// <summary>Merges the counts of two disjoint sets of one account's conversations (same as <see cref="op_Addition"/>).</summary>
    /// <exception cref="CustomerAgentException">The counts belong to two different accounts.</exception>
    public static StatusCounts Add(StatusCounts left, StatusCounts right) => left + right;

    /// <summary>Equality of all four counts.</summary>
    public static bool operator ==(StatusCounts left, StatusCounts right) => left.Equals(right);

    /// <summary>Inequality of any count.</summary>
    public static bool operator !=(StatusCounts left, StatusCounts right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(StatusCounts other) =>
        Open == other.Open && ResolvedByAi == other.ResolvedByAi && NotResolvedByAi == other.NotResolvedByAi && Closed == other.Closed && AccountId == other.AccountId;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is StatusCounts other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Open, ResolvedByAi, NotResolvedByAi, Closed, AccountId);

    /// <inheritdoc/>
    public override string ToString() =>
        FormattableString.Invariant($"StatusCounts(account: {AccountId}, open: {Open}, resolvedByAi: {ResolvedByAi}, notResolvedByAi: {NotResolvedByAi}, closed: {Closed})");
}
