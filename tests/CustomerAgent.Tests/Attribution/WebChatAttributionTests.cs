using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using NodaTime;
using static CustomerAgent.Tests.Attribution.AttributionData;

namespace CustomerAgent.Tests.Attribution;

public sealed class WebChatAttributionTests
{
    [Fact]
    public void R16_an_order_exactly_24_hours_after_the_click_is_attributed_and_one_tick_later_is_not()
    {
        var click = Click(H(0));

        Assert.Single(WebChat([OrderAt(H(24))], click).Orders);
        Assert.Single(WebChat([OrderAt(H(24) - Tick)], click).Orders);
        Assert.Empty(WebChat([OrderAt(H(24) + Tick)], click).Orders);
    }

    [Fact]
    public void R16_an_order_at_the_click_instant_counts_and_one_tick_before_the_click_does_not()
    {
        Assert.Single(WebChat([OrderAt(H(5))], Click(H(5))).Orders);
        Assert.Empty(WebChat([OrderAt(H(5) - Tick)], Click(H(5))).Orders);
    }

    [Fact]
    public void R16_several_qualifying_clicks_count_the_order_once_for_the_most_recent_clicks_conversation()
    {
        var result = WebChat([OrderAt(H(10), total: Eur(80m))], Click(H(1), "c-old"), Click(H(9), "c-new"), Click(H(3), "c-mid"), Click(H(11), "c-after"));

        var attributed = Assert.Single(result.Orders);
        Assert.Equal(ConversationId.From("c-new"), attributed.Conversation);
        Assert.Equal(H(9), attributed.CreditedAt);
        Assert.Equal(AttributionRule.WebChatClick, attributed.Rule);
        Assert.Null(attributed.Touchpoint);
        Assert.Equal(Eur(80m), attributed.Amount);
        Assert.Equal(Eur(80m), result.AttributedRevenue.In("EUR"));
    }

    [Fact]
    public void R16_clicks_at_the_same_instant_credit_the_conversation_whose_id_sorts_first()
    {
        var a = WebChat([OrderAt(H(2))], Click(H(1), "c-b"), Click(H(1), "c-a"));
        var b = WebChat([OrderAt(H(2))], Click(H(1), "c-a"), Click(H(1), "c-b"));

        Assert.Equal(ConversationId.From("c-a"), Assert.Single(a.Orders).Conversation);
        Assert.Equal(ConversationId.From("c-a"), Assert.Single(b.Orders).Conversation);
    }

    [Fact]
    public void R16_an_order_before_any_click_after_the_window_by_another_shopper_or_in_another_account_is_not_attributed()
    {
        var click = Click(H(10));

        Assert.Empty(WebChat([OrderAt(H(9))], click).Orders);
        Assert.Empty(WebChat([OrderAt(H(35))], click).Orders);
        Assert.Empty(WebChat([OrderAt(H(11), shopper: Bob())], click).Orders);
        Assert.Empty(WebChat([OrderAt(H(11), shopper: Ann(Other))], click).Orders);
    }

    [Fact]
    public void R16_two_accounts_with_the_same_shopper_identity_never_earn_each_others_orders()
    {
        var orders = new[] { OrderAt(H(2), "o-1", Ann(Acct)), OrderAt(H(2), "o-1", Ann(Other), Money.Of(7m, "USD")) };

        var result = WebChat(orders, Click(H(1), "c-acct1", Ann(Acct)));

        var attributed = Assert.Single(result.Orders);
        Assert.Equal(Acct, attributed.Order.AccountId);
        Assert.Equal(2, result.OrderCount);
        Assert.Equal(MoneyTotals.Sum([Eur(100m), Money.Of(7m, "USD")]), result.TotalRevenue);
        Assert.Equal(MoneyTotals.Sum([Eur(100m)]), result.AttributedRevenue);
    }

    [Fact]
    public void R16_the_same_shopper_is_matched_by_any_shared_identifier()
    {
        var byPhone = ShopperIdentity.Create(Acct, phoneNumber: "+33 6 12 34 56 78");
        var both = ShopperIdentity.Create(Acct, email: "ann@EXAMPLE.com", phoneNumber: "+33612345678", externalId: "cust-9");
        var external = ShopperIdentity.Create(Acct, externalId: " cust-9 ");

        Assert.Single(WebChat([OrderAt(H(2), shopper: both)], Click(H(1), shopper: byPhone)).Orders);
        Assert.Single(WebChat([OrderAt(H(2), shopper: both)], Click(H(1), shopper: Ann())).Orders);
        Assert.Single(WebChat([OrderAt(H(2), shopper: external)], Click(H(1), shopper: both)).Orders);
        Assert.Empty(WebChat([OrderAt(H(2), shopper: external)], Click(H(1), shopper: byPhone)).Orders);
    }

    [Fact]
    public void R16_a_shopper_matched_by_two_identifiers_takes_the_most_recent_click_over_both()
    {
        var both = ShopperIdentity.Create(Acct, email: "ann@example.com", phoneNumber: "+33612345678");
        var byPhone = ShopperIdentity.Create(Acct, phoneNumber: "+33612345678");

        var result = WebChat([OrderAt(H(5), shopper: both)], Click(H(1), "c-email", Ann()), Click(H(3), "c-phone", byPhone));

        Assert.Equal(ConversationId.From("c-phone"), Assert.Single(result.Orders).Conversation);
        var reversed = WebChat([OrderAt(H(5), shopper: both)], Click(H(3), "c-email", Ann()), Click(H(1), "c-phone", byPhone));
        Assert.Equal(ConversationId.From("c-email"), Assert.Single(reversed.Orders).Conversation);
    }

    [Fact]
    public void R16_direct_when_the_order_holds_a_clicked_or_recommended_product_assisted_otherwise_unknown_without_lines()
    {
        var evidence = AttributionEvidence.Create(
            clicks: [Click(H(1), "c-1", product: "SKU-1")],
            recommendations: [RecommendedProduct.Create(Acct, ConversationId.From("c-1"), "SKU-2"), RecommendedProduct.Create(Other, ConversationId.From("c-1"), "SKU-3")]);
        var calc = new WebChatAttributionCalculator();

        ProductMatch MatchOf(params string[] items) => Assert.Single(calc.Attribute([OrderAt(H(2), items: items)], evidence).Orders).Match;

        Assert.Equal(ProductMatch.Direct, MatchOf("SKU-1"));
        Assert.Equal(ProductMatch.Direct, MatchOf("SKU-9", "SKU-2"));
        Assert.Equal(ProductMatch.Assisted, MatchOf("SKU-9"));
        Assert.Equal(ProductMatch.Assisted, MatchOf("SKU-3"));
        Assert.Equal(ProductMatch.Unknown, MatchOf());
    }

    [Fact]
    public void R16_R20_clicks_come_from_live_web_chat_conversations_and_a_preview_never_earns()
    {
        var profile = Profile.Create(email: "ann@example.com");
        Conversation Chat(string id, ConversationMode mode, Channel channel = Channel.WebChat)
        {
            var c = Conversation.Start(ConversationHeader.Create(ConversationId.From(id), Acct, channel, mode, profile), H(0), "Shoes?");
            c.RecordAgentMessage(H(0.1), "Try these", "product-recommendations", ["SKU-1", "SKU-2"]);
            c.RecordProductCardClick(H(1), "SKU-1");
            return c;
        }

        var preview = AttributionEvidence.FromConversations([Chat("p-1", ConversationMode.Preview)]);
        var live = AttributionEvidence.FromConversations([Chat("l-1", ConversationMode.Live)]);
        var sms = AttributionEvidence.FromConversations([Chat("s-1", ConversationMode.Live, Channel.Sms)]);
        var anonymous = Conversation.Start(ConversationHeader.Create(ConversationId.From("a-1"), Acct, Channel.WebChat), H(0), "Hi");
        anonymous.RecordAgentMessage(H(0.1), "Try", "product-recommendations", ["SKU-1"]);
        anonymous.RecordProductCardClick(H(1), "SKU-1");
        var calc = new WebChatAttributionCalculator();
        var order = OrderAt(H(2), items: "SKU-2");

        Assert.Empty(preview.Clicks);
        Assert.Empty(preview.Recommendations);
        Assert.Empty(calc.Attribute([order], preview).Orders);
        var attributed = Assert.Single(calc.Attribute([order], live).Orders);
        Assert.Equal(ConversationId.From("l-1"), attributed.Conversation);
        Assert.Equal(ProductMatch.Direct, attributed.Match);
        Assert.Equal(["SKU-1", "SKU-2"], live.Recommendations.Select(r => r.ProductId));
        Assert.Empty(sms.Clicks);
        Assert.Equal(2, sms.Recommendations.Count);
        Assert.Empty(AttributionEvidence.FromConversations([anonymous]).Clicks);
    }

    [Fact]
    public void R16_a_custom_window_moves_the_boundary()
    {
        var settings = AttributionSettings.Create(webChatWindow: Duration.FromHours(2));
        var calc = new WebChatAttributionCalculator(settings);
        var evidence = AttributionEvidence.Create(clicks: [Click(H(0))]);

        Assert.Same(settings, calc.Settings);
        Assert.Single(calc.Attribute([OrderAt(H(2))], evidence).Orders);
        Assert.Empty(calc.Attribute([OrderAt(H(2) + Tick)], evidence).Orders);
        Assert.Same(AttributionSettings.Default, new WebChatAttributionCalculator().Settings);
    }

    [Fact]
    public void R16_touches_do_not_earn_web_chat_attribution()
    {
        var calc = new WebChatAttributionCalculator();

        Assert.Empty(calc.Attribute([OrderAt(H(2))], AttributionEvidence.Create(touches: [AgentSms(H(1))])).Orders);
    }
}
