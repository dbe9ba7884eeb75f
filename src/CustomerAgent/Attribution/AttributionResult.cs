namespace CustomerAgent.Attribution;

/// <summary>
/// What a calculator credited to the Customer Agent: the attributed orders, their revenue per currency (AI-generated
/// sales, R15.4) and, for comparison, the revenue of every order considered, per currency. Amounts in different
/// currencies are never added together (D5).
/// </summary>
/// <remarks>Immutable and thread-safe. <see cref="Orders"/> is sorted by placement instant, then account, then order ID (ordinal), whatever the input order.</remarks>
public sealed class AttributionResult
{
    internal AttributionResult(AttributedOrder[] orders, int orderCount, MoneyTotals totalRevenue)
    {
        Orders = orders;
        OrderCount = orderCount;
        TotalRevenue = totalRevenue;
        // a sum past the decimal range is reported for its currency (Overflowed), never fails the whole result
        AttributedRevenue = MoneyTotals.Builder.Tolerant(orders.Select(o => o.Amount));
    }

    /// <summary>The attributed orders, each at most once.</summary>
    public IReadOnlyList<AttributedOrder> Orders { get; }

    /// <summary>AI-generated sales: the sum of the attributed orders' totals, per currency (a currency whose sum runs past the decimal range is in <see cref="MoneyTotals.Overflowed"/>).</summary>
    public MoneyTotals AttributedRevenue { get; }

    /// <summary>How many orders were considered (attributed or not).</summary>
    public int OrderCount { get; }

    /// <summary>The revenue of every order considered, per currency (a currency whose sum runs past the decimal range is in <see cref="MoneyTotals.Overflowed"/>).</summary>
    public MoneyTotals TotalRevenue { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Orders.Count} of {OrderCount} orders attributed: {AttributedRevenue} of {TotalRevenue}";
}
