using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Tests.Attribution;

/// <summary>
/// D5, an order ID once per account, where the engine's check by sorted hashes can go wrong: IDs whose hashes collide (the
/// check must compare them exactly) and the words of the error.
/// </summary>
public sealed class OrderIdCheckTests
{
    private static readonly AccountId Account = AccountId.From("acme");
    private static readonly ShopperIdentity Ann = ShopperIdentity.Create(Account, email: "ann@example.com");
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 1, 0, 0);

    /// <summary>
    /// Two distinct order IDs of the account whose (account, ID) hashes are equal in this process (string hashes are seeded
    /// per process, so they are searched for: by the birthday bound a collision comes within a few hundred thousand IDs).
    /// Only the input is built from the hash; the expected outcomes below are written by hand.
    /// </summary>
    private static (string First, string Second) CollidingIds()
    {
        var seen = new Dictionary<int, string>();
        var accountHash = StringComparer.Ordinal.GetHashCode(Account.Value);
        for (var n = 0; ; n++)
        {
            var id = $"c-{n}";
            var hash = HashCode.Combine(accountHash, StringComparer.Ordinal.GetHashCode(id));
            if (seen.TryGetValue(hash, out var earlier))
            {
                return (earlier, id);
            }

            seen.Add(hash, id);
        }
    }

    private static Order OrderOf(string id, int second) => Order.Create(id, Ann, Start + Duration.FromSeconds(second), Money.Of(second + 1, "EUR"));

    [Fact]
    public void D5_distinct_order_ids_whose_hashes_collide_are_two_orders()
    {
        var (first, second) = CollidingIds();
        Assert.NotEqual(first, second);
        var orders = new[] { OrderOf("a", 0), OrderOf(first, 1), OrderOf("b", 2), OrderOf(second, 3), OrderOf("c", 4) };

        var result = new SmsLastTouchAttributionCalculator().Attribute(orders, AttributionEvidence.Empty);

        Assert.Equal(5, result.OrderCount);
        Assert.Equal([Money.Of(15m, "EUR")], result.TotalRevenue.Totals);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void D5_among_colliding_hashes_the_first_order_whose_id_came_before_is_named(bool secondRepeatsFirst)
    {
        // In input order: first, second (same hash, another ID), then a repeat of one of them, then a repeat of the other.
        // The third order is the first whose ID came before, whichever of the two it repeats.
        var (first, second) = CollidingIds();
        var (third, fourth) = secondRepeatsFirst ? (first, second) : (second, first);
        var orders = new[] { OrderOf(first, 0), OrderOf("x", 1), OrderOf(second, 2), OrderOf(third, 3), OrderOf(fourth, 4) };

        var error = Assert.Throws<CustomerAgentException>(() => new WebChatAttributionCalculator().Attribute(orders, AttributionEvidence.Empty));

        Assert.Equal(("D5", "order.id", third), (error.Rule, error.Field, error.Value));
    }

    [Fact]
    public void D5_a_repeated_order_id_is_named_with_its_account_and_the_rule_in_words()
    {
        var orders = new[] { OrderOf("o-1", 0), OrderOf("o-2", 1), OrderOf("o-1", 2) };

        var error = Assert.Throws<CustomerAgentException>(() => new AiGeneratedSalesCalculator().Attribute(orders, AttributionEvidence.Empty));

        Assert.Equal(("D5", "order.id", "o-1"), (error.Rule, error.Field, error.Value));
        Assert.Contains("appears twice in account acme: an order counts at most once", error.Message, StringComparison.Ordinal);
    }
}
