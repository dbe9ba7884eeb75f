using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using NodaTime;

namespace CustomerAgent.Bulk;

/// <summary>
/// The dashboard's counts from the bulk path (<see cref="BulkDashboard"/>): for each local day of the period, the live
/// conversations initiated that day per channel × status as of the report's instant (R14), and the KPIs (R15). Equal to
/// what <see cref="DashboardAccumulator"/> counts for the same conversations (tags and skills are not in a batch).
/// </summary>
/// <remarks>
/// Immutable and thread-safe. <see cref="Merge"/> is associative and commutative; counts of an empty batch are its identity.
/// Its counts read like the per-conversation report's (<see cref="IDashboardCounts"/>).
/// </remarks>
public sealed class BulkDashboardCounts : IDashboardCounts
{
    internal const int CellsPerDay = DashboardCells.PerDay;

    private readonly long[] _cells;

    /// <param name="period">The period.</param>
    /// <param name="asOf">The instant.</param>
    /// <param name="cells">Day × channel × status counts; a trailing spare cell (rows outside the cohort) is ignored.</param>
    internal BulkDashboardCounts(ReportingPeriod period, Instant asOf, long[] cells)
    {
        Period = period;
        AsOf = asOf;
        _cells = cells;
    }

    /// <summary>The period (which names the account).</summary>
    public ReportingPeriod Period { get; }

    /// <summary>The account counted.</summary>
    public AccountId AccountId => Period.AccountId;

    /// <summary>The instant statuses are as of.</summary>
    public Instant AsOf { get; }

    /// <summary>The per channel × status counts of the whole period.</summary>
    public ChannelStatusCounts Total
    {
        get
        {
            var cells = default(ChannelStatusCounts.Cells);
            for (var i = 0; i < Period.DayCount * CellsPerDay; i++)
            {
                cells[i % CellsPerDay] += _cells[i];
            }

            return new ChannelStatusCounts(cells, AccountId);
        }
    }

    /// <summary>The four KPIs (R15) without sales: volume, status counts and rates.</summary>
    public DashboardKpis Kpis => DashboardCells.Kpis(_cells.AsSpan(0, Period.DayCount * CellsPerDay), null);

    /// <summary>The bar of day <paramref name="index"/> (R14): its conversations per channel × status; splits by channel and by status both sum to the day's total.</summary>
    /// <param name="index">0 to <see cref="ReportingPeriod.DayCount"/> − 1.</param>
    /// <returns>The day's counts.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the period.</exception>
    public ChannelStatusCounts Day(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Period.DayCount);
        var cells = default(ChannelStatusCounts.Cells);
        for (var i = 0; i < CellsPerDay; i++)
        {
            cells[i] = _cells[(index * CellsPerDay) + i];
        }

        return new ChannelStatusCounts(cells, AccountId);
    }

    /// <summary>These counts plus <paramref name="other"/>'s (two shards of one account's conversations).</summary>
    /// <param name="other">Counts of the same account, period and instant.</param>
    /// <returns>The merged counts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The counts differ in account (R15), period (R13) or instant (D1).</exception>
    public BulkDashboardCounts Merge(BulkDashboardCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.AccountId != AccountId)
        {
            throw new CustomerAgentException("R15", "other.accountId", other.AccountId.Value, $"is not this part's account {Preconditions.Echo(AccountId.Value)}; one account's data never counts in another's");
        }

        if (!other.Period.Equals(Period))
        {
            throw new CustomerAgentException("R13", "other.period", other.Period.ToString(), $"differs from this part's period {Period}");
        }

        if (other.AsOf != AsOf)
        {
            throw new CustomerAgentException("D1", "other.asOf", Preconditions.Format(other.AsOf), $"differs from this part's instant {Preconditions.Format(AsOf)}");
        }

        var cells = new long[Period.DayCount * CellsPerDay];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = _cells[i] + other._cells[i];
        }

        return new BulkDashboardCounts(Period, AsOf, cells);
    }

    /// <summary>The count of one cell.</summary>
    /// <param name="day">The day index.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="status">The status.</param>
    /// <returns>The conversations initiated that day on that channel with that status.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The day is outside the period.</exception>
    /// <exception cref="CustomerAgentException">The channel or status is undefined.</exception>
    public long this[int day, Channel channel, ConversationStatus status] => _cells[DashboardCells.IndexOf(Period, day, channel, status)];

    /// <inheritdoc/>
    public override string ToString() => $"BulkDashboardCounts({Period}, as of {Preconditions.Format(AsOf)}: volume {Kpis.Volume})";
}
