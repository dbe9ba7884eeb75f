using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Tests.Attribution;

/// <summary>D1 on the direct/assisted breakdown: an order is Direct only by what the conversation had clicked or recommended by its placement.</summary>
public sealed class ProductMatchTimeTests
{
    private static readonly AccountId Acme = AccountId.From("acme");
    private static readonly Instant T0 = Instant.FromUtc(2026, 6, 1, 10, 0);

    private static Conversation Chat()
    {
        var chat = Conversation.Start(ConversationHeader.Create(ConversationId.From("chat-1"), Acme, Channel.WebChat, ConversationMode.Live, Profile.Create(email: "ann@example.com")), T0, "Shoes?");
        chat.RecordAgentMessage(T0 + Duration.FromMinutes(1), "These", "product-recommendations", ["SKU-1"]);
        chat.RecordProductCardClick(T0 + Duration.FromMinutes(2), "SKU-1");
        return chat;
    }

    private static Order OrderOf(string item, Duration after) =>
        Order.Create("o-" + item, ShopperIdentity.Create(Acme, email: "ann@example.com"), T0 + after, Money.Of(20m, "EUR"), [item]);

    [Fact]
    public void D1_R16_a_product_recommended_only_after_the_order_does_not_make_it_direct()
    {
        var chat = Chat();
        var order = OrderOf("SKU-2", Duration.FromHours(2));
        chat.RecordAgentMessage(T0 + Duration.FromMinutes(30), "Also this", "product-recommendations", ["SKU-3"]);

        var before = Assert.Single(new AiGeneratedSalesCalculator().Attribute([order], AttributionEvidence.FromConversations([chat])).Orders);
        Assert.Equal(ProductMatch.Assisted, before.Match);

        chat.RecordAgentMessage(T0 + Duration.FromHours(3), "And this", "product-recommendations", ["SKU-2"]); // after the order
        var after = Assert.Single(new AiGeneratedSalesCalculator().Attribute([order], AttributionEvidence.FromConversations([chat])).Orders);
        Assert.Equal(ProductMatch.Assisted, after.Match);
    }

    [Fact]
    public void D1_R16_a_product_recommended_or_clicked_by_the_order_makes_it_direct_up_to_its_own_instant()
    {
        var chat = Chat();
        chat.RecordAgentMessage(T0 + Duration.FromHours(2), "This one", "product-recommendations", ["SKU-2"]);
        var evidence = AttributionEvidence.FromConversations([chat]);

        Assert.Equal(ProductMatch.Direct, Assert.Single(new AiGeneratedSalesCalculator().Attribute([OrderOf("SKU-1", Duration.FromMinutes(3))], evidence).Orders).Match);
        Assert.Equal(ProductMatch.Direct, Assert.Single(new AiGeneratedSalesCalculator().Attribute([OrderOf("SKU-2", Duration.FromHours(2))], evidence).Orders).Match); // at the same instant
        Assert.Equal(ProductMatch.Assisted, Assert.Single(new AiGeneratedSalesCalculator().Attribute([OrderOf("SKU-2", Duration.FromHours(2) - Duration.Epsilon)], evidence).Orders).Match);
    }
}
