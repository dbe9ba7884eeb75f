using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.Tests.Attribution;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CustomerAgent.Tests.Dashboard;

/// <summary>
/// The sales of every period attributed once (<see cref="PeriodSales"/>) against the attribution of one period
/// (<see cref="PeriodAttribution.AttributeBetween"/>), on random conversations, timelines, touches, orders and settings that
/// change over time (<see cref="CohortGenerators"/>), periods on the window edges and instants before, inside and after them.
/// </summary>
public sealed class PeriodSalesTests
{
    private static readonly AccountId Acct = AccountId.From(CohortCase.Account1);
    private static readonly AccountReportingSettings Utc = AccountReportingSettings.Create(Acct, "UTC", IsoDayOfWeek.Monday);

    /// <summary>Instants on the generators' 6-hour grid, give or take a nanosecond.</summary>
    private static readonly Gen<Instant> At =
        from step in Gen.Choose(-4, 36)
        from jitter in Gen.Elements(0L, 0L, 1L, -1L)
        select AttributionGenerators.Base + Duration.FromHours(6 * step) + Duration.FromNanoseconds(jitter);

    private static readonly Gen<ReportingPeriod> Period =
        from start in At
        from hours in Gen.Frequency((3, Gen.Choose(1, 72)), (1, Gen.Choose(1, 400)))
        select ReportingPeriod.ForInstants(Utc, start, start + Duration.FromHours(hours));

    private static List<string> Describe(AttributionResult result) =>
        [.. result.Orders.Select(a => $"{a.Order.AccountId}/{a.Order.Id} {a.Rule} {a.Conversation}@{CohortCase.F(a.CreditedAt)} {a.Touchpoint} {a.Match} {a.Amount}"),
            $"revenue {result.AttributedRevenue} of {result.TotalRevenue} over {result.OrderCount}"];

    [Property(MaxTest = 300)]
    public Property R15_R16_R17_D1_the_sales_of_any_period_from_every_order_attributed_once_equal_the_attribution_of_that_period()
    {
        var gen = from c in CohortGenerators.Case
                  from periods in Period.ArrayOf(3)
                  from instants in At.ArrayOf(3)
                  select (c, periods, instants);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (c, periods, instants) = input;
            var calculator = new AiGeneratedSalesCalculator(c.History);
            var evidence = AttributionEvidence.FromConversations(c.Conversations.Select(s => s.Build()), c.Touches, c.Timeline);
            var orders = c.Orders.Where(o => o.AccountId == Acct).ToArray();
            var sales = PeriodSales.Create(Acct, calculator, orders, evidence);
            Assert.Equal(orders.Length, sales.OrderCount);
            foreach (var period in periods)
            {
                foreach (var asOf in instants.Append(SupportedInstants.End - Duration.Epsilon))
                {
                    var expected = calculator.AttributeBetween(orders, evidence, period, asOf);
                    Assert.Equal(Describe(expected), Describe(sales.Between(period, asOf)));
                }
            }
        });
    }

    [Fact]
    public void R15_another_accounts_order_or_period_is_refused()
    {
        var other = AccountId.From(CohortCase.Account2);
        var theirs = Order.Create("o-1", ShopperIdentity.Create(other, "ann@example.com", null, null), AttributionGenerators.Base, Money.Of(10m, "EUR"), []);
        var evidence = AttributionEvidence.Create([], [], []);
        var ex = Assert.Throws<CustomerAgentException>(() => PeriodSales.Create(Acct, new AiGeneratedSalesCalculator(), [theirs], evidence));
        Assert.Equal(("R15", "orders[0].accountId"), (ex.Rule, ex.Field));

        var sales = PeriodSales.Create(Acct, new AiGeneratedSalesCalculator(), [], evidence);
        var period = ReportingPeriod.ForInstants(AccountReportingSettings.Create(other, "UTC", IsoDayOfWeek.Monday), AttributionGenerators.Base, AttributionGenerators.Base + Duration.FromDays(1));
        Assert.Equal("R15", Assert.Throws<CustomerAgentException>(() => sales.Between(period, AttributionGenerators.Base)).Rule);
    }
}
