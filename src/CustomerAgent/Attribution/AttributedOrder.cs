using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Attribution;

/// <summary>
/// An order credited to the Customer Agent: which conversation earned it, by which rule, the interaction that won, the
/// amount (the order's whole total: last-touch attribution credits 100 %) and the direct/assisted breakdown.
/// </summary>
/// <remarks>Immutable and thread-safe. Only the calculators build it.</remarks>
public sealed class AttributedOrder
{
    internal AttributedOrder(Order order, AttributionRule rule, ConversationId conversation, Instant creditedAt, Touchpoint? touchpoint, ProductMatch match)
    {
        Order = order;
        Rule = rule;
        Conversation = conversation;
        CreditedAt = creditedAt;
        Touchpoint = touchpoint;
        Match = match;
    }

    /// <summary>The order.</summary>
    public Order Order { get; }

    /// <summary>The rule that credited it.</summary>
    public AttributionRule Rule { get; }

    /// <summary>The credited Customer Agent conversation.</summary>
    public ConversationId Conversation { get; }

    /// <summary>The instant of the winning interaction: the product-card click (R16) or the touch (R17).</summary>
    public Instant CreditedAt { get; }

    /// <summary>The winning touch's touchpoint for <see cref="AttributionRule.SmsLastTouch"/>; null for <see cref="AttributionRule.WebChatClick"/>.</summary>
    public Touchpoint? Touchpoint { get; }

    /// <summary>The amount credited: the order's total.</summary>
    public Money Amount => Order.Total;

    /// <summary>Direct, assisted, or unknown when the order has no line items.</summary>
    public ProductMatch Match { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Order} credited to {Conversation} by {Rule} at {Preconditions.Format(CreditedAt)} ({Match})";
}
