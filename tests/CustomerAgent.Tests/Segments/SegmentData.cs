using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.Events;
using CustomerAgent.Segments;
using NodaTime;

namespace CustomerAgent.Tests.Segments;

/// <summary>Builders for segment and flow tests: events come from real conversations through the event factory.</summary>
internal static class SegmentData
{
    internal const string Account = "acct-1";

    /// <summary>June 7, 2026, 12:00 in Paris (10:00 UTC).</summary>
    internal static readonly Instant Noon = Instant.FromUtc(2026, 6, 7, 10, 0);

    internal static AccountReportingSettings Paris(string account = Account) => AccountReportingSettings.Create(AccountId.From(account), "Europe/Paris");

    internal static Profile Ann => Profile.Create(name: "Ann", email: "ann@example.com");

    internal static Profile Bob => Profile.Create(name: "Bob", phoneNumber: "+33612345678");

    internal static Profile Carl => Profile.Create(name: "Carl", email: "carl@example.com", phoneNumber: "+33698765432");

    internal static Profile Nobody => Profile.Create(name: "Anonymous shopper");

    /// <summary>A conversation opened at <paramref name="at"/> whose agent answers one minute later with <paramref name="products"/> (a recommendation when any): Started at <paramref name="at"/>, the recommendation at <paramref name="at"/> + 1 min.</summary>
    internal static IReadOnlyList<MetricEvent> Recommended(string conversation, Profile profile, Instant at, string account = Account, Channel channel = Channel.WebChat, string[]? products = null)
    {
        var c = Conversation.Start(ConversationHeader.Create(ConversationId.From(conversation), AccountId.From(account), channel, ConversationMode.Live, profile), at, "Any ideas for a gift?");
        c.RecordAgentMessage(at + Duration.FromMinutes(1), "You might like these.", "product-recommendation", products ?? ["sku-1", "sku-2"]);
        return MetricEventFactory.Default.EventsAsOf(c, at + Duration.FromMinutes(1));
    }

    /// <summary>A conversation opened at <paramref name="at"/>, answered one minute later, handed off at <paramref name="at"/> + 2 min: Started and Escalated.</summary>
    internal static IReadOnlyList<MetricEvent> Escalated(string conversation, Profile profile, Instant at, string account = Account)
    {
        var c = Conversation.Start(ConversationHeader.Create(ConversationId.From(conversation), AccountId.From(account), Channel.WebChat, ConversationMode.Live, profile), at, "I want a human.");
        c.RecordAgentMessage(at + Duration.FromMinutes(1), "Let me see.", "general-qa");
        c.TriggerHandoff(at + Duration.FromMinutes(2), HandoffKind.CustomMessage, HandoffMode.Hard, HandoffReason.ExplicitAsk);
        return MetricEventFactory.Default.EventsAsOf(c, at + Duration.FromMinutes(2));
    }

    internal static Order Order(string id, Instant at, string? email = null, string? phone = null, string account = Account) =>
        global::CustomerAgent.Attribution.Order.Create(id, ShopperIdentity.Create(AccountId.From(account), email: email, phoneNumber: phone), at, Money.Of(10m, "EUR"));

    internal static ProfileActivity Activity(IEnumerable<MetricEvent> events, params Order[] orders) =>
        ProfileActivity.Create(Paris(), events, orders);

    internal static ReportingPeriod Days(LocalDate first, LocalDate last) => ReportingPeriod.ForDates(Paris(), first, last);

    internal static LocalDate June(int day) => new(2026, 6, day);
}
