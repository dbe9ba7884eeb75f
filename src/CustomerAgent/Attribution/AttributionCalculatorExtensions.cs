using NodaTime;

namespace CustomerAgent.Attribution;

/// <summary>Period queries on any <see cref="IAttributionCalculator"/>.</summary>
public static class AttributionCalculatorExtensions
{
    /// <summary>
    /// Attributes the orders placed in [<paramref name="start"/>, <paramref name="end"/>): start inclusive, end exclusive,
    /// as the vendor's reporting API takes explicit instants (R13). Clicks and touches before <paramref name="start"/> still
    /// earn orders inside the period.
    /// </summary>
    /// <param name="calculator">The calculator.</param>
    /// <param name="orders">The orders (those outside the period are ignored).</param>
    /// <param name="evidence">The clicks, touches and recommendations.</param>
    /// <param name="start">The first instant of the period.</param>
    /// <param name="end">The instant just after the period.</param>
    /// <returns>The attribution of the period's orders.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="CustomerAgentException">An instant is outside the supported range (H6) or <paramref name="end"/> is before <paramref name="start"/> (R13).</exception>
    public static AttributionResult AttributeBetween(this IAttributionCalculator calculator, IEnumerable<Order> orders, AttributionEvidence evidence, Instant start, Instant end)
    {
        ArgumentNullException.ThrowIfNull(calculator);
        ArgumentNullException.ThrowIfNull(orders);
        Preconditions.CheckInstant(start, "start");
        Preconditions.CheckInstant(end, "end");
        if (end < start)
        {
            throw new CustomerAgentException("R13", "end", Preconditions.Format(end), $"is before start {Preconditions.Format(start)}");
        }

        return calculator.Attribute(orders.Where(o => o is null || (o.PlacedAt >= start && o.PlacedAt < end)), evidence);
    }
}
