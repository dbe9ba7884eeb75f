using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using CustomerAgent.Events;
using CustomerAgent.Segments;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CustomerAgent.Tests.Segments;

/// <summary>A random account activity: the events of real conversations (through the event factory) and orders, over a few overlapping identities.</summary>
internal sealed record SegmentCase(MetricEvent[] Events, global::CustomerAgent.Attribution.Order[] Orders, Instant AsOf)
{
    public override string ToString() =>
        $"as of {AsOf}\nevents:\n  {string.Join("\n  ", Events.Select(e => $"{e.UniqueId} {e.Time} {e.Profile}"))}\norders:\n  {string.Join("\n  ", Orders.Select(o => $"{o.Id} {o.PlacedAt} {o.Shopper}"))}";
}

internal static class SegmentGenerators
{
    /// <summary>June 1, 2026 00:00 UTC; conversations over the next 10 days.</summary>
    internal static readonly Instant Base = Instant.FromUtc(2026, 6, 1, 0, 0);

    private static readonly string[] Emails = ["ann@example.com", "bob@example.com"];
    private static readonly string[] Phones = ["+33612345678", "+33698765432"];

    /// <summary>Profiles that overlap by email or phone (or are anonymous), so profiles link through several conversations.</summary>
    private static readonly Gen<Profile> Profiles =
        from email in Gen.Elements<string?>(null, Emails[0], Emails[1])
        from phone in Gen.Elements<string?>(null, null, Phones[0], Phones[1])
        from external in Gen.Elements<string?>(null, null, null, "x-1")
        select Profile.Create(email: email, phoneNumber: phone, externalId: external);

    /// <summary>Half-hour steps over 10 days (22:00 UTC is midnight in Paris in June), sometimes one nanosecond off.</summary>
    private static readonly Gen<Instant> Grid =
        from step in Gen.Choose(0, 480)
        from jitter in Gen.Frequency((6, Gen.Constant(0L)), (1, Gen.Constant(1L)), (1, Gen.Constant(-1L)))
        select Base + Duration.FromMinutes(30 * step) + Duration.FromNanoseconds(jitter);

    private sealed record Plan(Profile Profile, Instant At, int Kind, int Recommendations);

    private static readonly Gen<Plan> Plans =
        from profile in Profiles
        from at in Grid
        from kind in Gen.Choose(0, 3)
        from recommendations in Gen.Choose(1, 2)
        select new Plan(profile, at, kind, recommendations);

    /// <summary>The events of one conversation: 0 started only, 1 recommendations, 2 escalated after a recommendation, 3 resolved by the auto-close.</summary>
    private static IEnumerable<MetricEvent> EventsOf(Plan plan, int index)
    {
        var header = ConversationHeader.Create(ConversationId.From($"c-{index}"), AccountId.From(SegmentData.Account), Channel.WebChat, ConversationMode.Live, plan.Profile);
        var c = Conversation.Start(header, plan.At, "Hello");
        var t = plan.At;
        for (var r = 0; r < (plan.Kind is 1 or 2 ? plan.Recommendations : 0); r++)
        {
            t += Duration.FromMinutes(1);
            c.RecordAgentMessage(t, "These?", "product-recommendation", [$"rec-{r}", $"p-{index}"]);
        }

        if (plan.Kind != 1 && plan.Kind != 2)
        {
            t += Duration.FromMinutes(1);
            c.RecordAgentMessage(t, "Done.", "order-tracking");
        }

        if (plan.Kind == 2)
        {
            t += Duration.FromMinutes(1);
            c.TriggerHandoff(t, HandoffKind.CustomMessage, HandoffMode.Hard, HandoffReason.ExplicitAsk);
        }

        return MetricEventFactory.Default.EventsAsOf(c, plan.Kind == 3 ? t + Duration.FromHours(48) : t);
    }

    /// <summary>An order's identity: an email (sometimes in capitals), a phone number, or the external ID.</summary>
    private static readonly Gen<ShopperIdentity> OrderShoppers =
        from kind in Gen.Choose(0, 3)
        from i in Gen.Choose(0, 1)
        select kind switch
        {
            0 => ShopperIdentity.Create(AccountId.From(SegmentData.Account), email: Emails[i]),
            1 => ShopperIdentity.Create(AccountId.From(SegmentData.Account), email: Emails[i].ToUpperInvariant()),
            2 => ShopperIdentity.Create(AccountId.From(SegmentData.Account), phoneNumber: Phones[i]),
            _ => ShopperIdentity.Create(AccountId.From(SegmentData.Account), externalId: "x-1"),
        };

    internal static readonly Gen<SegmentCase> Cases =
        from plans in Gen.ListOf(Plans).Select(l => l.Take(8).ToArray())
        from orderCount in Gen.Choose(0, 5)
        from shoppers in Gen.ArrayOf(OrderShoppers, orderCount)
        from picks in Gen.ArrayOf(Gen.Choose(0, 1000), orderCount)
        from offsets in Gen.ArrayOf(Gen.Elements(0L, 1L, -1L, 3_600_000_000_000L, 7_200_000_000_000L, 7_200_000_000_001L, 86_400_000_000_000L), orderCount)
        from grid in Gen.ArrayOf(Grid, orderCount)
        from asOf in Gen.Frequency((3, Grid), (1, Gen.Constant(Base + Duration.FromDays(11))))
        select Build(plans, shoppers, picks, offsets, grid, asOf);

    private static SegmentCase Build(Plan[] plans, ShopperIdentity[] shoppers, int[] picks, long[] offsets, Instant[] grid, Instant asOf)
    {
        var events = plans.SelectMany(EventsOf).ToArray();
        var orders = new global::CustomerAgent.Attribution.Order[shoppers.Length];
        for (var i = 0; i < orders.Length; i++)
        {
            // half of the orders land on or next to an event's instant (the edges of "since" and of the flow's window)
            var at = events.Length > 0 && picks[i] % 2 == 0 ? events[picks[i] % events.Length].Time + Duration.FromNanoseconds(offsets[i]) : grid[i];
            orders[i] = global::CustomerAgent.Attribution.Order.Create($"o-{i}", shoppers[i], at, Money.Of(1m, "EUR"));
        }

        return new SegmentCase(events, orders, asOf);
    }

    /// <summary>Any timeframe, its dates and days inside the generated range and beyond it.</summary>
    internal static readonly Gen<Timeframe> Timeframes = Gen.OneOf(
        Gen.Constant(Timeframe.AllTime),
        Gen.Choose(1, 12).Select(Timeframe.InTheLast),
        Gen.Choose(-1, 11).Select(d => Timeframe.Since(new LocalDate(2026, 6, 1).PlusDays(d))),
        from d in Gen.Choose(-1, 11)
        from length in Gen.Choose(0, 5)
        select Timeframe.Between(new LocalDate(2026, 6, 1).PlusDays(d), new LocalDate(2026, 6, 1).PlusDays(d + length)),
        Gen.Elements(Enum.GetValues<SegmentMetric>()).Select(Timeframe.SinceLatest));

    internal static readonly Gen<Frequency> Frequencies = Gen.OneOf(
        Gen.Constant(Frequency.Zero),
        Gen.Choose(1, 3).Select(Frequency.AtLeast),
        Gen.Choose(0, 2).Select(Frequency.Exactly));

    internal static readonly Gen<SegmentCondition> Leaves =
        from metric in Gen.Elements(Enum.GetValues<SegmentMetric>())
        from frequency in Frequencies
        from timeframe in Timeframes
        select SegmentCondition.HasDone(metric, frequency, timeframe);

    internal static readonly Gen<SegmentCondition> Conditions = Gen.OneOf(
        Leaves,
        from a in Leaves from b in Leaves select SegmentCondition.All(a, b),
        from a in Leaves from b in Leaves select SegmentCondition.Any(a, b),
        from a in Leaves from b in Leaves from c in Leaves select a.And(b.Or(c)),
        from a in Leaves from b in Leaves from c in Leaves select a.Or(b.And(c)));
}
