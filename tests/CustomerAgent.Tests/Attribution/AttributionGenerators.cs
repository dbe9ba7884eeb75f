using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CustomerAgent.Tests.Attribution;

/// <summary>A random attribution case: orders, evidence and settings over a few shoppers in two accounts.</summary>
internal sealed record AttributionCase(Order[] Orders, AttributionEvidence Evidence, AttributionSettings Settings)
{
    public override string ToString() =>
        $"settings {Settings}\norders:\n  {string.Join("\n  ", Orders.Select(o => $"{o} shopper {o.Shopper} items [{string.Join(",", o.LineItems)}]"))}\n"
        + $"clicks:\n  {string.Join("\n  ", Evidence.Clicks.Select(c => $"{c} {c.Shopper}"))}\ntouches:\n  {string.Join("\n  ", Evidence.Touches.Select(t => $"{t} {t.Shopper}"))}";
}

internal static class AttributionGenerators
{
    internal static readonly Instant Base = Instant.FromUtc(2026, 6, 1, 0, 0);
    private static readonly string[] Accounts = ["acct-1", "acct-2"];
    private static readonly string[] Currencies = ["EUR", "USD", "JPY"];
    private static readonly string[] Products = ["P1", "P2", "P3"];

    /// <summary>Identities over a small pool so that shoppers overlap by email, phone or external ID, and repeat across accounts.</summary>
    internal static readonly Gen<ShopperIdentity> Shopper =
        from account in Gen.Elements(Accounts)
        from email in Gen.Elements<string?>(null, "ann@example.com", "bob@example.com")
        from phone in Gen.Elements<string?>(null, null, "+33612345678")
        from external in Gen.Elements<string?>(null, null, "x-1", "x-2")
        select ShopperIdentity.Create(AccountId.From(account), email, phone, external ?? (email is null && phone is null ? "x-3" : null));

    /// <summary>Instants on a 6-hour grid over 8 days (so they land on 12 h, 1 d, 5 d window edges), sometimes one nanosecond off.</summary>
    internal static readonly Gen<Instant> At =
        from step in Gen.Choose(0, 32)
        from jitter in Gen.Frequency((6, Gen.Constant(0L)), (1, Gen.Constant(1L)), (1, Gen.Constant(-1L)))
        select Base + Duration.FromHours(6 * step) + Duration.FromNanoseconds(jitter);

    private static readonly Gen<Money> Total =
        from currency in Gen.Elements(Currencies)
        from cents in Gen.Choose(0, 100_000)
        select Money.Of(cents / 100m, currency);

    private static readonly Gen<string[]> LineItems = Gen.SubListOf(Products).Select(l => l.ToArray());

    private static readonly Gen<ProductCardClick> Click =
        from shopper in Shopper
        from conversation in Gen.Elements("c-1", "c-2", "c-3")
        from at in At
        from product in Gen.Elements(Products)
        select ProductCardClick.Create(shopper, ConversationId.From(conversation), at, product);

    private static readonly Gen<Touch> Touch =
        from shopper in Shopper
        from channel in Gen.Elements(Enum.GetValues<TouchChannel>())
        from kind in Gen.Elements(Enum.GetValues<TouchKind>())
        from at in At
        from agent in Gen.Elements<string?>(null, "s-1", "s-2")
        select agent is null
            ? CustomerAgent.Attribution.Touch.FromCampaign(shopper, channel, kind, at)
            : CustomerAgent.Attribution.Touch.FromCustomerAgent(shopper, channel, kind, at, ConversationId.From(agent));

    private static readonly Gen<RecommendedProduct> Recommendation =
        from account in Gen.Elements(Accounts)
        from conversation in Gen.Elements("c-1", "c-2", "c-3", "s-1", "s-2")
        from product in Gen.Elements(Products)
        select RecommendedProduct.Create(AccountId.From(account), ConversationId.From(conversation), product);

    internal static readonly Gen<Duration> Window =
        from hours in Gen.Elements(1, 6, 12, 24, 48, 120)
        from jitter in Gen.Elements(0L, 1L, -1L)
        select Duration.FromHours(hours) + Duration.FromNanoseconds(jitter);

    private static readonly Gen<TouchpointSetting> Setting =
        Gen.Frequency((1, Gen.Constant(TouchpointSetting.Off)), (4, Window.Select(TouchpointSetting.On)));

    internal static readonly Gen<AttributionSettings> Settings =
        from settings in Gen.ArrayOf(Setting, 8)
        from web in Window
        select AttributionSettings.Create(settings.Select((s, i) => new KeyValuePair<Touchpoint, TouchpointSetting>((Touchpoint)i, s)), web);

    private static readonly Gen<Order[]> Orders =
        Gen.ListOf(
            from shopper in Shopper
            from at in At
            from total in Total
            from items in LineItems
            select (shopper, at, total, items))
        .Select(list => list.Select((o, i) => Order.Create("o-" + i, o.shopper, o.at, o.total, o.items)).ToArray());

    internal static readonly Gen<AttributionCase> Case =
        from orders in Orders
        from clicks in Gen.ListOf(Click)
        from touches in Gen.ListOf(Touch)
        from recommendations in Gen.ListOf(Recommendation)
        from settings in Gen.Frequency((1, Gen.Constant(AttributionSettings.Default)), (2, Settings))
        select new AttributionCase(orders, AttributionEvidence.Create(clicks, touches, recommendations), settings);

    internal static Arbitrary<AttributionCase> Cases => Case.ToArbitrary();
}
