using CustomerAgent.Conversations;

namespace CustomerAgent.Attribution;

/// <summary>
/// A product the agent recommended in a conversation (R9), as a flat record. Used only for the direct/assisted breakdown:
/// an attributed order is <see cref="ProductMatch.Direct"/> when it contains a product clicked or recommended in the credited conversation.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class RecommendedProduct
{
    private RecommendedProduct(AccountId accountId, ConversationId conversation, string productId)
    {
        AccountId = accountId;
        Conversation = conversation;
        ProductId = productId;
    }

    /// <summary>The merchant account of the conversation.</summary>
    public AccountId AccountId { get; }

    /// <summary>The conversation the agent recommended it in.</summary>
    public ConversationId Conversation { get; }

    /// <summary>The product ID or SKU.</summary>
    public string ProductId { get; }

    /// <summary>Creates a validated record.</summary>
    /// <exception cref="CustomerAgentException">An ID is <c>default</c> (ID) or the product ID is blank (H4).</exception>
    public static RecommendedProduct Create(AccountId accountId, ConversationId conversation, string productId)
    {
        AccountId.CheckSet(accountId, "recommendation.accountId");

        if (conversation.IsDefault)
        {
            throw new CustomerAgentException("ID", "recommendation.conversation", null, "must be set (default(ConversationId) names no conversation)");
        }

        Preconditions.CheckText(productId, "recommendation.productId", "H4");
        return new RecommendedProduct(accountId, conversation, productId);
    }

    /// <inheritdoc/>
    public override string ToString() => $"RecommendedProduct({ProductId} in {Conversation}, {AccountId})";
}
