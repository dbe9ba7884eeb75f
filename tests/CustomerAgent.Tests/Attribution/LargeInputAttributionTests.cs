using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using NodaTime;
using Xunit;

namespace CustomerAgent.Tests.Attribution;

/// <summary>
/// Inputs large enough for the engine's two-thread paths (from 65,536 orders: the D5 check beside the order index, the
/// groups' sorts and sweeps in two halves), checked against the naive rule on each order's own candidates.
/// </summary>
public sealed class LargeInputAttributionTests
{
    private const int Orders = 70_000;
    private const int Shoppers = 9_000;
    private static readonly AccountId Account = AccountId.From("acme");
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 1, 0, 0);

    [Fact]
    public void R17_on_two_threads_gives_the_naive_last_touch_of_every_order()
    {
        var random = new Random(20261203);
        // Each shopper orders with email and phone; touches name the email only or the phone only, so an order joins two
        // groups, which may fall in different halves of the sweep.
        var full = new ShopperIdentity[Shoppers];
        var byEmail = new ShopperIdentity[Shoppers];
        var byPhone = new ShopperIdentity[Shoppers];
        for (var s = 0; s < Shoppers; s++)
        {
            var (email, phone) = ($"shopper{s}@example.com", $"+1555{s:D7}");
            full[s] = ShopperIdentity.Create(Account, email: email, phoneNumber: phone);
            byEmail[s] = ShopperIdentity.Create(Account, email: email);
            byPhone[s] = ShopperIdentity.Create(Account, phoneNumber: phone);
        }

        // Whole hours over ten days: a shopper's touches often share an instant (an order too), so the tie-breaks decide.
        Instant At() => Start + Duration.FromHours(random.Next(10 * 24));
        var touchesOf = new List<Touch>[Shoppers];
        var touches = new List<Touch>();
        for (var s = 0; s < Shoppers; s++)
        {
            touchesOf[s] = [];
            for (var n = random.Next(12); n > 0; n--)
            {
                var who = random.Next(2) == 0 ? byEmail[s] : byPhone[s];
                var (channel, kind, at) = ((TouchChannel)random.Next(4), (TouchKind)random.Next(3), At());
                var touch = random.Next(3) == 0
                    ? Touch.FromCustomerAgent(who, channel, kind, at, ConversationId.From($"conv-{random.Next(40)}"))
                    : Touch.FromCampaign(who, channel, kind, at);
                touchesOf[s].Add(touch);
                touches.Add(touch);
            }
        }

        var shopperOf = new int[Orders];
        var orders = new Order[Orders];
        for (var i = 0; i < Orders; i++)
        {
            shopperOf[i] = random.Next(Shoppers);
            orders[i] = Order.Create($"o-{i}", full[shopperOf[i]], At(), Money.Of(10m + (i % 7), "EUR"));
        }

        var settings = AttributionSettings.Default;
        var result = new SmsLastTouchAttributionCalculator(settings).Attribute(orders, AttributionEvidence.Create(touches: touches));

        var expected = new Dictionary<string, (string Conversation, Instant At)>();
        for (var i = 0; i < Orders; i++)
        {
            if (NaiveAttribution.LastTouch(orders[i], touchesOf[shopperOf[i]], settings) is { IsFromCustomerAgent: true, Channel: TouchChannel.Sms } touch)
            {
                expected.Add(orders[i].Id, (touch.AgentConversation.Value, touch.At));
            }
        }

        var actual = result.Orders.ToDictionary(o => o.Order.Id, o => (o.Conversation.Value, o.CreditedAt));
        Assert.True(expected.Count > 1_000, $"the input credits only {expected.Count} orders");
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), actual.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(Orders, result.OrderCount);
    }

    [Fact]
    public void D5_a_repeated_order_id_among_many_orders_is_rejected_by_name()
    {
        var shopper = ShopperIdentity.Create(Account, email: "ann@example.com");
        var orders = Enumerable.Range(0, Orders)
            .Select(i => Order.Create(i == Orders - 1 ? "o-12345" : $"o-{i}", shopper, Start + Duration.FromSeconds(i), Money.Of(1m, "EUR")))
            .ToArray();

        var error = Assert.Throws<CustomerAgentException>(() => new SmsLastTouchAttributionCalculator().Attribute(orders, AttributionEvidence.Empty));

        Assert.Equal("D5", error.Rule);
        Assert.Contains("o-12345", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Orders)]
    [InlineData(1_000)]
    public void D5_of_several_repeats_the_first_order_whose_id_came_before_is_named(int count)
    {
        // Reading in order, o-12 comes back at a third of the orders, before the order at a fifth that repeats ID o-(4/5 count)
        // comes back itself: a set filled in order stops at o-12, and so must the engine.
        var shopper = ShopperIdentity.Create(Account, email: "ann@example.com");
        var (fifth, third, late) = (count / 5, count / 3, count * 4 / 5);
        var orders = Enumerable.Range(0, count)
            .Select(i => Order.Create(i == third ? "o-12" : i == fifth ? $"o-{late}" : $"o-{i}", shopper, Start + Duration.FromSeconds(i), Money.Of(1m, "EUR")))
            .ToArray();

        var error = Assert.Throws<CustomerAgentException>(() => new SmsLastTouchAttributionCalculator().Attribute(orders, AttributionEvidence.Empty));

        Assert.Equal(("D5", "order.id", "o-12"), (error.Rule, error.Field, error.Value));
    }

    [Theory]
    [InlineData(Orders)]
    [InlineData(1_000)]
    public void D5_the_same_order_ids_in_two_accounts_are_two_orders_and_every_total_is_summed(int count)
    {
        var (acme, globex) = (ShopperIdentity.Create(Account, email: "ann@example.com"), ShopperIdentity.Create(AccountId.From("globex"), email: "ann@example.com"));
        var orders = Enumerable.Range(0, count)
            .Select(i => Order.Create($"o-{i / 2}", i % 2 == 0 ? acme : globex, Start + Duration.FromSeconds(i), Money.Of(1m, i % 3 == 0 ? "USD" : "EUR")))
            .ToArray();

        var result = new SmsLastTouchAttributionCalculator().Attribute(orders, AttributionEvidence.Empty);

        Assert.Equal(count, result.OrderCount);
        var usd = (count + 2) / 3;
        Assert.Equal([Money.Of(count - usd, "EUR"), Money.Of(usd, "USD")], result.TotalRevenue.Totals);
    }
}
