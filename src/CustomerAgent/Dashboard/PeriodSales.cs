using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Dashboard;

/// <summary>
/// One account's AI-generated sales (R15 4) attributed once for every order, so that the sales of any period as of any instant
/// are a selection of orders, not a new attribution: for a host whose orders and evidence no longer change (a log read once).
/// </summary>
/// <remarks>
/// <para>
/// Why a selection is exact: an order's credit depends only on the order, the evidence and the settings in force when it
/// was placed (R16: the most recent click in the window before it; R17: the last touch whose window holds it; R15 4: the later
/// of the two; each by <see cref="AttributionSettingsHistory"/> at its placement), never on which other orders are attributed
/// with it, and its direct/assisted match only on what happened by its placement. So <see cref="Between"/> gives exactly what
/// <c>calculator.AttributeBetween(orders, evidence, period, asOf)</c> (<see cref="PeriodAttribution"/>) gives.
/// </para>
/// <para>Immutable once built; thread-safe.</para>
/// </remarks>
public sealed class PeriodSales
{
    private readonly Order[] _orders;
    private readonly AttributedOrder[] _attributed;

    private PeriodSales(AccountId accountId, Order[] orders, AttributedOrder[] attributed)
    {
        AccountId = accountId;
        _orders = orders;
        _attributed = attributed;
    }

    /// <summary>The account.</summary>
    public AccountId AccountId { get; }

    /// <summary>How many orders the account has (of every period).</summary>
    public int OrderCount => _orders.Length;

    /// <summary>Attributes every order of the account once.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="calculator">The calculator with the account's settings history (R16, R17).</param>
    /// <param name="orders">The account's orders.</param>
    /// <param name="evidence">The clicks, touches and recommendations of the conversations that count (R20, R12).</param>
    /// <returns>The sales.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="orders"/> holds a null order.</exception>
    /// <exception cref="CustomerAgentException">The account ID is default (ID), an order belongs to another account (R15), or an order ID repeats (D5).</exception>
    public static PeriodSales Create(AccountId accountId, AiGeneratedSalesCalculator calculator, IEnumerable<Order> orders, AttributionEvidence evidence)
    {
        AccountId.CheckSet(accountId);
        ArgumentNullException.ThrowIfNull(calculator);
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(evidence);
        var all = orders.ToArray();
        for (var i = 0; i < all.Length; i++)
        {
            var order = all[i] ?? throw new ArgumentException($"orders[{i}] is null", nameof(orders));
            if (order.AccountId != accountId)
            {
                throw new CustomerAgentException("R15", $"orders[{i}].accountId", order.AccountId.Value, $"is not the account {Preconditions.Echo(accountId.Value)} (order {Preconditions.Echo(order.Id)}); one account's sales never count in another's");
            }
        }

        var attributed = calculator.Attribute(all, evidence);
        return new PeriodSales(accountId, all, [.. attributed.Orders]);
    }

    /// <summary>
    /// The attribution of the account's orders placed in [<see cref="ReportingPeriod.Start"/>, <see cref="ReportingPeriod.End"/>)
    /// and at or before <paramref name="asOf"/> (D1), as <see cref="PeriodAttribution.AttributeBetween"/> gives it.
    /// </summary>
    /// <param name="period">The period; it names this account.</param>
    /// <param name="asOf">The instant the report is as of.</param>
    /// <returns>The attribution.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="period"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The period is another account's (R15), or <paramref name="asOf"/> is outside the supported range (H6).</exception>
    public AttributionResult Between(ReportingPeriod period, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(period);
        Preconditions.CheckInstant(asOf, "asOf");
        if (period.AccountId != AccountId)
        {
            throw new CustomerAgentException("R15", "period.accountId", period.AccountId.Value, $"is not the account {Preconditions.Echo(AccountId.Value)} of these sales; one account's sales never count in another's");
        }

        // the orders considered, in the order given (as the calculator adds their totals), and the credited ones among them
        var totals = new MoneyTotals.Builder(tolerateOverflow: true);
        var count = 0;
        foreach (var order in _orders)
        {
            if (Counts(order, period, asOf))
            {
                totals.Add(order.Total);
                count++;
            }
        }

        var attributed = Array.FindAll(_attributed, a => Counts(a.Order, period, asOf));
        return new AttributionResult(attributed, count, totals.Build());
    }

    /// <inheritdoc/>
    public override string ToString() => $"PeriodSales({AccountId}, {_attributed.Length} of {_orders.Length} orders attributed)";

    private static bool Counts(Order order, ReportingPeriod period, Instant asOf) => period.Contains(order.PlacedAt) && order.PlacedAt <= asOf;
}
