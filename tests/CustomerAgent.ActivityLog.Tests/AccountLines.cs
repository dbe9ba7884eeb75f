using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>One generated line of an account, with its instant (the lines of an account are written in time order).</summary>
public sealed record AccountLine(Instant At, string Text);

/// <summary>
/// Generators of <b>valid</b> lines of one account, of every kind: <c>account-settings</c> (zones, first days, attribution),
/// <c>agent-switch</c>, conversations (live and preview, every channel, profiles with emails that differ only by case, agent
/// messages with products, clicks on recommended products, tags, a handoff, a close), <c>order</c> and <c>touch</c> (campaign or
/// naming a conversation, existing or not). Two accounts generated with the same generator share conversation IDs, order IDs and
/// shoppers, so nothing but the account tells them apart.
/// </summary>
public static class AccountLines
{
    /// <summary>The instant every account's lines start from (plus the generator's offset).</summary>
    public static readonly Instant Base = Instant.FromUtc(2026, 6, 7, 8, 0);

    private static readonly string[] Zones = ["UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo"];
    private static readonly string[] Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    private static readonly string[] Channels = ["web-chat", "sms", "email", "whatsapp"];
    private static readonly string[] TouchChannels = ["sms", "email", "push", "whatsapp"];
    private static readonly string[] Kinds = ["delivery", "open", "click"];
    private static readonly string[] Products = ["SKU-1", "SKU-2", "SKU-3"];
    private static readonly string[] Items = ["SKU-1", "SKU-2", "SKU-9"];
    private static readonly string[] ShopperFields =
    [
        """{"email":"ann@example.com"}""", """{"email":"Ann@Example.com"}""", """{"email":"bob@example.com","phone":"+33612345678"}""",
        """{"phone":"+33612345678"}""", """{"externalId":"x-1"}""",
    ];

    private static readonly string[] ProfileFields =
    [
        string.Empty, ""","profile":{"name":"Ann","email":"ANN@example.com"}""", ""","profile":{"email":"ann@example.com"}""",
        ""","profile":{"name":"Bob","phone":"+33612345678"}""", ""","profile":{"name":"Anonymous shopper"}""",
    ];

    private static string F(Instant at) => InstantPattern.ExtendedIso.Format(at);

    private static string Q(string s) => "\"" + s + "\"";

    /// <summary>Minutes from the base over three days, on a 30-minute grid half the time (so instants coincide across lines).</summary>
    private static readonly Gen<int> Minutes = Gen.Frequency((1, Gen.Choose(0, 144).Select(i => i * 30)), (1, Gen.Choose(0, 3 * 24 * 60)));

    private static Gen<List<AccountLine>> Settings(string account, Instant origin) =>
        (from minutes in Gen.Choose(-120, 3 * 24 * 60)
         from zone in Gen.Frequency((1, Gen.Constant<string?>(null)), (4, Gen.Elements(Zones).Select(z => (string?)z)))
         from day in Gen.Frequency((1, Gen.Constant<string?>(null)), (2, Gen.Elements(Days).Select(d => (string?)d)))
         from web in Gen.Frequency((1, Gen.Constant<int?>(null)), (1, Gen.Elements(1, 6, 24, 48).Select(h => (int?)h)))
         from smsClick in Gen.Frequency((1, Gen.Constant<int?>(null)), (1, Gen.Elements(0, 1, 6, 120).Select(h => (int?)h)))
         select new AccountLine(
             origin + Duration.FromMinutes(minutes),
             "{\"type\":\"account-settings\",\"account\":" + Q(account) + ",\"at\":" + Q(F(origin + Duration.FromMinutes(minutes)))
             + (zone is null ? string.Empty : ",\"timeZone\":" + Q(zone))
             + (day is null ? string.Empty : ",\"firstDayOfWeek\":" + Q(day))
             + (web is null && smsClick is null ? string.Empty
                 : ",\"attribution\":{" + string.Join(",", new[]
                 {
                     web is null ? null : "\"webChatWindowHours\":" + web.Value.ToString(CultureInfo.InvariantCulture),
                     smsClick is null ? null : "\"touchpoints\":{\"sms-click\":" + (smsClick == 0 ? "{\"enabled\":false}" : "{\"enabled\":true,\"windowHours\":" + smsClick.Value.ToString(CultureInfo.InvariantCulture) + "}") + "}",
                 }.Where(s => s is not null)) + "}")
             + "}"))
        .ListOf().Select(l => l.Take(3).ToList());

    private static Gen<List<AccountLine>> Switches(string account, Instant origin) =>
        (from minutes in Gen.Frequency((2, Gen.Constant(-60)), (3, Minutes))
         from channel in Gen.Elements(Channels)
         from enabled in Gen.Frequency((3, Gen.Constant(true)), (2, Gen.Constant(false)))
         select (At: origin + Duration.FromMinutes(minutes), Channel: channel, Enabled: enabled))
        .ListOf()
        .Select(l => l.Take(5).DistinctBy(s => (s.At, s.Channel))
            .Select(s => new AccountLine(s.At, "{\"type\":\"agent-switch\",\"account\":" + Q(account) + ",\"at\":" + Q(F(s.At)) + ",\"channel\":" + Q(s.Channel) + ",\"enabled\":" + (s.Enabled ? "true" : "false") + "}"))
            .ToList());

    private static Gen<Func<string, List<AccountLine>>> Conversation(string account, Instant origin) =>
        from start in Minutes
        from channel in Gen.Elements(Channels)
        from preview in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from profile in Gen.Elements(ProfileFields)
        from steps in (
            from kind in Gen.Frequency((3, Gen.Constant("shopper")), (3, Gen.Constant("agent")), (3, Gen.Constant("click")), (2, Gen.Constant("tag")), (1, Gen.Constant("handoff")))
            from gap in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, 360)))
            from products in Gen.SubListOf(Products)
            from pick in Gen.Choose(0, 2)
            from flag in Gen.Elements(true, false)
            select (kind, gap, products, pick, flag)).ListOf()
        from close in Gen.Frequency((1, Gen.Constant<int?>(null)), (1, Gen.Choose(0, 360).Select(m => (int?)m)))
        select (Func<string, List<AccountLine>>)(id => ConversationLines(account, id, origin + Duration.FromMinutes(start), channel, preview, profile, steps.Take(6).ToList(), close));

    private static List<AccountLine> ConversationLines(string account, string id, Instant start, string channel, bool preview, string profile, List<(string Kind, int Gap, List<string> Products, int Pick, bool Flag)> steps, int? close)
    {
        string Head(Instant at, string type) => "{\"conversation\":" + Q(id) + ",\"account\":" + Q(account) + ",\"at\":" + Q(F(at)) + ",\"type\":" + Q(type);
        var lines = new List<AccountLine>
        {
            new(start, "{\"conversation\":" + Q(id) + ",\"account\":" + Q(account) + ",\"channel\":" + Q(channel) + ",\"at\":" + Q(F(start)) + ",\"type\":\"shopper-message\"" + (preview ? ",\"mode\":\"preview\"" : string.Empty) + ",\"text\":\"Any red shoes?\"" + profile + "}"),
        };
        var recommended = new List<string>();
        var handedOff = false;
        var at = start;
        foreach (var step in steps)
        {
            at += Duration.FromMinutes(step.Gap); // at most 6 steps of 6 hours: never past the close by inactivity (48 h)
            switch (step.Kind)
            {
                case "shopper":
                    lines.Add(new(at, Head(at, "shopper-message") + ",\"text\":\"more\"}"));
                    break;
                case "agent":
                    var products = step.Products.Count == 0 ? string.Empty : ",\"products\":[" + string.Join(",", step.Products.Select(Q)) + "]";
                    recommended.AddRange(step.Products);
                    lines.Add(new(at, Head(at, "agent-message") + ",\"text\":\"ok\",\"skill\":" + Q(step.Products.Count > 0 ? "product-recommendations" : step.Flag ? "general-qa" : "order-status") + products + "}"));
                    break;
                case "click" when recommended.Count > 0:
                    lines.Add(new(at, Head(at, "product-click") + ",\"product\":" + Q(recommended[step.Pick % recommended.Count]) + "}"));
                    break;
                case "handoff" when !handedOff:
                    handedOff = true;
                    lines.Add(new(at, Head(at, "handoff") + ",\"kind\":\"transfer-to-human\",\"mode\":\"hard\",\"reason\":\"explicit-ask\"}"));
                    break;
                default:
                    lines.Add(new(at, Head(at, "tag") + ",\"tag\":" + Q(step.Flag ? "shoes" : "price") + "}"));
                    break;
            }
        }

        if (close is { } minutes)
        {
            at += Duration.FromMinutes(minutes);
            lines.Add(new(at, Head(at, "close") + ",\"by\":\"visitor\"}"));
        }

        return lines;
    }

    private static Gen<List<AccountLine>> Orders(string account, Instant origin) =>
        (from minutes in Minutes
         from shopper in Gen.Elements(ShopperFields)
         from cents in Gen.Choose(0, 20_000)
         from currency in Gen.Elements("EUR", "USD")
         from items in Gen.SubListOf(Items)
         select (minutes, shopper, cents, currency, items))
        .ListOf()
        .Select(l => l.Take(5).Select((o, i) => new AccountLine(
            origin + Duration.FromMinutes(o.minutes),
            "{\"type\":\"order\",\"account\":" + Q(account) + ",\"at\":" + Q(F(origin + Duration.FromMinutes(o.minutes))) + ",\"order\":\"o-" + i.ToString(CultureInfo.InvariantCulture) + "\",\"shopper\":" + o.shopper
            + ",\"amount\":" + (o.cents / 100m).ToString("0.00", CultureInfo.InvariantCulture) + ",\"currency\":" + Q(o.currency)
            + (o.items.Count == 0 ? string.Empty : ",\"items\":[" + string.Join(",", o.items.Select(Q)) + "]") + "}")).ToList());

    private static Gen<List<AccountLine>> Touches(string account, Instant origin) =>
        (from minutes in Minutes
         from channel in Gen.Frequency((3, Gen.Constant("sms")), (2, Gen.Elements(TouchChannels)))
         from kind in Gen.Elements(Kinds)
         from shopper in Gen.Elements(ShopperFields)
         from conversation in Gen.Frequency((2, Gen.Constant<string?>(null)), (3, Gen.Choose(0, 4).Select(i => (string?)("c" + i.ToString(CultureInfo.InvariantCulture)))), (1, Gen.Constant<string?>("ghost")))
         select new AccountLine(
             origin + Duration.FromMinutes(minutes),
             "{\"type\":\"touch\",\"account\":" + Q(account) + ",\"at\":" + Q(F(origin + Duration.FromMinutes(minutes))) + ",\"channel\":" + Q(channel) + ",\"kind\":" + Q(kind) + ",\"shopper\":" + shopper
             + (conversation is null ? string.Empty : ",\"conversation\":" + Q(conversation)) + "}"))
        .ListOf().Select(l => l.Take(6).ToList());

    /// <summary>
    /// Valid lines of <paramref name="account"/> from <see cref="Base"/> + <paramref name="offset"/>, in time order: at least
    /// <paramref name="minConversations"/> conversations (IDs c0…c4), settings, switches, orders and touches.
    /// </summary>
    public static Gen<List<AccountLine>> For(string account, Duration offset, int minConversations = 0)
    {
        var origin = Base + offset;
        return
            from settings in Settings(account, origin)
            from switches in Gen.Frequency((1, Gen.Constant(new List<AccountLine>())), (2, Switches(account, origin)))
            from n in Gen.Choose(minConversations, 5)
            from conversations in Conversation(account, origin).ArrayOf(n).Select(a => a.Select((lines, i) => lines("c" + i.ToString(CultureInfo.InvariantCulture))))
            from orders in Orders(account, origin)
            from touches in Touches(account, origin)
            select settings.Concat(switches).Concat(conversations.SelectMany(c => c)).Concat(orders).Concat(touches).OrderBy(l => l.At).ToList();
    }

    /// <summary>One valid line of <paramref name="account"/> at <paramref name="at"/>, of a kind chosen by <paramref name="kind"/> (0 to 4).</summary>
    public static string LineAt(string account, Instant at, int kind) => kind switch
    {
        0 => "{\"type\":\"account-settings\",\"account\":" + Q(account) + ",\"at\":" + Q(F(at)) + ",\"timeZone\":\"Pacific/Kiritimati\",\"firstDayOfWeek\":\"sunday\"}",
        1 => "{\"type\":\"agent-switch\",\"account\":" + Q(account) + ",\"at\":" + Q(F(at)) + ",\"channel\":\"web-chat\",\"enabled\":false}",
        2 => "{\"type\":\"order\",\"account\":" + Q(account) + ",\"at\":" + Q(F(at)) + ",\"order\":\"late-order\",\"shopper\":{\"email\":\"ann@example.com\"},\"amount\":1000.00,\"currency\":\"EUR\"}",
        3 => "{\"type\":\"touch\",\"account\":" + Q(account) + ",\"at\":" + Q(F(at)) + ",\"channel\":\"sms\",\"kind\":\"click\",\"shopper\":{\"email\":\"ann@example.com\"},\"conversation\":\"c0\"}",
        _ => "{\"conversation\":\"late\",\"account\":" + Q(account) + ",\"channel\":\"web-chat\",\"at\":" + Q(F(at)) + ",\"type\":\"shopper-message\",\"text\":\"Hello?\",\"profile\":{\"email\":\"ann@example.com\"}}",
    };
}
