using System.Globalization;
using CustomerAgent.Attribution;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.Tests.Attribution;

/// <summary>A shopper's identifiers as given (null: absent); all null is an anonymous conversation profile.</summary>
internal sealed record IdentifierSpec(string? Email, string? Phone, string? External)
{
    internal bool IsAnonymous => Email is null && Phone is null && External is null;

    public override string ToString() => $"[{Email ?? "-"} {Phone ?? "-"} {External ?? "-"}]";
}

/// <summary>A product-card click of a generated conversation.</summary>
internal sealed record ClickSpec(Instant At, string Product);

/// <summary>
/// A generated conversation, as plain data: the oracle reads these fields, the code under test gets the aggregate
/// <see cref="Build"/> makes of them. The agent recommends <see cref="Recommended"/> at the start; the shopper then clicks.
/// </summary>
internal sealed record ConversationSpec(string Account, string Id, Channel Channel, bool Live, Instant Start, IdentifierSpec Shopper, string[] Recommended, ClickSpec[] Clicks)
{
    internal Conversation Build()
    {
        var profile = Shopper.IsAnonymous ? Profile.Create(name: "Someone", anonymousId: "anon-" + Id) : Profile.Create(name: "Ann", email: Shopper.Email, phoneNumber: Shopper.Phone, externalId: Shopper.External);
        var header = ConversationHeader.Create(ConversationId.From(Id), AccountId.From(Account), Channel, Live ? ConversationMode.Live : ConversationMode.Preview, profile);
        var c = Conversation.Start(header, Start, "Any red shoes?");
        if (Recommended.Length > 0)
        {
            c.RecordAgentMessage(Start, "These:", "product-recommendations", Recommended);
        }

        foreach (var click in Clicks)
        {
            c.RecordProductCardClick(click.At, click.Product);
        }

        return c;
    }

    public override string ToString() =>
        $"{Account}/{Id} {Channel} {(Live ? "live" : "preview")} from {CohortCase.F(Start)} shopper {Shopper} recommends [{string.Join(",", Recommended)}] clicks [{string.Join(", ", Clicks.Select(c => c.Product + "@" + CohortCase.F(c.At)))}]";
}

/// <summary>A random case for the cohort property: conversations, the agent switch timeline (or none), touches, orders and settings over time.</summary>
internal sealed record CohortCase(
    ConversationSpec[] Conversations,
    AgentSwitchChange[]? Switches,
    Touch[] Touches,
    Order[] Orders,
    AttributionSettings Initial,
    KeyValuePair<Instant, AttributionSettings>[] Changes)
{
    internal const string Account1 = "acct-1";
    internal const string Account2 = "acct-2";

    internal AgentSwitchTimeline? Timeline => Switches is null ? null : AgentSwitchTimeline.Create(AccountId.From(Account1), Switches);

    internal AttributionSettingsHistory History => AttributionSettingsHistory.Create(Initial, Changes);

    internal static string F(Instant at) => InstantPattern.ExtendedIso.Format(at);

    public override string ToString() => string.Join(
        "\n",
        new[] { "conversations:" }.Concat(Conversations.Select(c => "  " + c))
            .Append("switches: " + (Switches is null ? "none (everything collected)" : string.Join(", ", Switches.Select(s => $"{s.Channel} {(s.Enabled ? "on" : "off")}@{F(s.At)}"))))
            .Append("touches:").Concat(Touches.Select(t => $"  {t.AccountId} {t.Channel} {t.Kind}@{F(t.At)} {(t.IsFromCustomerAgent ? "agent " + t.AgentConversation : "campaign")} {t.Shopper.Email}/{t.Shopper.PhoneNumber}/{t.Shopper.ExternalId}"))
            .Append("orders:").Concat(Orders.Select(o => $"  {o.AccountId}/{o.Id}@{F(o.PlacedAt)} {o.Total} [{string.Join(",", o.LineItems)}] {o.Shopper.Email}/{o.Shopper.PhoneNumber}/{o.Shopper.ExternalId}"))
            .Append($"settings: {Initial}").Concat(Changes.Select(c => $"  from {F(c.Key)}: {c.Value}")));
}

/// <summary>
/// Generators that reach the cohort's edges: conversations begun exactly at a switch instant or a nanosecond either side, preview
/// and live, web chat and SMS (and email), anonymous shoppers, emails that differ only by case, touches naming existing, uncounted,
/// other accounts' and unknown conversations, instants on a 6-hour grid (the window edges) give or take a nanosecond.
/// </summary>
internal static class CohortGenerators
{
    private static readonly string[] Products = ["P1", "P2", "P3"];
    private static readonly string[] LineItems = ["P1", "P2", "P3", "P9"];

    private static readonly IdentifierSpec[] Identified =
    [
        new("ann@example.com", null, null),
        new("Ann@Example.com", null, null),
        new("ANN@EXAMPLE.COM", "+33612345678", null),
        new(null, "+33612345678", null),
        new("bob@example.com", null, "x-1"),
        new(null, null, "x-1"),
    ];

    private static readonly Gen<Duration> Jitter = Gen.Frequency((5, Gen.Constant(Duration.Zero)), (1, Gen.Constant(Duration.Epsilon)), (1, Gen.Constant(-Duration.Epsilon)));

    private static readonly Gen<Instant> At =
        from step in Gen.Choose(0, 24)
        from jitter in Jitter
        select AttributionGenerators.Base + Duration.FromHours(6 * step) + jitter;

    private static readonly Gen<IdentifierSpec> Shopper = Gen.Elements(Identified);

    private static readonly Gen<string> Account = Gen.Elements(CohortCase.Account1, CohortCase.Account2);

    private static Gen<ConversationSpec> Conversation(bool oneAccount) =>
        from account in oneAccount ? Gen.Constant(CohortCase.Account1) : Account
        from id in Gen.Choose(0, 3).Select(i => "c-" + i.ToString(CultureInfo.InvariantCulture))
        from channel in Gen.Frequency((3, Gen.Constant(Channel.WebChat)), (2, Gen.Constant(Channel.Sms)), (1, Gen.Constant(Channel.Email)))
        from live in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        from start in At
        from shopper in Gen.Frequency((5, Shopper), (1, Gen.Constant(new IdentifierSpec(null, null, null))))
        from recommended in Gen.SubListOf(Products).Select(l => l.ToArray())
        from clicks in (
            from steps in Gen.Choose(0, 6)
            from jitter in Jitter
            from product in recommended.Length == 0 ? Gen.Constant(string.Empty) : Gen.Elements(recommended)
            select (steps, jitter, product)).ListOf()
        select new ConversationSpec(
            account,
            id,
            channel,
            live,
            start,
            shopper,
            recommended,
            recommended.Length == 0
                ? []
                : [.. clicks.Select(c => new ClickSpec(start + Duration.FromHours(6 * c.steps) + (c.steps == 0 && c.jitter < Duration.Zero ? Duration.Zero : c.jitter), c.product)).OrderBy(c => c.At)]);

    /// <summary>Switch changes anchored on the conversations' starts (exactly, or a nanosecond off) or on the grid.</summary>
    private static Gen<AgentSwitchChange[]> Switches(ConversationSpec[] conversations) =>
        (from anchor in conversations.Length == 0 ? Gen.Constant(-1) : Gen.Choose(-1, conversations.Length - 1)
         from grid in At
         from jitter in Jitter
         from own in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
         from other in Gen.Elements(Enum.GetValues<Channel>())
         from enabled in Gen.Frequency((3, Gen.Constant(true)), (2, Gen.Constant(false)))
         select anchor < 0
             ? new AgentSwitchChange(grid, other, enabled)
             : new AgentSwitchChange(conversations[anchor].Start + jitter, own ? conversations[anchor].Channel : other, enabled))
        .ListOf()
        .Select(list => list.DistinctBy(s => (s.Channel, s.At)).OrderBy(s => s.At).ToArray());

    private static readonly Gen<Touch> Touch =
        from account in Account
        from shopper in Shopper
        from channel in Gen.Frequency((4, Gen.Constant(TouchChannel.Sms)), (1, Gen.Elements(TouchChannel.Email, TouchChannel.Push, TouchChannel.WhatsApp)))
        from kind in Gen.Elements(Enum.GetValues<TouchKind>())
        from at in At
        from agent in Gen.Frequency((2, Gen.Constant<string?>(null)), (5, Gen.Choose(0, 3).Select(i => (string?)("c-" + i.ToString(CultureInfo.InvariantCulture)))), (1, Gen.Constant<string?>("ghost")))
        select agent is null
            ? CustomerAgent.Attribution.Touch.FromCampaign(Identity(account, shopper), channel, kind, at)
            : CustomerAgent.Attribution.Touch.FromCustomerAgent(Identity(account, shopper), channel, kind, at, ConversationId.From(agent));

    private static readonly Gen<Order[]> Orders =
        (from account in Account
         from shopper in Shopper
         from at in At
         from currency in Gen.Elements("EUR", "USD")
         from cents in Gen.Choose(0, 10_000)
         from items in Gen.SubListOf(LineItems)
         select (account, shopper, at, currency, cents, items))
        .ListOf()
        .Select(list => list.Select((o, i) => Order.Create("o-" + i.ToString(CultureInfo.InvariantCulture), Identity(o.account, o.shopper), o.at, Money.Of(o.cents / 100m, o.currency), o.items)).ToArray());

    private static readonly Gen<AttributionSettings> Settings =
        Gen.Frequency((1, Gen.Constant(AttributionSettings.Default)), (3, AttributionGenerators.Settings));

    private static readonly Gen<KeyValuePair<Instant, AttributionSettings>[]> Changes =
        (from at in At
         from settings in Settings
         select KeyValuePair.Create(at, settings))
        .ListOf()
        .Select(list => list.Take(3).DistinctBy(c => c.Key).OrderBy(c => c.Key).ToArray());

    internal static ShopperIdentity Identity(string account, IdentifierSpec shopper) =>
        ShopperIdentity.Create(AccountId.From(account), shopper.Email, shopper.Phone, shopper.External);

    internal static readonly Gen<CohortCase> Case =
        from withTimeline in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        from conversations in Conversation(withTimeline).ListOf().Select(l => l.Take(6).DistinctBy(c => (c.Account, c.Id)).ToArray())
        from switches in withTimeline ? Switches(conversations).Select(s => (AgentSwitchChange[]?)s) : Gen.Constant<AgentSwitchChange[]?>(null)
        from touches in Touch.ListOf().Select(l => l.ToArray())
        from orders in Orders
        from initial in Settings
        from changes in Changes
        select new CohortCase(conversations, switches, touches, orders, initial, changes);
}
