using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Attribution;

/// <summary>
/// An order a shopper placed: its ID (unique within its account), the shopper, the instant it was placed, its total and,
/// when the host knows them, its line items (product IDs or SKUs, compared ordinally with the agent's product cards).
/// </summary>
/// <remarks>Immutable and thread-safe. Built only through <see cref="Create"/>, which validates every field.</remarks>
public sealed class Order
{
    private readonly string[] _lineItems;

    private Order(string id, ShopperIdentity shopper, Instant placedAt, Money total, string[] lineItems)
    {
        Id = id;
        Shopper = shopper;
        PlacedAt = placedAt;
        Total = total;
        _lineItems = lineItems;
    }

    /// <summary>The order's ID, unique within its account.</summary>
    public string Id { get; }

    /// <summary>The shopper who placed it (and so the account).</summary>
    public ShopperIdentity Shopper { get; }

    /// <summary>The merchant account (the shopper's).</summary>
    public AccountId AccountId => Shopper.AccountId;

    /// <summary>When it was placed.</summary>
    public Instant PlacedAt { get; }

    /// <summary>Its total, zero or more, in one currency; the amount attributed when the order is attributed.</summary>
    public Money Total { get; }

    /// <summary>The product IDs or SKUs of its lines, as given; empty when the host did not provide them.</summary>
    public IReadOnlyList<string> LineItems => _lineItems;

    /// <summary>Creates a validated order.</summary>
    /// <param name="id">The order ID (not blank).</param>
    /// <param name="shopper">Who placed it.</param>
    /// <param name="placedAt">When it was placed.</param>
    /// <param name="total">Its total: set, zero or positive.</param>
    /// <param name="lineItems">Product IDs or SKUs of its lines (none blank); null or empty when unknown.</param>
    /// <exception cref="CustomerAgentException">The ID or a line item is blank (ID, H4); the shopper is missing (R11); the instant
    /// is outside the supported range (H6); the total is <c>default</c> or negative (D5).</exception>
    public static Order Create(string id, ShopperIdentity shopper, Instant placedAt, Money total, IEnumerable<string>? lineItems = null)
    {
        Preconditions.CheckText(id, "order.id", "ID");
        if (shopper is null)
        {
            throw new CustomerAgentException("R11", "order.shopper", null, $"must name the shopper who placed order {Preconditions.Echo(id)}");
        }

        Preconditions.CheckInstant(placedAt, "order.placedAt");
        if (total.IsDefault)
        {
            throw new CustomerAgentException("D5", "order.total", "(no money)", "must be set: an amount and an ISO 4217 currency");
        }

        if (total.Amount < 0m)
        {
            throw new CustomerAgentException("D5", "order.total", total.ToString(), "must not be negative (record refunds separately)");
        }

        var items = lineItems?.ToArray() ?? [];
        foreach (var item in items)
        {
            Preconditions.CheckText(item, "order.lineItems", "H4");
        }

        return new Order(id, shopper, placedAt, total, items);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Order {Id} ({AccountId}, {Preconditions.Format(PlacedAt)}, {Total})";
}
