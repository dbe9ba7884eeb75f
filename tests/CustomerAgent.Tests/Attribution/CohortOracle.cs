using CustomerAgent.Attribution;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Tests.Attribution;

/// <summary>
/// AI-generated sales written plainly from docs/attribution.md, on the generated plain data (<see cref="CohortCase"/>), without the
/// calculators, the evidence builder or the cohort helper: filter the evidence by the cohort rules (R20, R12, an agent touch only
/// of a counted conversation), then for each order take the settings in force at its placement, the best click inside the web chat
/// window (R16), the last touch inside its own window (R17), and the later of the two (R15.4; same instant: the click).
/// </summary>
internal static class CohortOracle
{
    /// <summary>One credited order, in plain words.</summary>
    internal sealed record Credit(string Account, string Order, AttributionRule Rule, string Conversation, Instant At, Touchpoint? Touchpoint, ProductMatch Match, string Currency, decimal Amount)
    {
        public override string ToString() => $"{Account}/{Order} {Rule} {Conversation}@{CohortCase.F(At)} {Touchpoint?.ToString() ?? "-"} {Match} {Amount} {Currency}";
    }

    private sealed record Click(string Account, IdentifierSpec Shopper, string Conversation, Instant At);

    /// <summary>R12: on when the channel's latest change at or before the instant is an enable (off before any change).</summary>
    internal static bool IsOn(IEnumerable<AgentSwitchChange> switches, Channel channel, Instant at)
    {
        var on = false;
        foreach (var change in switches.Where(s => s.Channel == channel && s.At <= at).OrderBy(s => s.At))
        {
            on = change.Enabled;
        }

        return on;
    }

    /// <summary>R20 and R12: live, and begun while the agent was on for its channel (every conversation when there is no timeline).</summary>
    internal static bool Counts(ConversationSpec c, AgentSwitchChange[]? switches) => c.Live && (switches is null || IsOn(switches, c.Channel, c.Start));

    internal static AttributionSettings SettingsAt(CohortCase c, Instant at) =>
        c.Changes.Where(change => change.Key <= at).Select(change => change.Value).LastOrDefault() ?? c.Initial;

    internal static Touchpoint? TouchpointOf(TouchChannel channel, TouchKind kind) => (channel, kind) switch
    {
        (TouchChannel.Sms, TouchKind.Click) => Touchpoint.SmsClick,
        (TouchChannel.Sms, TouchKind.Open) => Touchpoint.SmsOpen,
        (TouchChannel.Sms, TouchKind.Delivery) => Touchpoint.SmsDelivery,
        (TouchChannel.Email, TouchKind.Click) => Touchpoint.EmailClick,
        (TouchChannel.Email, TouchKind.Open) => Touchpoint.EmailOpen,
        (TouchChannel.Push, TouchKind.Open) => Touchpoint.PushOpen,
        (TouchChannel.WhatsApp, TouchKind.Click) => Touchpoint.WhatsAppClick,
        (TouchChannel.WhatsApp, TouchKind.Open) => Touchpoint.WhatsAppOpen,
        _ => null,
    };

    private static int KindRank(TouchKind kind) => kind switch { TouchKind.Click => 0, TouchKind.Open => 1, _ => 2 };

    private static int ChannelRank(TouchChannel channel) => channel switch { TouchChannel.Sms => 0, TouchChannel.Email => 1, TouchChannel.Push => 2, _ => 3 };

    /// <summary>R11: same account, and an identifier of the same kind in common; emails compare case-insensitively.</summary>
    private static bool Same(string account, string? email, string? phone, string? external, ShopperIdentity order) =>
        account == order.AccountId.Value
        && ((email is not null && order.Email is not null && string.Equals(email, order.Email, StringComparison.OrdinalIgnoreCase))
            || (phone is not null && phone == order.PhoneNumber)
            || (external is not null && external == order.ExternalId));

    /// <summary>The conversations whose evidence counts: with <paramref name="cohort"/>, those of <see cref="Counts"/>; without it, all (for the coverage check only).</summary>
    internal static ConversationSpec[] Counted(CohortCase c, bool cohort = true) => cohort ? [.. c.Conversations.Where(s => Counts(s, c.Switches))] : c.Conversations;

    /// <summary>The touches that are evidence: every campaign touch, and an agent touch only when it names a counted conversation of its account.</summary>
    internal static Touch[] Touches(CohortCase c, bool cohort = true)
    {
        var counted = Counted(c, cohort).Select(s => (s.Account, s.Id)).ToHashSet();
        return cohort ? [.. c.Touches.Where(t => !t.IsFromCustomerAgent || counted.Contains((t.AccountId.Value, t.AgentConversation.Value)))] : c.Touches;
    }

    /// <summary>The expected credits, sorted by account and order ID.</summary>
    internal static List<Credit> Expected(CohortCase c, bool cohort = true)
    {
        var conversations = Counted(c, cohort);
        var clicks = conversations.Where(s => s.Channel == Channel.WebChat && !s.Shopper.IsAnonymous)
            .SelectMany(s => s.Clicks.Select(k => new Click(s.Account, s.Shopper, s.Id, k.At))).ToList();
        var touches = Touches(c, cohort);
        var credits = new List<Credit>();
        foreach (var order in c.Orders)
        {
            var settings = SettingsAt(c, order.PlacedAt);
            var click = clicks
                .Where(k => Same(k.Account, k.Shopper.Email, k.Shopper.Phone, k.Shopper.External, order.Shopper) && k.At <= order.PlacedAt && order.PlacedAt - k.At <= settings.WebChatWindow)
                .OrderByDescending(k => k.At).ThenBy(k => k.Conversation, StringComparer.Ordinal)
                .FirstOrDefault();
            var last = touches
                .Where(t => TouchpointOf(t.Channel, t.Kind) is { } tp && settings[tp].Enabled
                            && Same(t.AccountId.Value, t.Shopper.Email, t.Shopper.PhoneNumber, t.Shopper.ExternalId, order.Shopper)
                            && t.At <= order.PlacedAt && order.PlacedAt - t.At <= settings[tp].Window)
                .OrderByDescending(t => t.At)
                .ThenBy(t => KindRank(t.Kind))
                .ThenBy(t => t.IsFromCustomerAgent ? 1 : 0)
                .ThenBy(t => ChannelRank(t.Channel))
                .ThenBy(t => t.IsFromCustomerAgent ? t.AgentConversation.Value : string.Empty, StringComparer.Ordinal)
                .FirstOrDefault();
            var sms = last is { IsFromCustomerAgent: true, Channel: TouchChannel.Sms } ? last : null;

            (AttributionRule Rule, string Conversation, Instant At, Touchpoint? Touchpoint)? credit =
                sms is not null && (click is null || sms.At > click.At) ? (AttributionRule.SmsLastTouch, sms.AgentConversation.Value, sms.At, TouchpointOf(sms.Channel, sms.Kind))
                : click is not null ? (AttributionRule.WebChatClick, click.Conversation, click.At, null)
                : null;
            if (credit is not { } won)
            {
                continue;
            }

            // D1: Direct only by what the conversation had recommended (at its start) or clicked by the order's placement
            var products = conversations.Where(s => s.Account == order.AccountId.Value && s.Id == won.Conversation)
                .SelectMany(s => (s.Start <= order.PlacedAt ? s.Recommended : []).Concat(s.Clicks.Where(k => k.At <= order.PlacedAt).Select(k => k.Product))).ToHashSet();
            var match = order.LineItems.Count == 0 ? ProductMatch.Unknown : order.LineItems.Any(products.Contains) ? ProductMatch.Direct : ProductMatch.Assisted;
            credits.Add(new Credit(order.AccountId.Value, order.Id, won.Rule, won.Conversation, won.At, won.Touchpoint, match, order.Total.Currency, order.Total.Amount));
        }

        return [.. credits.OrderBy(k => k.Account, StringComparer.Ordinal).ThenBy(k => k.Order, StringComparer.Ordinal)];
    }

    /// <summary>A result in the oracle's words, sorted by account and order ID.</summary>
    internal static List<Credit> Actual(AttributionResult result) =>
        [.. result.Orders
            .Select(a => new Credit(a.Order.AccountId.Value, a.Order.Id, a.Rule, a.Conversation.Value, a.CreditedAt, a.Touchpoint, a.Match, a.Amount.Currency, a.Amount.Amount))
            .OrderBy(k => k.Account, StringComparer.Ordinal).ThenBy(k => k.Order, StringComparer.Ordinal)];

    /// <summary>The attributed revenue per currency of <paramref name="credits"/>, sorted by currency.</summary>
    internal static List<(string Currency, decimal Amount)> Revenue(IEnumerable<Credit> credits) =>
        [.. credits.GroupBy(k => k.Currency).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Sum(k => k.Amount)))];
}
