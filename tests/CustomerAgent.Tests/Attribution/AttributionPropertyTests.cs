using CustomerAgent.Attribution;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CustomerAgent.Tests.Attribution;

/// <summary>The calculators against the naive reference and the invariants of R15.4, R16, R17 and D5, on random inputs.</summary>
public sealed class AttributionPropertyTests
{
    private static IEnumerable<(IAttributionCalculator Calculator, Func<AttributionCase, Dictionary<string, NaiveAttribution.Credit>> Naive)> Calculators(AttributionSettings settings) =>
    [
        (new WebChatAttributionCalculator(settings), c => NaiveAttribution.WebChat(c.Orders, c.Evidence, settings.WebChatWindow)),
        (new SmsLastTouchAttributionCalculator(settings), c => NaiveAttribution.Sms(c.Orders, c.Evidence, settings)),
        (new AiGeneratedSalesCalculator(settings), c => NaiveAttribution.Both(c.Orders, c.Evidence, settings)),
    ];

    [Property(MaxTest = 300)]
    public Property R16_R17_R15_the_sort_and_sweep_path_equals_the_naive_reference()
    {
        return Prop.ForAll(AttributionGenerators.Cases, c =>
        {
            foreach (var (calculator, naive) in Calculators(c.Settings))
            {
                var expected = naive(c);
                var actual = calculator.Attribute(c.Orders, c.Evidence);
                Assert.Equal(
                    expected.Values.OrderBy(e => e.OrderKey, StringComparer.Ordinal).Select(e => (e.OrderKey, e.Rule, e.Conversation, e.At)),
                    actual.Orders.Select(a => (NaiveAttribution.Key(a.Order), a.Rule, a.Conversation.Value, a.CreditedAt)).OrderBy(e => e.Item1, StringComparer.Ordinal));
                foreach (var a in actual.Orders)
                {
                    Assert.Equal(NaiveAttribution.Match(a.Order, a.Conversation.Value, c.Evidence), a.Match);
                    Assert.Equal(a.Order.Total, a.Amount);
                    Assert.Equal(a.Rule == AttributionRule.SmsLastTouch, a.Touchpoint is not null);
                }

                Assert.Equal(c.Orders.Length, actual.OrderCount);
                Assert.Equal(NaiveAttribution.Revenue(c.Orders).OrderBy(p => p.Key, StringComparer.Ordinal), actual.TotalRevenue.Totals.Select(m => new KeyValuePair<string, decimal>(m.Currency, m.Amount)));
            }
        });
    }

    [Property(MaxTest = 200)]
    public Property D5_each_order_is_attributed_at_most_once_and_attributed_revenue_never_exceeds_total_revenue_per_currency()
    {
        return Prop.ForAll(AttributionGenerators.Cases, c =>
        {
            foreach (var (calculator, _) in Calculators(c.Settings))
            {
                var result = calculator.Attribute(c.Orders, c.Evidence);
                Assert.Equal(result.Orders.Count, result.Orders.Select(a => NaiveAttribution.Key(a.Order)).Distinct().Count());
                foreach (var attributed in result.AttributedRevenue.Totals)
                {
                    Assert.True(attributed.Amount <= result.TotalRevenue.In(attributed.Currency).Amount);
                }

                Assert.Equal(
                    result.Orders.GroupBy(a => a.Amount.Currency).Select(g => (g.Key, g.Sum(a => a.Amount.Amount))).OrderBy(p => p.Key, StringComparer.Ordinal),
                    result.AttributedRevenue.Totals.Select(m => (m.Currency, m.Amount)));
            }
        });
    }

    [Property(MaxTest = 200)]
    public Property R16_widening_the_web_chat_window_never_lowers_attributed_revenue()
    {
        var gen =
            from c in AttributionGenerators.Case
            from narrow in AttributionGenerators.Window
            from extra in Gen.Elements(0L, 1L, 3_600_000_000_000L, 86_400_000_000_000L)
            select (c, narrow, wide: narrow + Duration.FromNanoseconds(extra));
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (c, narrow, wide) = input;
            var small = new WebChatAttributionCalculator(AttributionSettings.Create(webChatWindow: narrow)).Attribute(c.Orders, c.Evidence);
            var large = new WebChatAttributionCalculator(AttributionSettings.Create(webChatWindow: wide)).Attribute(c.Orders, c.Evidence);
            Assert.Subset(large.Orders.Select(a => NaiveAttribution.Key(a.Order)).ToHashSet(), small.Orders.Select(a => NaiveAttribution.Key(a.Order)).ToHashSet());
            foreach (var total in small.AttributedRevenue.Totals)
            {
                Assert.True(total.Amount <= large.AttributedRevenue.In(total.Currency).Amount);
            }
        });
    }

    [Property(MaxTest = 200)]
    public Property R15_the_result_does_not_depend_on_the_order_of_the_inputs()
    {
        var gen =
            from c in AttributionGenerators.Case
            from seed in Gen.Choose(0, int.MaxValue)
            select (c, seed);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (c, seed) = input;
            var random = new Random(seed);
            T[] Shuffle<T>(IEnumerable<T> items) => items.OrderBy(_ => random.Next()).ToArray();
            var shuffled = AttributionEvidence.Create(Shuffle(c.Evidence.Clicks), Shuffle(c.Evidence.Touches), Shuffle(c.Evidence.Recommendations));
            foreach (var (calculator, _) in Calculators(c.Settings))
            {
                var a = calculator.Attribute(c.Orders, c.Evidence);
                var b = calculator.Attribute(Shuffle(c.Orders), shuffled);
                Assert.Equal(Describe(a), Describe(b));
                Assert.Equal(a.AttributedRevenue, b.AttributedRevenue);
                Assert.Equal(a.TotalRevenue, b.TotalRevenue);
            }
        });
    }

    [Property(MaxTest = 100)]
    public Property R13_a_period_attributes_exactly_the_orders_placed_in_it_as_the_whole_run_does()
    {
        var gen =
            from c in AttributionGenerators.Case
            from start in AttributionGenerators.At
            from end in AttributionGenerators.At
            select (c, start, end: end < start ? start : end);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (c, start, end) = input;
            var calculator = new AiGeneratedSalesCalculator(c.Settings);
            var all = calculator.Attribute(c.Orders, c.Evidence);
            var period = calculator.AttributeBetween(c.Orders, c.Evidence, start, end);
            Assert.Equal(Describe(all.Orders.Where(a => a.Order.PlacedAt >= start && a.Order.PlacedAt < end)), Describe(period));
            Assert.Equal(c.Orders.Count(o => o.PlacedAt >= start && o.PlacedAt < end), period.OrderCount);
        });
    }

    private static string[] Describe(AttributionResult result) => Describe(result.Orders);

    private static string[] Describe(IEnumerable<AttributedOrder> orders) =>
        orders.Select(a => $"{NaiveAttribution.Key(a.Order)} {a.Rule} {a.Conversation} {a.CreditedAt} {a.Touchpoint} {a.Match} {a.Amount}").ToArray();
}
