using System.Collections.ObjectModel;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Dashboard;

/// <summary>
/// One bar of the chart (R14): the conversations initiated on one local day of the period, split by channel, by status (as
/// of the report's instant) and by tag. By channel and by status the splits sum to <see cref="Total"/>; a conversation with
/// several tags counts once under each, and one with none under <see cref="Untagged"/>.
/// </summary>
/// <remarks>Immutable and thread-safe; built by <see cref="DashboardAccumulator"/>.</remarks>
public sealed class DailyBar
{
    internal DailyBar(LocalDate date, Interval interval, long[] byChannel, long[] byStatus, SortedDictionary<string, long> byTag, long untagged)
    {
        Date = date;
        Interval = interval;
        ByChannel = new ReadOnlyDictionary<Channel, long>(Enum.GetValues<Channel>().ToDictionary(c => c, c => byChannel[(int)c]));
        ByStatus = new ReadOnlyDictionary<ConversationStatus, long>(Enum.GetValues<ConversationStatus>().ToDictionary(s => s, s => byStatus[(int)s]));
        ByTag = new ReadOnlyDictionary<string, long>(byTag);
        Untagged = untagged;
        Total = byChannel.Sum();
    }

    /// <summary>The local date.</summary>
    public LocalDate Date { get; }

    /// <summary>The instants of the day inside the period (23 or 25 hours across a daylight-saving change).</summary>
    public Interval Interval { get; }

    /// <summary>Conversations initiated that day.</summary>
    public long Total { get; }

    /// <summary>Per channel, every channel present (zeros included); sums to <see cref="Total"/>.</summary>
    public IReadOnlyDictionary<Channel, long> ByChannel { get; }

    /// <summary>Per status as of the report's instant, every status present; sums to <see cref="Total"/>.</summary>
    public IReadOnlyDictionary<ConversationStatus, long> ByStatus { get; }

    /// <summary>Per tag (only tags with a count), in ordinal order. A conversation with several tags counts under each.</summary>
    public IReadOnlyDictionary<string, long> ByTag { get; }

    /// <summary>Conversations with no tag: the chart's explicit "untagged" bar segment.</summary>
    public long Untagged { get; }

    /// <inheritdoc/>
    public override string ToString() => $"DailyBar({Date:uuuu-MM-dd}: {Total})";
}
