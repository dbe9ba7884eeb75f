using CustomerAgent.Attribution;
using CustomerAgent.Classification;
using CustomerAgent.Dashboard;
using NodaTime;
using static CustomerAgent.Tests.Attribution.AttributionData;
using static CustomerAgent.Tests.Attribution.CohortData;

namespace CustomerAgent.Tests.Attribution;

/// <summary>
/// Nothing placed after the as-of instant counts (D1): <c>AttributeBetween(orders, evidence, period, asOf)</c> keeps the period's
/// orders placed by <c>asOf</c> and rejects another account's order (R15); <see cref="DashboardAccumulator.ToReport"/> rejects a
/// credited order placed after its instant.
/// </summary>
public sealed class AttributionAsOfTests
{
    private static readonly AccountReportingSettings Utc = AccountReportingSettings.Create(Acct, "UTC");

    /// <summary>[H(0), H(24)).</summary>
    private static readonly ReportingPeriod Day = ReportingPeriod.ForInstants(Utc, H(0), H(24));

    /// <summary>A click at H(-2): its 24-hour window reaches every order from H(-2) to H(22).</summary>
    private static readonly AttributionEvidence Clicked = AttributionEvidence.Create(clicks: [Click(H(-2))]);

    private static Order[] Orders() =>
    [
        OrderAt(H(0) - Tick, "before-start"),
        OrderAt(H(0), "at-start", total: Eur(1m)),
        OrderAt(H(10), "at-as-of", total: Eur(10m)),
        OrderAt(H(10) + Tick, "just-after-as-of", total: Eur(100m)),
        OrderAt(H(24), "at-end"),
    ];

    [Fact]
    public void D1_AttributeBetween_a_period_as_of_an_instant_keeps_orders_placed_at_or_before_it_and_ignores_those_after()
    {
        var result = Calc.AttributeBetween(Orders(), Clicked, Day, H(10));

        Assert.Equal(["at-start", "at-as-of"], result.Orders.Select(o => o.Order.Id));
        Assert.Equal(2, result.OrderCount); // an order after the instant is not considered at all
        Assert.Equal(MoneyTotals.Sum([Eur(11m)]), result.AttributedRevenue);
        Assert.Equal(MoneyTotals.Sum([Eur(11m)]), result.TotalRevenue);

        // one nanosecond later the order is seen and credited (the click's window holds it): only the instant kept it out
        Assert.Equal(["at-start", "at-as-of", "just-after-as-of"], Calc.AttributeBetween(Orders(), Clicked, Day, H(10) + Tick).Orders.Select(o => o.Order.Id));
    }

    [Fact]
    public void D1_AttributeBetween_as_of_before_the_period_sees_no_order_and_after_it_sees_exactly_the_periods()
    {
        var before = Calc.AttributeBetween(Orders(), Clicked, Day, H(0) - Tick);
        var after = Calc.AttributeBetween(Orders(), Clicked, Day, H(100));

        Assert.Equal(0, before.OrderCount);
        Assert.Empty(before.Orders);
        Assert.Equal(["at-start", "at-as-of", "just-after-as-of"], after.Orders.Select(o => o.Order.Id));
        Assert.Equal(3, after.OrderCount);
    }

    [Fact]
    public void D1_every_calculator_applies_the_as_of_instant()
    {
        var touches = AttributionEvidence.Create(touches: [AgentSms(H(-2))]);
        IAttributionCalculator[] calculators = [new WebChatAttributionCalculator(), new SmsLastTouchAttributionCalculator(), Calc];

        foreach (var calculator in calculators)
        {
            var evidence = calculator is WebChatAttributionCalculator ? Clicked : touches;
            Assert.Equal(["at-start", "at-as-of"], calculator.AttributeBetween(Orders(), evidence, Day, H(10)).Orders.Select(o => o.Order.Id));
        }
    }

    [Fact]
    public void R15_AttributeBetween_a_period_rejects_an_order_of_another_account_wherever_it_was_placed()
    {
        Order[] inside = [OrderAt(H(1), "o-1"), OrderAt(H(2), "o-2", Ann(Other))];
        Order[] afterAsOf = [OrderAt(H(1), "o-1"), OrderAt(H(20), "o-2", Ann(Other))];
        Order[] outside = [OrderAt(H(30), "o-2", Ann(Other))];

        foreach (var orders in new[] { inside, afterAsOf, outside })
        {
            var ex = Assert.Throws<CustomerAgentException>(() => Calc.AttributeBetween(orders, Clicked, Day, H(10)));

            Assert.Equal("R15", ex.Rule);
            Assert.Equal(orders.Length == 1 ? "orders[0].accountId" : "orders[1].accountId", ex.Field);
            Assert.Equal("acct-2", ex.Value);
        }
    }

    [Fact]
    public void H6_AttributeBetween_a_period_rejects_an_unsupported_as_of_instant_and_null_arguments()
    {
        Assert.Equal(("H6", "asOf"), Rule(() => Calc.AttributeBetween(Orders(), Clicked, Day, Instant.FromUtc(2300, 1, 1, 0, 0))));
        Assert.Throws<ArgumentNullException>(() => Calc.AttributeBetween(Orders(), Clicked, (ReportingPeriod)null!, H(10)));
        Assert.Throws<ArgumentNullException>(() => Calc.AttributeBetween(null!, Clicked, Day, H(10)));
        Assert.Throws<ArgumentException>(() => Calc.AttributeBetween([null!], Clicked, Day, H(10)));
    }

    [Fact]
    public void D1_ToReport_rejects_a_credited_order_placed_after_its_instant_and_accepts_one_placed_at_it()
    {
        var accumulator = new DashboardAccumulator(Day, H(10), ConversationClassifier.Default);
        var late = Calc.Attribute([OrderAt(H(10) + Tick, "late")], Clicked);
        var onTime = Calc.Attribute([OrderAt(H(10), "on-time")], Clicked);

        Assert.Single(late.Orders); // credited: only the report's instant rules it out
        var ex = Assert.Throws<CustomerAgentException>(() => accumulator.ToReport(late));
        Assert.Equal(("D1", "sales.orders.placedAt"), (ex.Rule, ex.Field));
        Assert.Contains("late", ex.Message, StringComparison.Ordinal);

        Assert.Equal(MoneyTotals.Sum([Eur(100m)]), accumulator.ToReport(onTime).Kpis.AiGeneratedSales);
        Assert.Equal(MoneyTotals.Sum([Eur(11m)]), accumulator.ToReport(Calc.AttributeBetween(Orders(), Clicked, Day, H(10))).Kpis.AiGeneratedSales);
    }

    private static (string Rule, string Field) Rule(Action action)
    {
        var ex = Assert.Throws<CustomerAgentException>(action);
        return (ex.Rule, ex.Field);
    }
}
