using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Dashboard;

/// <summary>The overview dashboard of seed 000 for one account and period, as of an instant: the four KPIs (R15), one bar per local day (R14) and the skill volumes.</summary>
/// <remarks>Immutable and thread-safe; built by <see cref="DashboardAccumulator.ToReport"/>. Its counts read like the bulk path's (<see cref="IDashboardCounts"/>).</remarks>
public sealed class DashboardReport : IDashboardCounts
{
    private readonly long[] _cells;

    /// <summary>A report whose KPIs, overall and per channel, are the sums of <paramref name="cells"/> (day × channel × status, <see cref="DashboardCells"/>).</summary>
    /// <param name="period">The period.</param>
    /// <param name="asOf">The instant statuses are as of.</param>
    /// <param name="sales">The period's AI-generated sales, or null when not computed.</param>
    /// <param name="days">One bar per local day, made from the same cells.</param>
    /// <param name="skills">The skill volumes.</param>
    /// <param name="cells">The counts.</param>
    internal DashboardReport(ReportingPeriod period, Instant asOf, Attribution.MoneyTotals? sales, IReadOnlyList<DailyBar> days, IReadOnlyList<SkillVolume> skills, long[] cells)
    {
        _cells = cells;
        Period = period;
        AsOf = asOf;
        Kpis = DashboardCells.Kpis(cells, sales);
        KpisByChannel = Enum.GetValues<Channel>().ToDictionary(c => c, c => DashboardCells.ChannelKpis(this, c)).AsReadOnly();
        Days = days;
        SkillVolumes = skills;
    }

    /// <summary>The period (account, zone, days).</summary>
    public ReportingPeriod Period { get; }

    /// <summary>The instant statuses are as of ("now").</summary>
    public Instant AsOf { get; }

    /// <summary>The four KPIs.</summary>
    public DashboardKpis Kpis { get; }

    /// <summary>The volume and status counts (and rates) of the cohort on each channel, every channel present; they sum to <see cref="Kpis"/> (sales are not split by channel: null here).</summary>
    public IReadOnlyDictionary<Channel, DashboardKpis> KpisByChannel { get; }

    /// <summary>One bar per local day of the period, in date order, days with no conversation included (R14).</summary>
    public IReadOnlyList<DailyBar> Days { get; }

    /// <summary>Skill volumes counted per invocation, sorted by skill (ordinal).</summary>
    public IReadOnlyList<SkillVolume> SkillVolumes { get; }

    /// <inheritdoc/>
    public long this[int day, Channel channel, ConversationStatus status] => _cells[DashboardCells.IndexOf(Period, day, channel, status)];

    /// <inheritdoc/>
    public override string ToString() => $"DashboardReport({Period}, as of {Preconditions.Format(AsOf)}: volume {Kpis.Volume})";
}
