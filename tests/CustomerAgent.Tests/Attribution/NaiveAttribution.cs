using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Tests.Attribution;

/// <summary>
/// The rules written the slow, obvious way (every order against every click or touch), independently of the
/// calculators' grouping and sweep: the oracle for the property tests.
/// </summary>
internal static class NaiveAttribution
{
    internal sealed record Credit(string OrderKey, AttributionRule Rule, string Conversation, Instant At);

    internal static bool SameShopper(ShopperIdentity a, ShopperIdentity b) =>
        a.AccountId.Value == b.AccountId.Value
        && ((a.Email is not null && a.Email == b.Email)
            || (a.PhoneNumber is not null && a.PhoneNumber == b.PhoneNumber)
            || (a.ExternalId is not null && a.ExternalId == b.ExternalId));

    internal static string Key(Order o) => o.AccountId.Value + "/" + o.Id;

    internal static ProductCardClick? WebChatWinner(Order order, IEnumerable<ProductCardClick> clicks, Duration window) =>
        clicks
            .Where(c => SameShopper(c.Shopper, order.Shopper) && c.At <= order.PlacedAt && order.PlacedAt - c.At <= window)
            .OrderByDescending(c => c.At)
            .ThenBy(c => c.Conversation.Value, StringComparer.Ordinal)
            .FirstOrDefault();

    internal static Touch? LastTouch(Order order, IEnumerable<Touch> touches, AttributionSettings settings) =>
        touches
            .Where(t => t.Touchpoint is { } tp && settings[tp].Enabled && SameShopper(t.Shopper, order.Shopper)
                        && t.At <= order.PlacedAt && order.PlacedAt - t.At <= settings[tp].Window)
            .OrderByDescending(t => t.At)
            .ThenByDescending(t => (int)t.Kind)
            .ThenBy(t => t.IsFromCustomerAgent ? 1 : 0)
            .ThenBy(t => (int)t.Channel)
            .ThenBy(t => t.AgentConversation.Value, StringComparer.Ordinal)
            .FirstOrDefault();

    internal static Dictionary<string, Credit> WebChat(IEnumerable<Order> orders, AttributionEvidence evidence, Duration window)
    {
        var result = new Dictionary<string, Credit>();
        foreach (var order in orders)
        {
            if (WebChatWinner(order, evidence.Clicks, window) is { } click)
            {
                result[Key(order)] = new Credit(Key(order), AttributionRule.WebChatClick, click.Conversation.Value, click.At);
            }
        }

        return result;
    }

    internal static Dictionary<string, Credit> Sms(IEnumerable<Order> orders, AttributionEvidence evidence, AttributionSettings settings)
    {
        var result = new Dictionary<string, Credit>();
        foreach (var order in orders)
        {
            if (LastTouch(order, evidence.Touches, settings) is { IsFromCustomerAgent: true, Channel: TouchChannel.Sms } touch)
            {
                result[Key(order)] = new Credit(Key(order), AttributionRule.SmsLastTouch, touch.AgentConversation.Value, touch.At);
            }
        }

        return result;
    }

    internal static Dictionary<string, Credit> Both(IReadOnlyCollection<Order> orders, AttributionEvidence evidence, AttributionSettings settings)
    {
        var web = WebChat(orders, evidence, settings.WebChatWindow);
        var sms = Sms(orders, evidence, settings);
        var result = new Dictionary<string, Credit>(web);
        foreach (var (key, credit) in sms)
        {
            if (!web.TryGetValue(key, out var w) || credit.At > w.At)
            {
                result[key] = credit;
            }
        }

        return result;
    }

    internal static ProductMatch Match(Order order, string conversation, AttributionEvidence evidence)
    {
        if (order.LineItems.Count == 0)
        {
            return ProductMatch.Unknown;
        }

        // D1: a click counts when it happened by the order's placement (recommendations given without an instant always count)
        var products = evidence.Clicks.Where(c => c.AccountId == order.AccountId && c.Conversation.Value == conversation && c.At <= order.PlacedAt).Select(c => c.ProductId)
            .Concat(evidence.Recommendations.Where(r => r.AccountId == order.AccountId && r.Conversation.Value == conversation).Select(r => r.ProductId))
            .ToHashSet();
        return order.LineItems.Any(products.Contains) ? ProductMatch.Direct : ProductMatch.Assisted;
    }

    internal static Dictionary<string, decimal> Revenue(IEnumerable<Order> orders) =>
        orders.GroupBy(o => o.Total.Currency).ToDictionary(g => g.Key, g => g.Sum(o => o.Total.Amount));
}
