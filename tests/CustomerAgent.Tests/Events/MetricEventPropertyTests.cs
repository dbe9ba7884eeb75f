using CustomerAgent.Conversations;
using CustomerAgent.Events;
using CustomerAgent.Serialization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.Events;

/// <summary>Properties over generated histories: every step is tried on a real aggregate, and the ones it rejects are skipped, so each history is valid.</summary>
public sealed class MetricEventPropertyTests
{
    private static readonly MetricEventFactory Factory = MetricEventFactory.Default;

    private static readonly string[] Skills = ["order-tracking", "product-recommendations", "general-qa"];

    /// <summary>A step: kind 0..9 and a delay in seconds (mostly short, sometimes past the 48 h auto-close), sub-second jitter included.</summary>
    private static readonly Gen<(int Kind, long DelayMs, int Pick)> Step =
        from kind in Gen.Choose(0, 9)
        from longGap in Gen.Choose(0, 12)
        from seconds in longGap == 0 ? Gen.Choose(170_000, 180_000) : Gen.Choose(0, 900)
        from ms in Gen.Choose(0, 999)
        from pick in Gen.Choose(0, 5)
        select (kind, seconds * 1000L + ms, pick);

    /// <summary>A conversation's recipe: steps, preview or live, channel, and whether the shopper is anonymous.</summary>
    internal static readonly Gen<(List<(int Kind, long DelayMs, int Pick)> Steps, bool Preview, Channel Channel, bool Anonymous)> Recipes =
        from steps in Gen.ListOf(Step)
        from preview in Gen.Choose(0, 9)
        from channel in Gen.Elements(Channel.WebChat, Channel.Sms)
        from anonymous in Gen.Choose(0, 3)
        select (steps.Take(25).ToList(), preview == 0, channel, anonymous == 0);

    private static readonly Arbitrary<Conversation> Conversations =
        Recipes.Select(r => Build(r.Steps, r.Preview, r.Channel)).ToArbitrary();

    internal static Conversation Build(IEnumerable<(int Kind, long DelayMs, int Pick)> steps, bool preview, Channel channel, string account = "acct-1", string id = "conv-1", bool anonymous = false, Profile? shopper = null)
    {
        var profile = shopper ?? (anonymous ? Profile.Anonymous : Profile.Create(email: "p@example.com"));
        var c = Conversation.Start(Header(id, channel: channel, mode: preview ? ConversationMode.Preview : ConversationMode.Live, profile: profile, account: account), T0 + Duration.FromMilliseconds(250), "Hello");
        var at = c.StartedAt;
        foreach (var (kind, delay, pick) in steps)
        {
            at += Duration.FromMilliseconds(delay);
            try
            {
                _ = kind switch
                {
                    0 or 1 => c.RecordAgentMessage(at, "answer", Skills[pick % Skills.Length]),
                    2 => c.RecordAgentMessage(at, "try", "product-recommendations", [$"SKU-{pick}", $"SKU-{pick + 10}"]),
                    3 => c.RecordShopperMessage(at, "question"),
                    4 => c.ApplyTag(at, $"tag-{pick % 3}"),
                    5 => c.TriggerHandoff(at, (HandoffKind)(pick % 2 == 0 ? 0 : 2), HandoffMode.Soft, (HandoffReason)(pick % 5)),
                    6 => c.OfferSupportTicket(at, HandoffMode.Hard, HandoffReason.KnowledgeGap),
                    7 => c.AnswerSupportTicketOffer(at, pick % 2 == 0),
                    8 => c.Close(at, pick % 2 == 0 ? ClosedBy.Visitor : ClosedBy.Host),
                    _ => (ConversationActivity)c.RecordShopperMessage(at, "more"),
                };
            }
            catch (CustomerAgentException)
            {
                // the aggregate rejected the step (closed, no pending offer, ...): skip it
            }
        }

        return c;
    }

    internal static Instant Horizon(Conversation c) => c.LastActivityAt + Duration.FromDays(3);

    [Property(MaxTest = 200)]
    public Property D4_replaying_a_history_yields_identical_events_with_identical_unique_ids() =>
        Prop.ForAll(Conversations, c =>
        {
            var replayed = Conversation.Replay(c.Header, c.History, c.Policy);
            var first = Factory.EventsAsOf(c, Horizon(c));
            var again = Factory.EventsAsOf(replayed, Horizon(c));
            return first.SequenceEqual(again)
                && first.Select(e => e.UniqueId).SequenceEqual(again.Select(e => e.UniqueId))
                && first.Select(e => e.UniqueId).Distinct().Count() == first.Count;
        });

    [Property(MaxTest = 200)]
    public Property D4_emitting_over_any_split_of_the_time_line_yields_exactly_the_single_pass() =>
        Prop.ForAll(Conversations, Gen.ListOf(Gen.Choose(0, 1_000_000)).ToArbitrary(), (c, cuts) =>
        {
            var start = c.StartedAt - Duration.FromHours(1);
            var end = Horizon(c);
            var span = (end - start).TotalTicks;
            var points = cuts.Select(k => start + Duration.FromTicks((long)(span * (k / 1_000_000.0))))
                .Append(start).Append(end).Distinct().Order().ToList();
            var incremental = points.Zip(points.Skip(1), (a, b) => Factory.EventsBetween(c, a, b)).SelectMany(x => x).ToList();
            var single = Factory.EventsBetween(c, start, end);
            var asOf = Factory.EventsAsOf(c, end - Duration.Epsilon);
            return incremental.SequenceEqual(single) && single.SequenceEqual(asOf);
        });

    [Property(MaxTest = 200)]
    public Property R7_R8_no_conversation_has_both_resolved_and_escalated_and_each_fires_at_most_once() =>
        Prop.ForAll(Conversations, c =>
        {
            var kinds = Factory.EventsAsOf(c, Horizon(c)).Select(e => e.Kind).ToList();
            var resolved = kinds.Count(k => k == MetricKind.ConversationResolved);
            var escalated = kinds.Count(k => k == MetricKind.ConversationEscalated);
            return resolved + escalated <= 1 && kinds.Count(k => k == MetricKind.StartedConversation) <= 1;
        });

    [Property(MaxTest = 200)]
    public Property R6_no_event_precedes_the_conversations_first_message() =>
        Prop.ForAll(Conversations, c =>
            Factory.EventsAsOf(c, Horizon(c)).All(e => e.Time >= MetricEvent.TruncateToSecond(c.StartedAt))
            && Factory.EventsBetween(c, Instant.FromUtc(2000, 1, 1, 0, 0), c.StartedAt).Count == 0);

    [Property(MaxTest = 200)]
    public Property R9_R20_one_recommendation_per_agent_message_with_products_and_none_for_preview() =>
        Prop.ForAll(Conversations, c =>
        {
            var expected = c.IsCountedInMetrics ? c.History.OfType<AgentMessageSent>().Count(m => m.HasProducts) : 0;
            var events = Factory.EventsAsOf(c, Horizon(c));
            return events.Count(e => e.Kind == MetricKind.ReceivedProductRecommendation) == expected
                && (c.IsCountedInMetrics || events.Count == 0);
        });

    [Property(MaxTest = 100)]
    public Property D4_every_event_round_trips_through_its_json() =>
        Prop.ForAll(Conversations, c =>
            Factory.EventsAsOf(c, Horizon(c)).All(e => e.Equals(CustomerAgentJson.DeserializeEvent(CustomerAgentJson.Serialize(e)))));

    /// <summary>
    /// D4: an event's unique ID names what the event is about (the conversation, the metric, the agent message), so removing
    /// tags and clicks, inserting tags and clicks at the instant of any activity, or reordering them among activities of the same
    /// instant never changes any event's unique ID (nor its kind or time).
    /// </summary>
    [Property(MaxTest = 300)]
    public Property D4_inserting_removing_or_reordering_tags_and_clicks_never_changes_a_unique_id()
    {
        var edits = Gen.ListOf(Gen.Choose(0, 1_000)).ToArbitrary();
        return Prop.ForAll(Conversations, edits, (c, seeds) =>
        {
            var variant = EditTagsAndClicks(c, seeds);
            var original = Factory.EventsAsOf(c, Horizon(c)).Select(e => (e.Kind, e.UniqueId, e.Time)).ToList();
            var edited = Factory.EventsAsOf(variant, Horizon(c)).Select(e => (e.Kind, e.UniqueId, e.Time)).ToList();
            Assert.Equal(original, edited);
        });
    }

    /// <summary>
    /// The history with its tags and clicks edited: each is kept, dropped, or moved before the other activities of its instant;
    /// new tags and clicks (on products recommended by then) are inserted at the instants of existing activities.
    /// </summary>
    private static Conversation EditTagsAndClicks(Conversation c, List<int> seeds)
    {
        var random = new Random(seeds.Count == 0 ? 0 : seeds.Sum());
        var others = c.History.Where(a => a is not TagApplied and not ProductCardClicked).ToList();
        var recommended = new List<(Instant At, string Product)>();
        foreach (var message in others.OfType<AgentMessageSent>())
        {
            recommended.AddRange(message.Products.Select(p => (message.At, p)));
        }

        var extras = new List<(Instant At, bool First, ConversationActivity Activity)>();
        foreach (var activity in c.History.Where(a => a is TagApplied or ProductCardClicked))
        {
            var choice = random.Next(3);
            var canMoveFirst = activity is not ProductCardClicked click || recommended.Any(r => r.At < click.At && r.Product == click.ProductId);
            if (choice > 0)
            {
                extras.Add((activity.At, choice == 2 && canMoveFirst, activity));
            }
        }

        foreach (var seed in seeds.Take(6))
        {
            var at = others[seed % others.Count].At;
            var products = recommended.Where(r => r.At < at).Select(r => r.Product).ToList();
            ConversationActivity extra = seed % 2 == 0 || products.Count == 0
                ? new TagApplied(at, $"tag-{seed % 4}")
                : new ProductCardClicked(at, products[seed % products.Count]);
            extras.Add((at, false, extra));
        }

        // Rebuild in time order: at each instant, the extras marked First, then the other activities, then the rest of the extras.
        var merged = new List<ConversationActivity>();
        var instants = others.Select(a => a.At).Concat(extras.Select(e => e.At)).Distinct().Order();
        foreach (var at in instants)
        {
            merged.AddRange(extras.Where(e => e.At == at && e.First && at != c.StartedAt).Select(e => e.Activity));
            merged.AddRange(others.Where(a => a.At == at));
            merged.AddRange(extras.Where(e => e.At == at && !(e.First && at != c.StartedAt)).Select(e => e.Activity));
        }

        return Conversation.Replay(c.Header, merged, c.Policy);
    }
}
