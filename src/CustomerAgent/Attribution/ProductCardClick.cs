using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Attribution;

/// <summary>
/// A shopper's click on a product card in a live web chat conversation with the Customer Agent (R16), as a flat record
/// for hosts that store clicks by the million. <see cref="AttributionEvidence.FromConversations"/> derives the same
/// records from <see cref="Conversation"/> aggregates.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. The host passes only clicks of live conversations: a preview conversation never earns
/// revenue (R20); <see cref="AttributionEvidence.FromConversations"/> applies that rule itself.
/// </remarks>
public sealed class ProductCardClick
{
    private ProductCardClick(ShopperIdentity shopper, ConversationId conversation, Instant at, string productId)
    {
        Shopper = shopper;
        Conversation = conversation;
        At = at;
        ProductId = productId;
    }

    /// <summary>The shopper who clicked (and so the account).</summary>
    public ShopperIdentity Shopper { get; }

    /// <summary>The merchant account (the shopper's).</summary>
    public AccountId AccountId => Shopper.AccountId;

    /// <summary>The conversation the card was in: the one credited when this click wins.</summary>
    public ConversationId Conversation { get; }

    /// <summary>When the shopper clicked.</summary>
    public Instant At { get; }

    /// <summary>The clicked product's ID or SKU.</summary>
    public string ProductId { get; }

    /// <summary>Creates a validated click.</summary>
    /// <exception cref="CustomerAgentException">The shopper is missing (R11), the conversation is <c>default</c> (ID), the
    /// instant is outside the supported range (H6), or the product ID is blank (H4).</exception>
    public static ProductCardClick Create(ShopperIdentity shopper, ConversationId conversation, Instant at, string productId)
    {
        if (shopper is null)
        {
            throw new CustomerAgentException("R11", "click.shopper", null, "must name the shopper who clicked (email, phone number or external ID)");
        }

        if (conversation.IsDefault)
        {
            throw new CustomerAgentException("ID", "click.conversation", null, "must be set (default(ConversationId) names no conversation)");
        }

        Preconditions.CheckInstant(at, "click.at");
        Preconditions.CheckText(productId, "click.productId", "H4");
        return new ProductCardClick(shopper, conversation, at, productId);
    }

    /// <inheritdoc/>
    public override string ToString() => $"ProductCardClick({ProductId} in {Conversation} at {Preconditions.Format(At)}, {AccountId})";
}
