using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using CustomerAgent.Serialization;
using NodaTime;
using static CustomerAgent.Tests.Attribution.AttributionData;

namespace CustomerAgent.Tests.Attribution;

public sealed class AttributionInputTests
{
    private static readonly Instant TooEarly = Instant.FromUtc(1899, 12, 31, 23, 59);

    [Fact]
    public void D5_an_order_with_a_negative_total_is_rejected_naming_field_value_and_rule()
    {
        var ex = Assert.Throws<CustomerAgentException>(() => Order.Create("o-1", Ann(), T0, Eur(-0.01m)));

        Assert.Equal(("D5", "order.total", "-0.01 EUR"), (ex.Rule, ex.Field, ex.Value));
        Assert.Contains("must not be negative", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Eur(0m), Order.Create("o-1", Ann(), T0, Eur(0m)).Total);
    }

    [Fact]
    public void D5_an_order_with_no_money_or_an_unknown_currency_is_rejected()
    {
        Assert.Equal(("D5", "order.total"), Field(() => Order.Create("o-1", Ann(), T0, default)));
        Assert.Equal(("D5", "currency"), Field(() => Order.Create("o-1", Ann(), T0, Money.Of(1m, "ABC"))));
    }

    [Fact]
    public void R11_ID_H4_H6_orders_need_an_id_a_shopper_a_supported_instant_and_non_blank_line_items()
    {
        Assert.Equal(("ID", "order.id"), Field(() => Order.Create(" ", Ann(), T0, Eur(1m))));
        Assert.Equal(("R11", "order.shopper"), Field(() => Order.Create("o-1", null!, T0, Eur(1m))));
        Assert.Equal(("H6", "order.placedAt"), Field(() => Order.Create("o-1", Ann(), TooEarly, Eur(1m))));
        Assert.Equal(("H4", "order.lineItems"), Field(() => Order.Create("o-1", Ann(), T0, Eur(1m), ["SKU-1", " "])));
        var order = Order.Create("o-1", Ann(), T0, Eur(1m), ["SKU-1", "SKU-1"]);
        Assert.Equal(["SKU-1", "SKU-1"], order.LineItems);
        Assert.Equal(Acct, order.AccountId);
        Assert.Equal(T0, order.PlacedAt);
        Assert.Equal("o-1", order.Id);
        Assert.Empty(Order.Create("o-2", Ann(), T0, Eur(1m)).LineItems);
    }

    [Fact]
    public void R11_a_touch_or_click_with_no_identity_is_rejected_naming_the_field_and_rule()
    {
        Assert.Equal(("R11", "touch.shopper"), Field(() => Touch.FromCampaign(null!, TouchChannel.Sms, TouchKind.Click, T0)));
        Assert.Equal(("R11", "touch.shopper"), Field(() => Touch.FromCustomerAgent(null!, TouchChannel.Sms, TouchKind.Click, T0, ConversationId.From("c"))));
        Assert.Equal(("R11", "click.shopper"), Field(() => ProductCardClick.Create(null!, ConversationId.From("c"), T0, "SKU")));
        Assert.Equal(("R11", "shopper"), Field(() => ShopperIdentity.Create(Acct, " ", "", null)));
        Assert.Equal(("R11", "profile.email"), Field(() => ShopperIdentity.Create(Acct, email: "not-an-email")));
        Assert.Equal(("R11", "profile.phoneNumber"), Field(() => ShopperIdentity.Create(Acct, phoneNumber: "06 12 34 56 78")));
        Assert.Equal("+33612345678", ShopperIdentity.Create(Acct, phoneNumber: "06 12 34 56 78", defaultCallingCode: "33").PhoneNumber);
        Assert.Equal(("ID", "accountId"), Field(() => ShopperIdentity.Create(default, email: "a@b.co")));
    }

    [Fact]
    public void R17_ID_H4_H6_touches_and_clicks_check_every_field()
    {
        Assert.Equal(("R17", "touch.channel"), Field(() => Touch.FromCampaign(Ann(), (TouchChannel)9, TouchKind.Click, T0)));
        Assert.Equal(("R17", "touch.kind"), Field(() => Touch.FromCampaign(Ann(), TouchChannel.Sms, (TouchKind)9, T0)));
        Assert.Equal(("H6", "touch.at"), Field(() => Touch.FromCampaign(Ann(), TouchChannel.Sms, TouchKind.Click, TooEarly)));
        Assert.Equal(("ID", "touch.conversation"), Field(() => Touch.FromCustomerAgent(Ann(), TouchChannel.Sms, TouchKind.Click, T0, default)));
        Assert.Equal(("ID", "click.conversation"), Field(() => ProductCardClick.Create(Ann(), default, T0, "SKU")));
        Assert.Equal(("H6", "click.at"), Field(() => ProductCardClick.Create(Ann(), ConversationId.From("c"), SupportedInstants.End, "SKU")));
        Assert.Equal(("H4", "click.productId"), Field(() => ProductCardClick.Create(Ann(), ConversationId.From("c"), T0, "")));
        Assert.Equal(("ID", "recommendation.accountId"), Field(() => RecommendedProduct.Create(default, ConversationId.From("c"), "p")));
        Assert.Equal(("ID", "recommendation.conversation"), Field(() => RecommendedProduct.Create(Acct, default, "p")));
        Assert.Equal(("H4", "recommendation.productId"), Field(() => RecommendedProduct.Create(Acct, ConversationId.From("c"), " ")));
        var touch = Touch.FromCustomerAgent(Ann(), TouchChannel.WhatsApp, TouchKind.Open, T0, ConversationId.From("c"));
        Assert.Equal((TouchChannel.WhatsApp, TouchKind.Open, T0, Touchpoint.WhatsAppOpen, true, Acct), (touch.Channel, touch.Kind, touch.At, touch.Touchpoint!.Value, touch.IsFromCustomerAgent, touch.AccountId));
        Assert.False(Campaign(T0).IsFromCustomerAgent);
        Assert.True(Campaign(T0).AgentConversation.IsDefault);
        Assert.Equal(Ann(), Campaign(T0).Shopper);
    }

    [Fact]
    public void R17_defaults_are_the_vendors_public_windows_all_on_and_web_chat_24_hours()
    {
        var d = AttributionSettings.Default;

        Assert.Equal(Duration.FromHours(24), d.WebChatWindow);
        Assert.Equal(TouchpointSetting.On(Duration.FromDays(5)), d[Touchpoint.SmsClick]);
        Assert.Equal(TouchpointSetting.On(Duration.FromDays(1)), d[Touchpoint.SmsOpen]);
        Assert.Equal(TouchpointSetting.On(Duration.FromHours(12)), d[Touchpoint.SmsDelivery]);
        Assert.Equal(TouchpointSetting.On(Duration.FromDays(5)), d[Touchpoint.EmailClick]);
        Assert.Equal(TouchpointSetting.On(Duration.FromDays(5)), d[Touchpoint.EmailOpen]);
        Assert.Equal(TouchpointSetting.On(Duration.FromHours(24)), d[Touchpoint.PushOpen]);
        Assert.Equal(TouchpointSetting.On(Duration.FromDays(5)), d[Touchpoint.WhatsAppClick]);
        Assert.Equal(TouchpointSetting.On(Duration.FromHours(12)), d[Touchpoint.WhatsAppOpen]);
        Assert.Equal(8, d.Touchpoints.Count);
        Assert.All(d.Touchpoints, p => Assert.Equal(AttributionSettings.DefaultFor(p.Key), p.Value));
        Assert.Equal("R17", Assert.Throws<CustomerAgentException>(() => d[(Touchpoint)8]).Rule);
        Assert.Equal("R17", Assert.Throws<CustomerAgentException>(() => AttributionSettings.DefaultFor((Touchpoint)(-1))).Rule);
        Assert.Equal("R17", Assert.Throws<CustomerAgentException>(() => ((Touchpoint)8).ToApiName()).Rule);
        Assert.Equal(
            ["sms-click", "sms-open", "sms-delivery", "email-click", "email-open", "push-open", "whatsapp-click", "whatsapp-open"],
            Enum.GetValues<Touchpoint>().Select(ApiNames.ToApiName));
        Assert.Equal(Duration.FromDays(30), AttributionSettings.MaxWindow);
        Assert.StartsWith("AttributionSettings(web-chat: 1:00:00:00, sms-click: on (5:00:00:00)", d.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void R17_settings_change_only_the_given_touchpoints_and_accept_api_names()
    {
        var s = ApiNames.ToAttributionSettings([new("sms-open", TouchpointSetting.Off), new("email-click", TouchpointSetting.On(Duration.FromDays(30)))], Duration.FromDays(30));

        Assert.Equal(TouchpointSetting.Off, s[Touchpoint.SmsOpen]);
        Assert.False(s[Touchpoint.SmsOpen].Enabled);
        Assert.Equal(Duration.FromDays(30), s[Touchpoint.EmailClick].Window);
        Assert.Equal(AttributionSettings.DefaultFor(Touchpoint.PushOpen), s[Touchpoint.PushOpen]);
        Assert.Equal(Duration.FromDays(30), s.WebChatWindow);
        Assert.Equal(TouchpointSetting.Off, default);
        Assert.Equal("off", TouchpointSetting.Off.ToString());
        Assert.Equal("on (0:01:00:00)", TouchpointSetting.On(Duration.FromHours(1)).ToString());
        Assert.True(TouchpointSetting.On(Duration.FromHours(1)) != TouchpointSetting.On(Duration.FromHours(2)));
        Assert.False(TouchpointSetting.On(Duration.FromHours(1)) != TouchpointSetting.On(Duration.FromHours(1)));
        Assert.True(TouchpointSetting.On(Duration.FromHours(1)).Equals((object)TouchpointSetting.On(Duration.FromHours(1))));
        Assert.False(TouchpointSetting.Off.Equals((object)"off"));
        Assert.Equal(TouchpointSetting.On(Duration.FromHours(1)).GetHashCode(), TouchpointSetting.On(Duration.FromHours(1)).GetHashCode());
        Assert.Equal(TouchpointSetting.Off, AttributionSettings.Create([new(Touchpoint.SmsOpen, TouchpointSetting.Off)])[Touchpoint.SmsOpen]);
        Assert.Equal(TouchpointSetting.Off, AttributionSettings.Create([new(Touchpoint.SmsOpen, default)])[Touchpoint.SmsOpen]);
        Assert.Throws<ArgumentNullException>(() => ApiNames.ToAttributionSettings(null!));
    }

    [Fact]
    public void R17_invalid_settings_are_rejected_with_one_message_listing_every_problem()
    {
        var ex = Assert.Throws<CustomerAgentException>(() => AttributionSettings.Create(
            [
                new(Touchpoint.SmsClick, TouchpointSetting.On(Duration.Zero)),
                new(Touchpoint.SmsOpen, TouchpointSetting.On(Duration.FromHours(-1))),
                new(Touchpoint.EmailOpen, TouchpointSetting.On(Duration.FromDays(30) + Duration.Epsilon)),
                new((Touchpoint)42, TouchpointSetting.On(Duration.FromHours(1))),
                new(Touchpoint.PushOpen, TouchpointSetting.Off),
                new(Touchpoint.PushOpen, TouchpointSetting.On(Duration.FromHours(1))),
            ],
            Duration.Zero));

        Assert.Equal(("R17", "attributionSettings", "6 problem(s)"), (ex.Rule, ex.Field, ex.Value));
        Assert.Contains("sms-click window = '0:00:00:00' must be positive and at most 30:00:00:00", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sms-open window = '-0:01:00:00'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("email-open window", ex.Message, StringComparison.Ordinal);
        Assert.Contains("touchpoint '42' is unknown (known: sms-click, sms-open", ex.Message, StringComparison.Ordinal);
        Assert.Contains("touchpoint push-open is given more than once", ex.Message, StringComparison.Ordinal);
        Assert.Contains("web-chat window (R16) = '0:00:00:00'", ex.Message, StringComparison.Ordinal);
        var named = Assert.Throws<CustomerAgentException>(() => ApiNames.ToAttributionSettings([new("sms-clicks", TouchpointSetting.Off), new("SMS-OPEN", TouchpointSetting.Off)]));
        Assert.Equal("2 problem(s)", named.Value);
        Assert.Contains("touchpoint 'sms-clicks' is unknown", named.Message, StringComparison.Ordinal);
        Assert.Equal("1 problem(s)", Assert.Throws<CustomerAgentException>(() => AttributionSettings.Create(webChatWindow: Duration.FromDays(31))).Value);
        Assert.Equal(Duration.FromDays(30), AttributionSettings.Create([new(Touchpoint.SmsClick, TouchpointSetting.On(Duration.FromDays(30)))])[Touchpoint.SmsClick].Window);
        Assert.Equal(Duration.Epsilon, AttributionSettings.Create([new(Touchpoint.SmsClick, TouchpointSetting.On(Duration.Epsilon))])[Touchpoint.SmsClick].Window);
    }

    [Fact]
    public void R11_identities_normalize_compare_and_redact()
    {
        var a = ShopperIdentity.Create(Acct, email: " Ann@EXAMPLE.com ", phoneNumber: "+33 6 12 34 56 78", externalId: " x-1 ");
        var b = ShopperIdentity.Create(Acct, email: "Ann@example.com", phoneNumber: "+33612345678", externalId: "x-1");

        Assert.Equal(("Ann@example.com", "+33612345678", "x-1", Acct), (a.Email, a.PhoneNumber, a.ExternalId, a.AccountId));
        Assert.Equal(b, a);
        Assert.True(a.Equals((object)b));
        Assert.False(a.Equals(null));
        Assert.Equal(b.GetHashCode(), a.GetHashCode());
        Assert.NotEqual(a, ShopperIdentity.Create(Other, email: "Ann@example.com", phoneNumber: "+33612345678", externalId: "x-1"));
        Assert.NotEqual(a, ShopperIdentity.Create(Acct, email: "Ann@example.com", phoneNumber: "+33612345678"));
        Assert.NotEqual(a, ShopperIdentity.Create(Acct, email: "Ann@example.com", externalId: "x-1"));
        Assert.NotEqual(a, ShopperIdentity.Create(Acct, phoneNumber: "+33612345678", externalId: "x-1"));
        Assert.Equal("Shopper(account: acct-1, email: A***@***.com, phone: +*********78, externalId: x-1)", a.ToString());
        Assert.Equal("Shopper(account: acct-1, email: -, phone: -, externalId: x-1)", ShopperIdentity.Create(Acct, externalId: "x-1").ToString());
        Assert.True(a.IsSameShopperAs(ShopperIdentity.Create(Acct, externalId: "x-1")));
        Assert.False(a.IsSameShopperAs(ShopperIdentity.Create(Other, externalId: "x-1")));
        Assert.False(ShopperIdentity.Create(Acct, email: "x-1@a.co").IsSameShopperAs(ShopperIdentity.Create(Acct, externalId: "x-1@a.co")));
        Assert.Throws<ArgumentNullException>(() => a.IsSameShopperAs(null!));
        Assert.Throws<ArgumentNullException>(() => ShopperIdentity.FromConversation(null!));
        var header = ConversationHeader.Create(ConversationId.From("c"), Acct, Channel.WebChat, ConversationMode.Live, Profile.Create(name: "Ann", phoneNumber: "+33612345678"));
        Assert.Equal(ShopperIdentity.Create(Acct, phoneNumber: "+33612345678"), ShopperIdentity.FromConversation(header));
        Assert.Null(ShopperIdentity.FromConversation(ConversationHeader.Create(ConversationId.From("c"), Acct, Channel.WebChat, ConversationMode.Live, Profile.Create(name: "Ann", anonymousId: "anon"))));
    }

    [Fact]
    public void R11_account_and_identifier_do_not_run_together_in_the_matching_key()
    {
        var a = ShopperIdentity.Create(AccountId.From("a|e|b"), externalId: "c");
        var b = ShopperIdentity.Create(AccountId.From("a"), externalId: "b|x|c");

        Assert.False(a.IsSameShopperAs(b));
        Assert.Empty(WebChat([OrderAt(H(1), shopper: a)], Click(H(0), shopper: b)).Orders);
    }

    private static (string Rule, string Field) Field(Action action)
    {
        var ex = Assert.Throws<CustomerAgentException>(action);
        return (ex.Rule, ex.Field);
    }

    /// <summary>
    /// R17 on a window in whole hours (the activity log's): 1 to 720 hours, exactly the whole hours <see cref="AttributionSettings.Create"/>
    /// accepts as a window, in the log's words.
    /// </summary>
    [Fact]
    public void R17_a_window_in_whole_hours_is_1_to_720_hours_as_create_accepts_them()
    {
        Assert.Equal(720, AttributionSettings.MaxWindowHours);
        for (var hours = -2L; hours <= 722; hours++)
        {
            var h = hours;
            var accepted = Record.Exception(() => AttributionSettings.WindowOfHours(h, "w")) is null;
            var created = Record.Exception(() => AttributionSettings.Create([new(Touchpoint.SmsClick, TouchpointSetting.On(Duration.FromHours(h)))])) is null;
            Assert.Equal(created, accepted);
        }

        Assert.Equal(Duration.FromHours(5), AttributionSettings.WindowOfHours(5, "w"));
        foreach (var hours in new[] { 0L, -5L, 721L, int.MaxValue, long.MinValue })
        {
            var ex = Assert.Throws<CustomerAgentException>(() => AttributionSettings.WindowOfHours(hours, "attribution.webChatWindowHours"));
            Assert.Equal(FormattableString.Invariant($"R17: attribution.webChatWindowHours = '{hours}' must be from 1 to 720 hours."), ex.Message);
        }
    }
}
