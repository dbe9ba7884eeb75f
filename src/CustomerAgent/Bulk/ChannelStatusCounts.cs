using System.Runtime.CompilerServices;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;

namespace CustomerAgent.Bulk;

/// <summary>How many conversations have each status on each channel (R14: the chart grouped by channel and status).</summary>
/// <remarks>
/// An immutable value of 16 counts (4 channels × 4 statuses) of one account, built only by <see cref="BulkStatusClassifier"/>;
/// partial counts of disjoint rows of the same account merge with <see cref="op_Addition"/> (<c>default</c> is the identity;
/// two accounts are rejected).
/// </remarks>
public readonly struct ChannelStatusCounts : IEquatable<ChannelStatusCounts>
{
    internal const int ChannelCount = 4;
    internal const int StatusCount = 4;

    private readonly Cells _cells;

    internal ChannelStatusCounts(in Cells cells, AccountId accountId = default)
    {
        _cells = cells;
        AccountId = accountId;
    }

    /// <summary>The account the counted conversations belong to; <c>default</c> only for <c>default(ChannelStatusCounts)</c>.</summary>
    public AccountId AccountId { get; }

    /// <summary>The count of conversations on <paramref name="channel"/> with <paramref name="status"/>.</summary>
    /// <exception cref="CustomerAgentException">The channel or the status is not defined (R14, R1).</exception>
    public long this[Channel channel, ConversationStatus status] =>
        _cells[Index((int)Preconditions.CheckDefined(channel, "channel", "R14"), (int)Preconditions.CheckDefined(status, "status", "R1"))];

    /// <summary>The status counts of one channel.</summary>
    /// <exception cref="CustomerAgentException">The channel is not defined (R14).</exception>
    public StatusCounts ForChannel(Channel channel) =>
        new(this[channel, ConversationStatus.Open], this[channel, ConversationStatus.ResolvedByAi], this[channel, ConversationStatus.NotResolvedByAi], this[channel, ConversationStatus.Closed], AccountId);

    /// <summary>The status counts over every channel.</summary>
    public StatusCounts Total
    {
        get
        {
            var total = new StatusCounts(0, 0, 0, 0, AccountId);
            for (var c = 0; c < ChannelCount; c++)
            {
                total += ForChannel((Channel)c);
            }

            return total;
        }
    }

    /// <summary>Merges the counts of two disjoint sets of one account's conversations.</summary>
    /// <exception cref="CustomerAgentException">The counts belong to two different accounts.</exception>
    public static ChannelStatusCounts operator +(ChannelStatusCounts left, ChannelStatusCounts right)
    {
        var sum = default(Cells);
        for (var i = 0; i < ChannelCount * StatusCount; i++)
        {
            sum[i] = left._cells[i] + right._cells[i];
        }

        return new ChannelStatusCounts(sum, AccountMerge.Of(left.AccountId, right.AccountId, nameof(ChannelStatusCounts)));
    }

    /// <summary>Merges the counts of two disjoint sets of one account's conversations (same as <see cref="op_Addition"/>).</summary>
    /// <exception cref="CustomerAgentException">The counts belong to two different accounts.</exception>
    public static ChannelStatusCounts Add(ChannelStatusCounts left, ChannelStatusCounts right) => left + right;

    /// <summary>Equality of all 16 counts.</summary>
    public static bool operator ==(ChannelStatusCounts left, ChannelStatusCounts right) => left.Equals(right);

    /// <summary>Inequality of any count.</summary>
    public static bool operator !=(ChannelStatusCounts left, ChannelStatusCounts right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(ChannelStatusCounts other)
    {
        if (AccountId != other.AccountId)
        {
            return false;
        }

        for (var i = 0; i < ChannelCount * StatusCount; i++)
        {
            if (_cells[i] != other._cells[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ChannelStatusCounts other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        // Stryker disable once Statement : equal counts of two accounts may share a hash; Equals still tells them apart
        hash.Add(AccountId);
        for (var i = 0; i < ChannelCount * StatusCount; i++)
        {
            hash.Add(_cells[i]);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var parts = new string[ChannelCount];
        for (var c = 0; c < ChannelCount; c++)
        {
            var s = ForChannel((Channel)c);
            parts[c] = FormattableString.Invariant($"{(Channel)c}: {s.Open}/{s.ResolvedByAi}/{s.NotResolvedByAi}/{s.Closed}");
        }

        return $"ChannelStatusCounts(account: {AccountId}; open/resolvedByAi/notResolvedByAi/closed; " + string.Join(", ", parts) + ")";
    }

    /// <summary>The same counts, tagged with the account they belong to.</summary>
    internal ChannelStatusCounts WithAccount(AccountId accountId) => new(_cells, accountId);

    /// <summary>The count in cell <paramref name="index"/> (<see cref="Index"/>), unchecked.</summary>
    internal long Cell(int index) => _cells[index];

    internal static int Index(int channel, int status) => (channel * StatusCount) + status;

    /// <summary>The 16 counts, channel-major.</summary>
    [InlineArray(ChannelCount * StatusCount)]
    internal struct Cells
    {
        private long _element0;
    }
}
