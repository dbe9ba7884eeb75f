using CustomerAgent.Attribution;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.Events;
using CustomerAgent.Segments;
using CustomerAgent.Tests.Events;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CustomerAgent.Tests.Segments;

/// <summary>
/// The activity built on conversations' facts (<see cref="FactsEvents"/>, what the activity log's reader uses) against the
/// activity built on the event objects the factory gives for the same conversations (R6–R9 timing, R12 switch, R20 preview):
/// the same events in the same order, the same profiles (R11), the same segment members and evidence (R21) and the same
/// follow-up sends and skips (R22). The reader's tests hold the same on read logs; this one needs no reader.
/// </summary>
public sealed class FactsActivityTests
{
    private static readonly AccountId Account = AccountId.From(SegmentData.Account);

    /// <summary>Shoppers that link and do not: emails that differ by case, a phone shared with an email, an external ID, anonymous.</summary>
    private static readonly Profile[] Shoppers =
    [
        Profile.Create(email: "ann@example.com"),
        Profile.Create(email: "Ann@Example.com"),
        Profile.Create(email: "carl@example.com", phoneNumber: "+33612345678"),
        Profile.Create(phoneNumber: "+33612345678"),
        Profile.Create(externalId: "x-1"),
        Profile.Anonymous,
    ];

    private static readonly Gen<(int Hour, int Code)> SwitchChange =
        from hour in Gen.Choose(0, 200)
        from code in Gen.Choose(0, 3)
        select (hour, code);

    private static readonly Gen<(int Shopper, int Hour)> OrderSpec =
        from shopper in Gen.Choose(0, Shoppers.Length - 2)
        from hour in Gen.Choose(0, 400)
        select (shopper, hour);

    private static readonly Gen<FactsCase> Cases =
        from recipes in MetricEventPropertyTests.Recipes.Select(r => (r.Steps, r.Preview, r.Channel)).ListOf().Select(l => l.Take(8).ToList())
        from shoppers in Gen.Choose(0, Shoppers.Length - 1).ArrayOf(8)
        from hours in Gen.Choose(0, 400)
        from switches in Gen.Frequency(
            (1, Gen.Constant<(int Hour, int Code)[]?>(null)),
            (2, SwitchChange.ArrayOf().Select(a => ((int Hour, int Code)[]?)a.Take(4).ToArray())))
        from orders in OrderSpec.ArrayOf().Select(a => a.Take(5).ToArray())
        select new FactsCase(recipes, shoppers, hours, switches, orders);

    [Property(MaxTest = 150)]
    public Property R6_R12_R20_R21_R22_the_activity_on_facts_equals_the_activity_on_event_objects() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var settings = SegmentData.Paris();
            var conversations = c.Recipes.Select((r, i) => MetricEventPropertyTests.Build(r.Steps, r.Preview, r.Channel, id: $"conv-{i}", shopper: Shoppers[c.Shoppers[i]])).ToList();
            var asOf = TestData.T0 + Duration.FromHours(c.Hours) + Duration.FromMilliseconds(500);
            var timeline = c.Switches is null
                ? null
                : AgentSwitchTimeline.Create(Account, c.Switches.DistinctBy(s => (s.Hour, s.Code % 2)).OrderBy(s => s.Hour).Select(s => new AgentSwitchChange(TestData.T0 + Duration.FromHours(s.Hour), s.Code % 2 == 0 ? Channel.WebChat : Channel.Sms, s.Code < 2)));
            var orders = c.Orders.Select((o, i) =>
            {
                var shopper = Shoppers[o.Shopper];
                return Order.Create($"order-{i}", ShopperIdentity.Create(Account, shopper.Email, shopper.PhoneNumber, shopper.ExternalId), TestData.T0 + Duration.FromHours(o.Hour), Money.Of(10m, "EUR"));
            }).Where(o => o.PlacedAt <= asOf).ToList();

            // the facts as of the instant (they hold nothing later, D1), for both paths
            var facts = conversations.Select(x => x.FactsAsOf(asOf)).ToList();
            var objects = conversations.SelectMany((x, i) => x.StartedAt > asOf
                ? []
                : MetricEventFactory.Default.EventsBetween(x.Header, facts[i], SupportedInstants.Start, asOf + Duration.Epsilon, timeline).Collected).ToList();
            var expected = ProfileActivity.Create(settings, objects, orders);
            var actual = ProfileActivity.FromFacts(
                settings,
                FactsEvents.Build(Account, timeline, asOf, conversations.Count, i => facts[i], i => MetricProfile.For(conversations[i].Header.Profile, Account, conversations[i].Id), i => conversations[i].Id),
                orders);

            Assert.Equal(objects, actual.Events);
            Assert.Equal(expected.ProfileCount, actual.ProfileCount);
            Assert.Equal(Describe(expected, asOf), Describe(actual, asOf));
        });

    [Fact]
    public void R12_R20_a_preview_conversation_and_one_begun_while_the_agent_was_off_give_no_event_on_either_path()
    {
        var steps = new List<(int Kind, long DelayMs, int Pick)> { (2, 60_000, 1) };
        var preview = MetricEventPropertyTests.Build(steps, preview: true, Channel.WebChat, id: "conv-preview", shopper: Shoppers[0]);
        var off = MetricEventPropertyTests.Build(steps, preview: false, Channel.Sms, id: "conv-off", shopper: Shoppers[3]);
        var on = MetricEventPropertyTests.Build(steps, preview: false, Channel.WebChat, id: "conv-on", shopper: Shoppers[1]);
        var timeline = AgentSwitchTimeline.Create(Account, [new AgentSwitchChange(TestData.T0 - Duration.FromHours(2), Channel.WebChat, true), new AgentSwitchChange(TestData.T0 - Duration.FromHours(1), Channel.Sms, false)]);
        var asOf = TestData.T0 + Duration.FromHours(1);
        Conversation[] all = [preview, off, on];
        var events = FactsEvents.Build(Account, timeline, asOf, all.Length, i => all[i].FactsAsOf(asOf), i => MetricProfile.For(all[i].Header.Profile, Account, all[i].Id), i => all[i].Id);

        // only the live web-chat conversation: Started and the recommendation, its profile Ann's email as written
        Assert.Equal(["conv-on", "conv-on"], events.All.Select(e => e.ConversationId.Value));
        Assert.Equal([MetricKind.StartedConversation, MetricKind.ReceivedProductRecommendation], events.All.Select(e => e.Kind));
        Assert.Equal(["SKU-1", "SKU-11"], events.ProductsOf(1));
        Assert.Empty(events.ProductsOf(0));
        Assert.Equal(Channel.WebChat, events.ChannelOf(1));
        Assert.Equal(Account, events.AccountOf(0));
        Assert.Equal(events.All[1].UniqueId, events.UniqueId(1));
        Assert.Equal(events.All[1].Time, events.Time(1));
    }

    [Fact]
    public void R6_R20_events_of_more_conversations_than_one_core_takes_keep_the_conversation_order()
    {
        // 100,001 conversations make two ranges on two cores (one on one core); every 7th is a preview (no event), every
        // conversation's events are Started and the recommendation
        const int Count = 100_001;
        var asOf = TestData.T0 + Duration.FromHours(1);
        var facts = new ConversationFacts[Count];
        var profiles = new MetricProfile[Count];
        for (var i = 0; i < Count; i++)
        {
            var header = ConversationHeader.Create(ConversationId.From($"conv-{i}"), Account, Channel.WebChat, i % 7 == 0 ? ConversationMode.Preview : ConversationMode.Live, Shoppers[i % 3]);
            var c = Conversation.Start(header, TestData.T0 + Duration.FromSeconds(i % 600), "Hello");
            c.RecordAgentMessage(c.StartedAt + Duration.FromMinutes(1), "These:", "product-recommendations", [$"SKU-{i}"]);
            facts[i] = c.FactsAsOf(asOf);
            profiles[i] = MetricProfile.For(header.Profile, Account, header.Id);
        }

        var events = FactsEvents.Build(Account, null, asOf, Count, i => facts[i], i => profiles[i], i => ConversationId.From($"conv-{i}"));

        int[] live = [.. Enumerable.Range(0, Count).Where(i => i % 7 != 0)];
        Assert.Equal(2 * live.Length, events.Count);
        for (var k = 0; k < live.Length; k++)
        {
            Assert.Equal($"conv-{live[k]}", events.ConversationOf(2 * k).Value);
            Assert.Equal(MetricKind.StartedConversation, events.Kind(2 * k));
            Assert.Equal($"conv-{live[k]}", events.ConversationOf((2 * k) + 1).Value);
            Assert.Equal([$"SKU-{live[k]}"], events.ProductsOf((2 * k) + 1));
            Assert.Same(profiles[live[k]], events.ProfileOf((2 * k) + 1));
        }
    }

    /// <summary>Everything a host reads of an activity: each named segment's members with their evidence, and the flow's sends and skips for the days around.</summary>
    private static string Describe(ProfileActivity activity, Instant asOf)
    {
        var lines = new List<string>();
        foreach (var definition in SegmentDefinition.Named)
        {
            var result = SegmentEvaluator.Default.Evaluate(activity, definition, asOf);
            lines.Add($"{definition.Name}: {result.Members.Count} of {result.ProfilesConsidered}");
            lines.AddRange(result.Members.Select(m => $"  {SegmentOracle.IdentityOf(m.Profile)} " + string.Join("; ", m.Evidence.Select(e =>
                $"{e.WindowStart}..{e.WindowEnd} [{string.Join(", ", e.Counted.Select(i => $"{i.Metric} {i.At} {i.Id} {i.ConversationId}"))}] anchor {e.Anchor?.Id}"))));
        }

        var period = ReportingPeriod.ForDates(activity.Settings, new LocalDate(2026, 6, 1), new LocalDate(2026, 6, 30));
        var flow = FollowUpFlow.Default.Run(activity, period, asOf);
        lines.AddRange(flow.Sends.Select(s => $"send {SegmentOracle.IdentityOf(s.Profile)} {s.TriggerId} {s.ConversationId} {s.Channel} {s.TriggeredAt} {s.SendAt} {s.Status} {string.Join(",", s.Products)}"));
        lines.AddRange(flow.Skips.Select(s => $"skip {SegmentOracle.IdentityOf(s.Profile)} {s.TriggerId} {s.ConversationId} {s.TriggeredAt} {s.DecidedAt} {s.Reason} {s.Cause}"));
        return string.Join("\n", lines);
    }

    /// <summary>A generated case: conversation recipes, each one's shopper, the as-of hour, the switch changes (hour, code: channel by parity, on below 2; one per channel and hour is kept) or none, the orders (shopper, hour).</summary>
    internal sealed record FactsCase(
        List<(List<(int Kind, long DelayMs, int Pick)> Steps, bool Preview, Channel Channel)> Recipes,
        int[] Shoppers,
        int Hours,
        (int Hour, int Code)[]? Switches,
        (int Shopper, int Hour)[] Orders)
    {
        public override string ToString() =>
            $"{Recipes.Count} conversations (shoppers {string.Join(",", Shoppers.Take(Recipes.Count))}), as of T0+{Hours}h, switches {(Switches is null ? "none" : string.Join(",", Switches))}, orders {string.Join(",", Orders)}";
    }
}
