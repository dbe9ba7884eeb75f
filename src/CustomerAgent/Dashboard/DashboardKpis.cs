using CustomerAgent.Attribution;

namespace CustomerAgent.Dashboard;

/// <summary>
/// The four KPIs of the overview (R15) over one cohort: the live conversations initiated in the period (R20, R12), with
/// their status as of the report's instant. Both rates share the cohort's volume as denominator, so they never sum above 100 %.
/// </summary>
/// <remarks>Immutable and thread-safe; built by <see cref="DashboardAccumulator"/>.</remarks>
public sealed record DashboardKpis
{
    internal DashboardKpis(long open, long resolvedByAi, long notResolvedByAi, long closed, MoneyTotals? sales)
    {
        Open = open;
        ResolvedByAi = resolvedByAi;
        NotResolvedByAi = notResolvedByAi;
        Closed = closed;
        AiGeneratedSales = sales;
    }

    /// <summary>Total volume: conversations initiated in the period (R15 1).</summary>
    public long Volume => Open + ResolvedByAi + NotResolvedByAi + Closed;

    /// <summary>Conversations of the cohort still open (R5).</summary>
    public long Open { get; }

    /// <summary>Conversations of the cohort resolved by AI (R2).</summary>
    public long ResolvedByAi { get; }

    /// <summary>Conversations of the cohort not resolved by AI, handed off (R3, R4).</summary>
    public long NotResolvedByAi { get; }

    /// <summary>Conversations of the cohort closed with the shopper last and no handoff (D3): in the volume, in neither rate.</summary>
    public long Closed { get; }

    /// <summary>Resolved by AI rate (R15 2), or <see langword="null"/> when the volume is 0.</summary>
    public Rate? ResolvedByAiRate => Rate.Of(ResolvedByAi, Volume);

    /// <summary>Not resolved by AI rate (R15 3), or <see langword="null"/> when the volume is 0.</summary>
    public Rate? NotResolvedByAiRate => Rate.Of(NotResolvedByAi, Volume);

    /// <summary>AI-generated sales per currency (R15 4: the attributed revenue of the orders placed in the period, R16, R17, D5), or <see langword="null"/> when the host supplied no attribution result.</summary>
    public MoneyTotals? AiGeneratedSales { get; }
}
