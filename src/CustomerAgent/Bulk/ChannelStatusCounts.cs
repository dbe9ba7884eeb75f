using System.Runtime.CompilerServices;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;

namespace CustomerAgent.Bulk;

/// <summary>How many conversations have each status on each channel (R14: the chart grouped by channel and status).</summary>
/// <remarks>An immutable value of 16 counts (4 channels × 4 statuses); partial counts of disjoint rows merge with <see cref="op_Addition"/>.</remarks>
public readonly struct ChannelStatusCounts : IEquatable<ChannelStatusCounts>
{
    internal const int ChannelCount = 4;
    internal const int StatusCount = 4;

    private readonly Cells _cells;

    internal ChannelStatusCounts(in Cells cells) => _cells = cells;

    /// <summary>The count of conversations on <paramref name="channel"/> with <paramref name="status"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The channel or the status is not defined.</exception>
    public long this[Channel channel, ConversationStatus status]
    {
        get
        {
            if ((uint)channel >= ChannelCount)
            {
                throw new ArgumentOutOfRangeException(nameof(channel), channel, "not a defined Channel");
            }

            if ((uint)status >= StatusCount)
            {
                throw new ArgumentOutOfRangeException(nameof(status), status, "not a defined ConversationStatus");
            }

            return _cells[Index((int)channel, (int)status)];
        }
    }

    /// <summary>The status counts of one channel.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The channel is not defined.</exception>
    public StatusCounts ForChannel(Channel channel) =>
        new(this[channel, ConversationStatus.Open], this[channel, ConversationStatus.ResolvedByAi], this[channel, ConversationStatus.NotResolvedByAi], this[channel, ConversationStatus.Closed]);

    /// <summary>The status counts over every channel.</summary>
    public StatusCounts Total
    {
        get
        {
            var total = default(StatusCounts);
            for (var c = 0; c < ChannelCount; c++)
            {
                total += ForChannel((Channel)c);
            }

            return total;
        }
    }

    /// <summary>Merges the counts of two disjoint sets of conversations.</summary>
    public static ChannelStatusCounts operator +(ChannelStatusCounts left, ChannelStatusCounts right)
    {
        var sum = default(Cells);
        for (var i = 0; i < ChannelCount * StatusCount; i++)
        {
            sum[i] = left._cells[i] + right._cells[i];
        }

        return new ChannelStatusCounts(sum);
    }

    /// <summary>Merges the counts of two disjoint sets of conversations (same as <see cref="op_Addition"/>).</summary>
    public static ChannelStatusCounts Add(ChannelStatusCounts left, ChannelStatusCounts right) => left + right;

    /// <summary>Equality of all 16 counts.</summary>
    public static bool operator ==(ChannelStatusCounts left, ChannelStatusCounts right) => left.Equals(right);

    /// <summary>Inequality of any count.</summary>
    public static bool operator !=(ChannelStatusCounts left, ChannelStatusCounts right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(ChannelStatusCounts other)
    {
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

        return "ChannelStatusCounts(open/resolvedByAi/notResolvedByAi/closed; " + string.Join(", ", parts) + ")";
    }

    internal static int Index(int channel, int status) => (channel * StatusCount) + status;

    /// <summary>The 16 counts, channel-major.</summary>
    [InlineArray(ChannelCount * StatusCount)]
    internal struct Cells
    {
        private long _element0;
    }
}
