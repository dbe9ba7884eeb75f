using System.Text.Json;
using NodaTime;

namespace CustomerAgent.Cli;

/// <summary>
/// Writes a deterministic activity log (same seed, same bytes) with the scenarios the rules distinguish: resolved by a
/// visitor close or by the 48-hour auto-close, handoffs of every kind, tickets accepted and declined, shopper-last
/// closes, product recommendations and clicks, tags, SMS and web chat, and a few preview conversations; and what the SDK computes
/// on besides: two accounts with their settings (time zone, first day of the week, attribution), the agent switched on per
/// channel with one disabled period, orders after some clicks, and SMS, email and push touches (from the agent or a campaign).
/// </summary>
internal static class SampleLogGenerator
{
    /// <summary>The default first instant: the week of October 20, 2026, in which Europe/Paris (acme) leaves summer time on the 25th (a 25-hour day).</summary>
    internal static readonly Instant DefaultStart = Instant.FromUtc(2026, 10, 20, 8, 0);

    private static readonly string[] Skills = ["order-tracking", "product-recommendations", "returns-and-exchanges", "general-qa"];
    private static readonly string[] Tags = ["shipping", "returns", "sizing", "discounts", "product-question"];
    private static readonly string[] Names = ["Ann", "Bao", "Chloé", "Dmitri", "Esi", "Farid"];
    private static readonly string[] Questions =
    [
        "Where is my order?", "Do you have these boots in size 39?", "How do I return a jacket?",
        "Is there a discount for first orders?", "Do you ship to Canada?", "Which serum suits dry skin?",
    ];

    internal static void Write(TextWriter output, int conversations, int seed, Instant start)
    {
        var random = new Random(seed);
        WriteAccounts(output, start);
        for (var i = 0; i < conversations; i++)
        {
            var id = $"conv-{i + 1:D5}";
            var account = i % 7 == 6 ? "globex" : "acme";
            var at = start + Duration.FromSeconds(random.Next(0, 7 * 24 * 3600));
            var channel = random.Next(4) == 0 ? "sms" : "web-chat";
            var mode = random.Next(25) == 0 ? "preview" : "live";
            var profile = Profile(random, i);
            var line = new Dictionary<string, object?>
            {
                ["conversation"] = id, ["account"] = account, ["channel"] = channel, ["mode"] = mode,
                ["at"] = LogInstants.Format(at), ["type"] = "shopper-message", ["text"] = Questions[random.Next(Questions.Length)],
                ["profile"] = profile,
            };
            Emit(output, line);

            var skill = Skills[random.Next(Skills.Length)];
            var scenario = random.Next(10);
            Instant Next() => at += Duration.FromSeconds(random.Next(5, 600));
            Dictionary<string, object?> Line(string type) => new() { ["conversation"] = id, ["account"] = account, ["at"] = LogInstants.Format(Next()), ["type"] = type };

            Emit(output, With(Line("tag"), "tag", Tags[random.Next(Tags.Length)]));
            var products = skill == "product-recommendations" ? new[] { $"SKU-{random.Next(100, 999)}", $"SKU-{random.Next(1000, 1999)}" } : null;
            var agent = With(With(Line("agent-message"), "text", "Here is what I found."), "skill", skill);
            agent["products"] = products;
            Emit(output, agent);
            if (products is not null && random.Next(2) == 0)
            {
                var product = products[random.Next(products.Length)];
                Emit(output, With(Line("product-click"), "product", product));
                if (Shopper(profile) is { } buyer && random.Next(2) == 0)
                {
                    Emit(output, new Dictionary<string, object?>
                    {
                        ["type"] = "order", ["account"] = account, ["at"] = LogInstants.Format(at + Duration.FromHours(random.Next(1, 30))),
                        ["order"] = $"order-{i + 1:D5}", ["shopper"] = buyer, ["amount"] = random.Next(1000, 20000) / 100m,
                        ["currency"] = account == "acme" ? "EUR" : "USD", ["items"] = new[] { product },
                    });
                }
            }

            if (Shopper(profile) is { } reached && random.Next(5) == 0)
            {
                var agentSms = channel == "sms" && profile?.ContainsKey("phone") == true;
                var touch = new Dictionary<string, object?>
                {
                    ["type"] = "touch", ["account"] = account, ["at"] = LogInstants.Format(at + Duration.FromMinutes(random.Next(1, 600))),
                    ["channel"] = agentSms ? "sms" : random.Next(2) == 0 ? "email" : "push", ["kind"] = agentSms ? "click" : "open",
                    ["shopper"] = reached,
                };
                if (agentSms)
                {
                    touch["conversation"] = id;
                }

                Emit(output, touch);
            }

            switch (scenario)
            {
                case 0 or 1 or 2:
                    Emit(output, With(Line("close"), "by", "visitor"));
                    break;
                case 3:
                    // left unanswered: resolves by itself 48 h later (R5)
                    break;
                case 4:
                    Emit(output, With(Line("shopper-message"), "text", "That doesn't help."));
                    break;
                case 5:
                    Emit(output, With(With(With(Line("handoff"), "kind", "transfer-to-human"), "mode", "hard"), "reason", "explicit-ask"));
                    break;
                case 6:
                    Emit(output, With(With(With(Line("handoff"), "kind", "custom-message"), "mode", "soft"), "reason", "knowledge-gap"));
                    break;
                case 7 or 8:
                    Emit(output, With(With(Line("ticket-offer"), "mode", "soft"), "reason", "knowledge-gap"));
                    var answer = Line("ticket-answer");
                    answer["accepted"] = scenario == 7;
                    Emit(output, answer);
                    Emit(output, With(With(Line("agent-message"), "text", "Anything else?"), "skill", skill));
                    break;
                default:
                    Emit(output, With(Line("close"), "by", "visitor"));
                    break;
            }
        }
    }

    /// <summary>Both accounts' settings, and the agent switched on per channel, with globex's SMS agent off for a day (R12).</summary>
    private static void WriteAccounts(TextWriter output, Instant start)
    {
        var before = LogInstants.Format(start - Duration.FromDays(1));
        Emit(output, new Dictionary<string, object?>
        {
            ["type"] = "account-settings", ["account"] = "acme", ["at"] = before, ["timeZone"] = "Europe/Paris", ["firstDayOfWeek"] = "monday",
            ["attribution"] = new Dictionary<string, object?>
            {
                ["webChatWindowHours"] = 24,
                ["touchpoints"] = new Dictionary<string, object?>
                {
                    ["sms-click"] = new Dictionary<string, object?> { ["enabled"] = true, ["windowHours"] = 120 },
                    ["sms-delivery"] = new Dictionary<string, object?> { ["enabled"] = false },
                },
            },
        });
        Emit(output, new Dictionary<string, object?> { ["type"] = "account-settings", ["account"] = "globex", ["at"] = before, ["timeZone"] = "America/New_York", ["firstDayOfWeek"] = "sunday" });
        foreach (var account in new[] { "acme", "globex" })
        {
            foreach (var channel in new[] { "web-chat", "sms" })
            {
                Emit(output, new Dictionary<string, object?> { ["type"] = "agent-switch", ["account"] = account, ["at"] = before, ["channel"] = channel, ["enabled"] = true });
            }
        }

        Emit(output, new Dictionary<string, object?> { ["type"] = "agent-switch", ["account"] = "globex", ["at"] = LogInstants.Format(start + Duration.FromDays(2)), ["channel"] = "sms", ["enabled"] = false });
        Emit(output, new Dictionary<string, object?> { ["type"] = "agent-switch", ["account"] = "globex", ["at"] = LogInstants.Format(start + Duration.FromDays(3)), ["channel"] = "sms", ["enabled"] = true });
    }

    private static Dictionary<string, string>? Shopper(Dictionary<string, string>? profile)
    {
        if (profile is null)
        {
            return null;
        }

        var shopper = profile.Where(kv => kv.Key is "email" or "phone").ToDictionary(kv => kv.Key, kv => kv.Value);
        return shopper.Count == 0 ? null : shopper;
    }

    private static Dictionary<string, object?> With(Dictionary<string, object?> line, string key, object? value)
    {
        line[key] = value;
        return line;
    }

    private static Dictionary<string, string>? Profile(Random random, int i) => random.Next(4) switch
    {
        0 => null,
        1 => new() { ["name"] = Names[i % Names.Length], ["email"] = $"shopper{i + 1}@example.com" },
        2 => new() { ["email"] = $"shopper{i + 1}@example.com" },
        _ => new() { ["phone"] = $"+1555{i + 1:D7}" },
    };

    private static void Emit(TextWriter output, Dictionary<string, object?> line)
    {
        var compact = line.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value);
        output.WriteLine(JsonSerializer.Serialize(compact));
    }
}
