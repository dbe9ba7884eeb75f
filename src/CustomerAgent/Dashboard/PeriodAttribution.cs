using CustomerAgent.Attribution;
using NodaTime;

namespace CustomerAgent.Dashboard;

/// <summary>AI-generated sales of a reporting period (R15 4) on any <see cref="IAttributionCalculator"/>.</summary>
public static class PeriodAttribution
{
    /// <summary>
    /// Attributes the orders of the period's account placed in [<see cref="ReportingPeriod.Start"/>, <see cref="ReportingPeriod.End"/>)
    /// and at or before <paramref name="asOf"/> (D1: a report never sees later facts), each by the settings the calculator holds
    /// for its placement. Clicks and touches before the period still earn orders inside it.
    /// </summary>
    /// <param name="calculator">The calculator (with the account's settings history).</param>
    /// <param name="orders">The account's orders (those outside the period or after <paramref name="asOf"/> are ignored).</param>
    /// <param name="evidence">The clicks, touches and recommendations (built inside the cohort: <see cref="AttributionEvidence.FromConversations"/>).</param>
    /// <param name="period">The reporting period, which names the account.</param>
    /// <param name="asOf">The instant the report is as of.</param>
    /// <returns>The attribution of the period's orders placed by <paramref name="asOf"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="orders"/> holds a null order.</exception>
    /// <exception cref="CustomerAgentException">An order belongs to another account (R15), <paramref name="asOf"/> is outside the supported range (H6), or an order ID repeats (D5).</exception>
    public static AttributionResult AttributeBetween(this IAttributionCalculator calculator, IEnumerable<Order> orders, AttributionEvidence evidence, ReportingPeriod period, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(calculator);
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(period);
        Preconditions.CheckInstant(asOf, "asOf");
        var kept = new List<Order>();
        var i = 0;
        foreach (var order in orders)
        {
            if (order is null)
            {
                throw new ArgumentException($"orders[{i}] is null", nameof(orders));
            }

            if (order.AccountId != period.AccountId)
            {
                throw new CustomerAgentException("R15", $"orders[{i}].accountId", order.AccountId.Value, $"is not the period's account {Preconditions.Echo(period.AccountId.Value)} (order {Preconditions.Echo(order.Id)}); one account's sales never count in another's");
            }

            if (period.Contains(order.PlacedAt) && order.PlacedAt <= asOf)
            {
                kept.Add(order);
            }

            i++;
        }

        return calculator.Attribute(kept, evidence);
    }
}
