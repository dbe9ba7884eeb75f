using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Tests.Attribution;

/// <summary>Builders for attribution examples: one account, one shopper, instants in hours from T0.</summary>
internal static class AttributionData
{
    internal static readonly Instant T0 = Instant.FromUtc(2026, 6, 7, 10, 0);
    internal static readonly AccountId Acct = AccountId.From("acct-1");
    internal static readonly AccountId Other = AccountId.From("acct-2");
    internal static readonly Duration Tick = Duration.Epsilon;

    internal static ShopperIdentity Ann(AccountId? account = null) => ShopperIdentity.Create(account ?? Acct, email: "ann@example.com");

    internal static ShopperIdentity Bob(AccountId? account = null) => ShopperIdentity.Create(account ?? Acct, email: "bob@example.com");

    internal static Instant H(double hours) => T0 + Duration.FromSeconds(hours * 3600);

    internal static Money Eur(decimal amount) => Money.Of(amount, "EUR");

    internal static Order OrderAt(Instant at, string id = "o-1", ShopperIdentity? shopper = null, Money? total = null, params string[] items) =>
        Order.Create(id, shopper ?? Ann(), at, total ?? Eur(100m), items);

    internal static ProductCardClick Click(Instant at, string conversation = "c-1", ShopperIdentity? shopper = null, string product = "SKU-1") =>
        ProductCardClick.Create(shopper ?? Ann(), ConversationId.From(conversation), at, product);

    internal static Touch AgentSms(Instant at, TouchKind kind = TouchKind.Click, string conversation = "sms-1", ShopperIdentity? shopper = null) =>
        Touch.FromCustomerAgent(shopper ?? Ann(), TouchChannel.Sms, kind, at, ConversationId.From(conversation));

    internal static Touch Campaign(Instant at, TouchChannel channel = TouchChannel.Email, TouchKind kind = TouchKind.Click, ShopperIdentity? shopper = null) =>
        Touch.FromCampaign(shopper ?? Ann(), channel, kind, at);

    internal static AttributionResult WebChat(IEnumerable<Order> orders, params ProductCardClick[] clicks) =>
        new WebChatAttributionCalculator().Attribute(orders, AttributionEvidence.Create(clicks: clicks));

    internal static AttributionResult Sms(IEnumerable<Order> orders, AttributionSettings? settings = null, params Touch[] touches) =>
        new SmsLastTouchAttributionCalculator(settings ?? AttributionSettings.Default).Attribute(orders, AttributionEvidence.Create(touches: touches));
}
