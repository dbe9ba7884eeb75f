using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Dashboard;

/// <summary>
/// The dashboard's counts, in one shape whichever path computed them: the per-conversation report (<see cref="DashboardReport"/>,
/// from <see cref="DashboardAccumulator"/>) and the bulk path (<c>BulkDashboardCounts</c>, from <c>BulkDashboard</c>). For the
/// same conversations, period and instant both give the same KPIs and the same count in every cell.
/// </summary>
/// <remarks>
/// A cell is one local day of the period × channel × status (R14: the chart's bars split by channel and by status; R1: statuses
/// as of <see cref="AsOf"/>). Only the cohort is counted (R20, R12, <c>ConversationCohort</c>): live conversations of the
/// period's account initiated in the period, not after <see cref="AsOf"/>.
/// </remarks>
public interface IDashboardCounts
{
    /// <summary>The period (account, zone, days).</summary>
    ReportingPeriod Period { get; }

    /// <summary>The instant statuses are as of.</summary>
    Instant AsOf { get; }

    /// <summary>The four KPIs (R15) over the whole period; <see cref="DashboardKpis.AiGeneratedSales"/> is null when sales were not attributed (the bulk path never attributes).</summary>
    DashboardKpis Kpis { get; }

    /// <summary>The conversations initiated on day <paramref name="day"/> on <paramref name="channel"/> with <paramref name="status"/> as of <see cref="AsOf"/>.</summary>
    /// <param name="day">0 to <see cref="ReportingPeriod.DayCount"/> − 1.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="status">The status.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The day is outside the period.</exception>
    /// <exception cref="CustomerAgentException">The channel (R14) or the status (R1) is undefined.</exception>
    long this[int day, Channel channel, ConversationStatus status] { get; }
}

/// <summary>The one layout of the dashboard's counts (day × channel × status, in that order), shared by both paths.</summary>
internal static class DashboardCells
{
    internal const int Channels = 4;
    internal const int Statuses = 4;
    internal const int PerDay = Channels * Statuses;

    /// <summary>The index of a cell, its arguments checked.</summary>
    internal static int IndexOf(ReportingPeriod period, int day, Channel channel, ConversationStatus status)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(day);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(day, period.DayCount);
        return (day * PerDay) + ((int)Preconditions.CheckDefined(channel, "channel", "R14") * Statuses) + (int)Preconditions.CheckDefined(status, "status", "R1");
    }

    /// <summary>The KPIs of the cells' status totals (cells in this layout: whole days, or one channel's four statuses).</summary>
    internal static DashboardKpis Kpis(ReadOnlySpan<long> cells, Attribution.MoneyTotals? sales)
    {
        Span<long> byStatus = stackalloc long[Statuses];
        for (var i = 0; i < cells.Length; i++)
        {
            byStatus[i % Statuses] += cells[i];
        }

        return new(byStatus[(int)ConversationStatus.Open], byStatus[(int)ConversationStatus.ResolvedByAi], byStatus[(int)ConversationStatus.NotResolvedByAi], byStatus[(int)ConversationStatus.Closed], sales);
    }

    /// <summary>The volume and status counts (and rates) of one channel over the whole period, read cell by cell (no sales).</summary>
    internal static DashboardKpis ChannelKpis(IDashboardCounts counts, Channel channel)
    {
        Span<long> byStatus = stackalloc long[Statuses];
        for (var d = 0; d < counts.Period.DayCount; d++)
        {
            for (var s = 0; s < Statuses; s++)
            {
                byStatus[s] += counts[d, channel, (ConversationStatus)s];
            }
        }

        return Kpis(byStatus, null);
    }

    /// <summary>The conversations with <paramref name="status"/> over the whole period and every channel.</summary>
    internal static long StatusVolume(IDashboardCounts counts, ConversationStatus status)
    {
        var volume = 0L;
        for (var d = 0; d < counts.Period.DayCount; d++)
        {
            for (var c = 0; c < Channels; c++)
            {
                volume += counts[d, (Channel)c, status];
            }
        }

        return volume;
    }
}
