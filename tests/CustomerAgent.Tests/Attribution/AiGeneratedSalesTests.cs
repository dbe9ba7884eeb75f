using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using NodaTime;
using static CustomerAgent.Tests.Attribution.AttributionData;

namespace CustomerAgent.Tests.Attribution;

public sealed class AiGeneratedSalesTests
{
    private static readonly AiGeneratedSalesCalculator Calc = new();

    [Fact]
    public void R15_an_order_credited_by_both_rules_counts_once_for_the_more_recent_interaction()
    {
        var order = OrderAt(H(10));
        var clickLater = AttributionEvidence.Create(clicks: [Click(H(9), "chat-1")], touches: [AgentSms(H(8), conversation: "sms-1")]);
        var smsLater = AttributionEvidence.Create(clicks: [Click(H(8), "chat-1")], touches: [AgentSms(H(9), conversation: "sms-1")]);
        var sameInstant = AttributionEvidence.Create(clicks: [Click(H(9), "chat-1")], touches: [AgentSms(H(9), conversation: "sms-1")]);

        var a = Assert.Single(Calc.Attribute([order], clickLater).Orders);
        Assert.Equal((AttributionRule.WebChatClick, "chat-1"), (a.Rule, a.Conversation.Value));
        var b = Assert.Single(Calc.Attribute([order], smsLater).Orders);
        Assert.Equal((AttributionRule.SmsLastTouch, "sms-1"), (b.Rule, b.Conversation.Value));
        var c = Assert.Single(Calc.Attribute([order], sameInstant).Orders);
        Assert.Equal(AttributionRule.WebChatClick, c.Rule);
        Assert.Equal(Eur(100m), Calc.Attribute([order], sameInstant).AttributedRevenue.In("EUR"));
    }

    [Fact]
    public void R15_either_rule_alone_credits_the_order_and_a_campaign_last_touch_does_not_undo_a_web_chat_click()
    {
        var evidence = AttributionEvidence.Create(clicks: [Click(H(1), "chat-1")], touches: [Campaign(H(2))]);

        Assert.Equal(AttributionRule.WebChatClick, Assert.Single(Calc.Attribute([OrderAt(H(3))], evidence).Orders).Rule);
        Assert.Equal(AttributionRule.SmsLastTouch, Assert.Single(Calc.Attribute([OrderAt(H(3))], AttributionEvidence.Create(touches: [AgentSms(H(1))])).Orders).Rule);
        Assert.Empty(Calc.Attribute([OrderAt(H(3))], AttributionEvidence.Empty).Orders);
    }

    [Fact]
    public void R15_D5_ai_generated_sales_over_a_period_are_per_currency_with_start_inclusive_and_end_exclusive()
    {
        var orders = new[]
        {
            OrderAt(H(1), "o-1", total: Eur(10m)),
            OrderAt(H(2), "o-2", total: Money.Of(20m, "USD")),
            OrderAt(H(3), "o-3", total: Eur(30m)),
            OrderAt(H(4), "o-4", shopper: Bob(), total: Eur(40m)),
            OrderAt(H(5), "o-5", total: Eur(50m)),
        };
        var evidence = AttributionEvidence.Create(clicks: [Click(H(0))]);

        var result = Calc.AttributeBetween(orders, evidence, H(1), H(5));

        Assert.Equal(["o-1", "o-2", "o-3"], result.Orders.Select(o => o.Order.Id));
        Assert.Equal(4, result.OrderCount);
        Assert.Equal(MoneyTotals.Sum([Eur(40m), Money.Of(20m, "USD")]), result.AttributedRevenue);
        Assert.Equal(MoneyTotals.Sum([Eur(80m), Money.Of(20m, "USD")]), result.TotalRevenue);
        Assert.Empty(Calc.AttributeBetween(orders, evidence, H(1), H(1)).Orders);
        Assert.Equal(["o-1"], Calc.AttributeBetween(orders, evidence, H(1), H(1) + Tick).Orders.Select(o => o.Order.Id));
        Assert.Equal("3 of 4 orders attributed: 40 EUR + 20 USD of 80 EUR + 20 USD", result.ToString());
    }

    [Fact]
    public void R13_H6_a_reversed_or_unsupported_period_is_rejected()
    {
        var ex = Assert.Throws<CustomerAgentException>(() => Calc.AttributeBetween([], AttributionEvidence.Empty, H(2), H(1)));
        Assert.Equal(("R13", "end"), (ex.Rule, ex.Field));
        Assert.Equal("H6", Assert.Throws<CustomerAgentException>(() => Calc.AttributeBetween([], AttributionEvidence.Empty, Instant.FromUtc(1800, 1, 1, 0, 0), H(1))).Rule);
        Assert.Equal("end", Assert.Throws<CustomerAgentException>(() => Calc.AttributeBetween([], AttributionEvidence.Empty, H(1), Instant.FromUtc(2300, 1, 1, 0, 0))).Field);
        Assert.Throws<ArgumentNullException>(() => AttributionCalculatorExtensions.AttributeBetween(null!, [], AttributionEvidence.Empty, H(1), H(2)));
        Assert.Throws<ArgumentNullException>(() => Calc.AttributeBetween(null!, AttributionEvidence.Empty, H(1), H(2)));
    }

    [Fact]
    public void D5_an_order_id_given_twice_in_one_account_is_rejected_and_in_two_accounts_is_fine()
    {
        var ex = Assert.Throws<CustomerAgentException>(() => Calc.Attribute([OrderAt(H(1), "o-1"), OrderAt(H(2), "o-1", Bob())], AttributionEvidence.Empty));

        Assert.Equal(("D5", "order.id", "o-1"), (ex.Rule, ex.Field, ex.Value));
        Assert.Equal(2, Calc.Attribute([OrderAt(H(1), "o-1"), OrderAt(H(1), "o-1", Ann(Other))], AttributionEvidence.Empty).OrderCount);
    }

    [Fact]
    public void Null_arguments_are_argument_misuse()
    {
        IAttributionCalculator[] calculators = [Calc, new WebChatAttributionCalculator(), new SmsLastTouchAttributionCalculator()];
        foreach (var calc in calculators)
        {
            Assert.Throws<ArgumentNullException>(() => calc.Attribute(null!, AttributionEvidence.Empty));
            Assert.Throws<ArgumentNullException>(() => calc.Attribute([], null!));
            Assert.Throws<ArgumentException>(() => calc.Attribute([null!], AttributionEvidence.Empty));
        }

        Assert.Throws<ArgumentException>(() => AttributionEvidence.Create(clicks: [null!]));
        Assert.Throws<ArgumentException>(() => AttributionEvidence.Create(touches: [null!]));
        Assert.Throws<ArgumentException>(() => AttributionEvidence.Create(recommendations: [null!]));
        Assert.Throws<ArgumentNullException>(() => AttributionEvidence.FromConversations(null!));
        Assert.Throws<ArgumentException>(() => AttributionEvidence.FromConversations([null!]));
        Assert.Same(AttributionSettings.Default, Calc.Settings);
    }

    [Fact]
    public void R15_results_are_sorted_by_instant_then_account_then_order_id()
    {
        var orders = new[] { OrderAt(H(2), "b", Ann(Other)), OrderAt(H(2), "b"), OrderAt(H(2), "a"), OrderAt(H(1), "z") };
        var evidence = AttributionEvidence.Create(clicks: [Click(H(0)), Click(H(0), shopper: Ann(Other))]);

        var result = Calc.Attribute(orders, evidence);

        Assert.Equal(["z/acct-1", "a/acct-1", "b/acct-1", "b/acct-2"], result.Orders.Select(o => o.Order.Id + "/" + o.Order.AccountId));
    }

    [Fact]
    public void Descriptions_name_what_they_hold()
    {
        var order = OrderAt(H(1), "o-9");
        var attributed = Assert.Single(Calc.Attribute([order], AttributionEvidence.Create(clicks: [Click(H(0), "c-9")])).Orders);

        Assert.Equal("Order o-9 (acct-1, 2026-06-07T11:00:00Z, 100 EUR)", order.ToString());
        Assert.Equal("Order o-9 (acct-1, 2026-06-07T11:00:00Z, 100 EUR) credited to c-9 by WebChatClick at 2026-06-07T10:00:00Z (Unknown)", attributed.ToString());
        Assert.Equal("AttributionEvidence(1 clicks, 1 touches, 1 recommendations)", AttributionEvidence.Create([Click(H(0))], [AgentSms(H(0))], [RecommendedProduct.Create(Acct, ConversationId.From("c"), "p")]).ToString());
        Assert.Equal("Touch(Sms Click at 2026-06-07T10:00:00Z, agent conversation sms-1, acct-1)", AgentSms(H(0)).ToString());
        Assert.Equal("Touch(Email Click at 2026-06-07T10:00:00Z, campaign, acct-1)", Campaign(H(0)).ToString());
        Assert.Equal("ProductCardClick(SKU-1 in c-1 at 2026-06-07T10:00:00Z, acct-1)", Click(H(0)).ToString());
        Assert.Equal("RecommendedProduct(p in c, acct-1)", RecommendedProduct.Create(Acct, ConversationId.From("c"), "p").ToString());
    }
}

public sealed class AttributionWorkedExampleTests
{
    private static readonly NodaTime.Instant Monday = NodaTime.Instant.FromUtc(2026, 6, 1, 0, 0);

    private static NodaTime.Instant Mon(int h, int m) => Monday + NodaTime.Duration.FromMinutes((h * 60) + m);

    private static NodaTime.Instant Tue(int h, int m) => Mon(24 + h, m);

    [Fact]
    public void R15_R16_R17_the_worked_example_of_docs_attribution_md_gives_its_table()
    {
        var chat = Conversation.Start(ConversationHeader.Create(ConversationId.From("chat-1"), Acct, Channel.WebChat, ConversationMode.Live, Profile.Create(email: "ann@example.com")), Mon(10, 0), "Running shoes?");
        chat.RecordAgentMessage(Mon(10, 1), "Try these", "product-recommendations", ["SKU-1", "SKU-2"]);
        chat.RecordProductCardClick(Mon(10, 5), "SKU-1");
        var sms = Conversation.Start(ConversationHeader.Create(ConversationId.From("sms-1"), Acct, Channel.Sms, ConversationMode.Live, Profile.Create(email: "ann@example.com")), Tue(8, 50), "Still in stock?");
        sms.RecordAgentMessage(Tue(9, 0), "Yes, here is the link", "product-recommendations");
        var touches = new[]
        {
            Campaign(Mon(18, 0), TouchChannel.Email, TouchKind.Open),
            AgentSms(Tue(9, 0), TouchKind.Delivery, "sms-1"),
            AgentSms(Tue(9, 30), TouchKind.Click, "sms-1"),
        };
        var orders = new[]
        {
            OrderAt(Mon(12, 0), "O-1", total: Eur(50m), items: "SKU-1"),
            OrderAt(Mon(20, 0), "O-2", total: Eur(30m), items: "SKU-9"),
            OrderAt(Tue(10, 5), "O-3", total: Money.Of(20m, "USD"), items: "SKU-2"),
            OrderAt(Tue(10, 6), "O-4", total: Eur(70m), items: "SKU-3"),
            OrderAt(Mon(10, 0), "O-5", total: Eur(10m)),
            OrderAt(Tue(10, 0), "O-6", Bob(), Eur(40m)),
        };

        var result = new AiGeneratedSalesCalculator().Attribute(orders, AttributionEvidence.FromConversations([chat, sms], touches));

        Assert.Equal(
            [
                "O-1 WebChatClick chat-1 Direct 50 EUR",
                "O-2 WebChatClick chat-1 Assisted 30 EUR",
                "O-3 SmsLastTouch sms-1 Assisted 20 USD",
                "O-4 SmsLastTouch sms-1 Assisted 70 EUR",
            ],
            result.Orders.Select(a => $"{a.Order.Id} {a.Rule} {a.Conversation} {a.Match} {a.Amount}"));
        Assert.Equal("150 EUR + 20 USD", result.AttributedRevenue.ToString());
        Assert.Equal("200 EUR + 20 USD", result.TotalRevenue.ToString());
        Assert.Equal(["O-1", "O-2", "O-3"], new WebChatAttributionCalculator().Attribute(orders, AttributionEvidence.FromConversations([chat], touches)).Orders.Select(a => a.Order.Id));
    }
}
