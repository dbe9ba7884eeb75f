using System.Globalization;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Events;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>What a generated conversation line does.</summary>
public enum StepKind
{
    ShopperMessage,
    AgentMessage,
    Recommendation,
    Click,
    Tag,
    Handoff,
    TicketOffer,
    TicketAnswer,
    Close,
}

/// <summary>When a generated line happens, relative to the conversation's previous line or to its last message (as generated).</summary>
public enum Timing
{
    /// <summary>At the previous line's instant (H1 allows equal instants).</summary>
    Same,

    /// <summary>One nanosecond after the previous line.</summary>
    Nanosecond,

    Minutes,
    Hours,

    /// <summary>One nanosecond before the previous line (H1).</summary>
    BackNanosecond,

    BackMinutes,

    /// <summary>Exactly at the last message + 48 hours: closed by inactivity (D1, D2).</summary>
    AutoClose,

    /// <summary>One nanosecond before the last message + 48 hours: still open.</summary>
    JustBeforeAutoClose,

    AfterAutoClose,
}

/// <summary>How a generated conversation opens.</summary>
public enum OpeningKind
{
    Live,
    Preview,

    /// <summary>A tag first (H5: every later line of the conversation is rejected).</summary>
    NotAShopperMessage,

    /// <summary>A shopper message without a channel (LOG, then H5).</summary>
    NoChannel,

    /// <summary>A shopper message in the year 2999 (H6, then H5).</summary>
    OutOfRange,
}

/// <summary>
/// One generated line after the opening: its kind, its time, its product (1 to 3 are recommended by some messages, 4 never),
/// the products of a recommendation (a bit mask of 1 to 3), a flag (answer yes/no, close by visitor/host, which skill or tag),
/// and its channel field: absent (0), the conversation's (1) or another (2, R1).
/// </summary>
public sealed record GeneratedStep(StepKind Kind, Timing Timing, int Amount, int Product, int Products, bool Flag, int ChannelChoice);

/// <summary>One generated conversation: how it opens, its channel, its start (minutes after the base instant), its steps, and the keys that place its lines among the other conversations' (sorted, so its own lines stay in order).</summary>
public sealed record GeneratedConversation(OpeningKind Opening, int Channel, int StartMinutes, GeneratedStep[] Steps, int[] Keys);

/// <summary>An agent switch of account beta (R12): on or off for a channel at a conversation's start (or its start + 48 hours) moved by a shift.</summary>
public sealed record GeneratedSwitch(int Channel, int Anchor, bool PlusTimeout, long ShiftNanoseconds, bool Enabled);

/// <summary>A generated log line: its text, and what the generator meant (for the coverage test).</summary>
public sealed record GeneratedLine(string Text, string Account, string Conversation, string Kind, Timing? Timing);

/// <summary>
/// A generated log: several conversations of two accounts (acme and beta, with the same conversation IDs in both) interleaved,
/// each in time order except for the invalid steps; optionally agent switches of beta first. Read in chunks of
/// <see cref="Chunk"/> bytes with <see cref="Parallel"/> parsers.
/// </summary>
public sealed record GeneratedLog(GeneratedConversation[] Conversations, GeneratedSwitch[] Switches, int Chunk, int Parallel)
{
    private static readonly Instant Base = Instant.FromUtc(2026, 6, 7, 8, 0);
    private static readonly string[] Channels = ["web-chat", "sms", "email", "whatsapp"];

    /// <summary>The lines, in file order.</summary>
    public IReadOnlyList<GeneratedLine> Lines => _lines ??= Build();

    private IReadOnlyList<GeneratedLine>? _lines;

    /// <summary>The log as bytes.</summary>
    public byte[] Bytes() => Logs.Bytes(Lines.Select(l => l.Text).ToArray());

    /// <inheritdoc/>
    public override string ToString() => $"chunk {Chunk}, parallel {Parallel}:\n" + string.Join("\n", Lines.Select((l, i) => $"{i + 1,3} {l.Text}"));

    private static string Format(Instant at) => InstantPattern.ExtendedIso.Format(at);

    private List<GeneratedLine> Build()
    {
        var keyed = new List<(int Key, int Conversation, int Order, GeneratedLine Line)>();
        for (var i = 0; i < Conversations.Length; i++)
        {
            var lines = ConversationLines(i, Conversations[i]);
            var keys = Conversations[i].Keys.Order().ToArray();
            for (var k = 0; k < lines.Count; k++)
            {
                keyed.Add((keys[k % keys.Length], i, k, lines[k]));
            }
        }

        var result = SwitchLines();
        result.AddRange(keyed.OrderBy(x => x.Key).ThenBy(x => x.Conversation).ThenBy(x => x.Order).Select(x => x.Line));
        return result;
    }

    private static string Account(int conversation) => conversation % 2 == 0 ? "acme" : "beta";

    private static string Id(int conversation) => "c" + (conversation / 2).ToString(CultureInfo.InvariantCulture);

    private Instant StartOf(int conversation) => Base + Duration.FromMinutes(Conversations[conversation].StartMinutes);

    private List<GeneratedLine> SwitchLines()
    {
        var switches = Switches
            .Select(s => (s.Channel, s.Enabled, At: StartOf(s.Anchor % Conversations.Length) + (s.PlusTimeout ? Duration.FromHours(48) : Duration.Zero) + Duration.FromNanoseconds(s.ShiftNanoseconds)))
            .DistinctBy(s => (s.Channel, s.At))
            .OrderBy(s => s.At)
            .ToList();
        return switches.Select(s => new GeneratedLine(
            $$"""{"type":"agent-switch","account":"beta","at":"{{Format(s.At)}}","channel":"{{Channels[s.Channel]}}","enabled":{{(s.Enabled ? "true" : "false")}}}""",
            "beta",
            string.Empty,
            "agent-switch",
            null)).ToList();
    }

    private List<GeneratedLine> ConversationLines(int index, GeneratedConversation c)
    {
        var account = Account(index);
        var id = Id(index);
        var start = StartOf(index);
        var channel = Channels[c.Channel];
        string Head(Instant at, string type, string? lineChannel) =>
            $$"""{"conversation":"{{id}}","account":"{{account}}",{{(lineChannel is null ? string.Empty : $"\"channel\":\"{lineChannel}\",")}}"at":"{{Format(at)}}","type":"{{type}}" """.TrimEnd();

        var lines = new List<GeneratedLine>();
        var opening = c.Opening switch
        {
            OpeningKind.Live => Head(start, "shopper-message", channel) + ""","text":"Hi"}""",
            OpeningKind.Preview => Head(start, "shopper-message", channel) + ""","mode":"preview","text":"Hi"}""",
            OpeningKind.NotAShopperMessage => Head(start, "tag", channel) + ""","tag":"early"}""",
            OpeningKind.NoChannel => Head(start, "shopper-message", null) + ""","text":"Hi"}""",
            _ => Head(Instant.FromUtc(2999, 1, 1, 0, 0), "shopper-message", channel) + ""","text":"Hi"}""",
        };
        lines.Add(new GeneratedLine(opening, account, id, "open:" + c.Opening, null));

        // Where the conversation stands as generated (an approximation: a line the reader rejects still moves it here), for the edges.
        var last = start;
        var lastMessage = start;
        foreach (var step in c.Steps)
        {
            var at = step.Timing switch
            {
                Timing.Same => last,
                Timing.Nanosecond => last + Duration.Epsilon,
                Timing.Minutes => last + Duration.FromMinutes(step.Amount),
                Timing.Hours => last + Duration.FromHours(1 + (step.Amount % 47)),
                Timing.BackNanosecond => last - Duration.Epsilon,
                Timing.BackMinutes => last - Duration.FromMinutes(step.Amount),
                Timing.AutoClose => lastMessage + Duration.FromHours(48),
                Timing.JustBeforeAutoClose => lastMessage + Duration.FromHours(48) - Duration.Epsilon,
                _ => lastMessage + Duration.FromHours(48) + Duration.FromMinutes(step.Amount),
            };
            var lineChannel = step.ChannelChoice switch
            {
                0 => null,
                1 => channel,
                _ => Channels[(c.Channel + 1) % 4],
            };
            var fields = step.Kind switch
            {
                StepKind.ShopperMessage => ""","text":"more"}""",
                StepKind.AgentMessage => step.Flag ? ""","text":"ok","skill":"general-qa"}""" : ""","text":"ok","skill":"order-status"}""",
                StepKind.Recommendation => $$""","text":"These:","skill":"product-recommendations","products":[{{string.Join(",", Enumerable.Range(1, 3).Where(p => (step.Products & (1 << (p - 1))) != 0).Select(p => $"\"SKU-{p}\""))}}]}""",
                StepKind.Click => $$""","product":"SKU-{{step.Product}}"}""",
                StepKind.Tag => step.Flag ? ""","tag":"shoes"}""" : ""","tag":"price"}""",
                StepKind.Handoff => step.Flag ? ""","kind":"transfer-to-human","mode":"hard","reason":"explicit-ask"}""" : ""","kind":"custom-message","mode":"soft","reason":"knowledge-gap"}""",
                StepKind.TicketOffer => ""","mode":"soft","reason":"knowledge-gap"}""",
                StepKind.TicketAnswer => step.Flag ? ""","accepted":true}""" : ""","accepted":false}""",
                _ => step.Flag ? ""","by":"visitor"}""" : ""","by":"host"}""",
            };
            var type = step.Kind switch
            {
                StepKind.ShopperMessage => "shopper-message",
                StepKind.AgentMessage or StepKind.Recommendation => "agent-message",
                StepKind.Click => "product-click",
                StepKind.Tag => "tag",
                StepKind.Handoff => "handoff",
                StepKind.TicketOffer => "ticket-offer",
                StepKind.TicketAnswer => "ticket-answer",
                _ => "close",
            };
            lines.Add(new GeneratedLine(Head(at, type, lineChannel) + fields, account, id, type, step.Timing));
            if (at >= last)
            {
                if (step.Kind is StepKind.ShopperMessage or StepKind.AgentMessage or StepKind.Recommendation && at < lastMessage + Duration.FromHours(48))
                {
                    lastMessage = at;
                }

                last = at;
            }
        }

        return lines;
    }

    /// <summary>Random small logs: 1 to 6 conversations of up to 10 steps each, every kind of valid and invalid step, the edges of H1 and D2.</summary>
    public static Gen<GeneratedLog> Generator { get; } = MakeGen();

    private static Gen<GeneratedLog> MakeGen()
    {
        var step =
            from kind in Gen.Frequency(
                (3, Gen.Constant(StepKind.ShopperMessage)), (2, Gen.Constant(StepKind.AgentMessage)), (3, Gen.Constant(StepKind.Recommendation)),
                (3, Gen.Constant(StepKind.Click)), (2, Gen.Constant(StepKind.Tag)), (1, Gen.Constant(StepKind.Handoff)),
                (3, Gen.Constant(StepKind.TicketOffer)), (3, Gen.Constant(StepKind.TicketAnswer)), (2, Gen.Constant(StepKind.Close)))
            from when in Gen.Frequency(
                (2, Gen.Constant(Timing.Same)), (2, Gen.Constant(Timing.Nanosecond)), (8, Gen.Constant(Timing.Minutes)),
                (2, Gen.Constant(Timing.Hours)), (1, Gen.Constant(Timing.BackNanosecond)), (1, Gen.Constant(Timing.BackMinutes)),
                (2, Gen.Constant(Timing.AutoClose)), (2, Gen.Constant(Timing.JustBeforeAutoClose)), (1, Gen.Constant(Timing.AfterAutoClose)))
            from amount in Gen.Choose(1, 180)
            from product in Gen.Frequency((6, Gen.Choose(1, 3)), (1, Gen.Constant(4)))
            from products in Gen.Choose(1, 7)
            from flag in Gen.Elements(true, false)
            from channel in Gen.Frequency((14, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)))
            select new GeneratedStep(kind, when, amount, product, products, flag, channel);
        var conversation =
            from opening in Gen.Frequency(
                (14, Gen.Constant(OpeningKind.Live)), (1, Gen.Constant(OpeningKind.Preview)), (1, Gen.Constant(OpeningKind.NotAShopperMessage)),
                (1, Gen.Constant(OpeningKind.NoChannel)), (1, Gen.Constant(OpeningKind.OutOfRange)))
            from channel in Gen.Choose(0, 3)
            from start in Gen.Frequency((3, Gen.Choose(0, 600)), (1, Gen.Constant(0)))
            from count in Gen.Choose(0, 10)
            from steps in step.ArrayOf(count)
            from keys in Gen.Choose(0, 1000).ArrayOf(count + 1)
            select new GeneratedConversation(opening, channel, start, steps, keys);
        var shift = Gen.Frequency(
            (2, Gen.Constant(0L)), (1, Gen.Constant(-1L)), (1, Gen.Constant(1L)),
            (1, Gen.Choose(-600, 600).Select(m => m * 60_000_000_000L)));
        var switches =
            from channel in Gen.Choose(0, 3)
            from anchor in Gen.Choose(0, 5)
            from plusTimeout in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
            from nanoseconds in shift
            from enabled in Gen.Elements(true, false)
            select new GeneratedSwitch(channel, anchor, plusTimeout, nanoseconds, enabled);
        return
            from n in Gen.Choose(1, 6)
            from conversations in conversation.ArrayOf(n)
            from switchCount in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(1, 4)))
            from s in switches.ArrayOf(switchCount)
            from chunk in Gen.Frequency((1, Gen.Choose(16, 600)), (1, Gen.Constant(1 << 16)))
            from parallel in Gen.Elements(1, 2)
            select new GeneratedLog(conversations, s, chunk, parallel);
    }

    /// <summary>Reads the log in <paramref name="mode"/> with its chunk size and parallelism.</summary>
    public (ActivityLogResult Result, List<long> Accepted) Read(ReaderMode mode) => Modes.ReadOnly(mode, Bytes(), null, Parallel, Chunk);
}

/// <summary>
/// The oracle for the lean counts: the aggregates a read with <see cref="ActivityLogReaderOptions.KeepConversations"/> keeps,
/// classified by <see cref="ConversationClassifier"/> and counted by <see cref="MetricEventFactory"/> (screened by the account's
/// agent switches when it has any, R12).
/// </summary>
public static class CountOracle
{
    /// <summary>The instants worth asking about: the log's latest instant, every kept conversation's close by inactivity and the nanosecond before it (when not before the latest), and three days later.</summary>
    public static IReadOnlyList<Instant> AsOfInstants(ActivityLogResult lean, ActivityLogResult kept)
    {
        if (lean.LatestInstant is not { } leanLatest || kept.LatestInstant is not { } keptLatest)
        {
            return [];
        }

        var latest = Instant.Max(leanLatest, keptLatest);

        return kept.Conversations.SelectMany(c => new[] { c.AutoCloseAt - Duration.Epsilon, c.AutoCloseAt })
            .Append(latest).Append(latest + Duration.FromHours(72))
            .Where(i => i >= latest).Distinct().Order().ToList();
    }

    /// <summary>
    /// Every difference between the lean counts of <paramref name="lean"/> and the oracle on the aggregates of
    /// <paramref name="kept"/>, as of every instant of <see cref="AsOfInstants"/>. With <paramref name="allowStartedGap"/>, the
    /// lean count of Started may exceed the oracle's by the conversations with no agent message that are still open (the known
    /// R6 difference, see <see cref="ModeAgreementTests"/>); without it every count must be equal.
    /// </summary>
    public static List<string> Differences(ActivityLogResult lean, ActivityLogResult kept, bool allowStartedGap = false)
    {
        var differences = new List<string>();
        foreach (var asOf in AsOfInstants(lean, kept))
        {
            foreach (var account in lean.Accounts)
            {
                var conversations = kept.Conversations.Where(c => c.Header.AccountId == account.AccountId && c.IsCountedInMetrics).ToList();
                var begunWhileOn = conversations.Where(c => account.Switches is null || account.Switches.IsEnabled(c.Channel, c.StartedAt)).ToList();
                var counts = account.CountByChannelAndStatus(asOf);
                foreach (var channel in Enum.GetValues<Channel>())
                {
                    foreach (var status in Enum.GetValues<ConversationStatus>())
                    {
                        var expected = begunWhileOn.Count(c => c.Channel == channel && ConversationClassifier.Default.Classify(c, asOf).Status == status);
                        if (counts[channel, status] != expected)
                        {
                            differences.Add($"{account.AccountId} as of {Modes.F(asOf)}: {channel} {status}: lean {counts[channel, status]}, aggregates {expected}");
                        }
                    }
                }

                var events = conversations
                    .SelectMany(c => account.Switches is null ? MetricEventFactory.Default.EventsAsOf(c, asOf) : MetricEventFactory.Default.EventsAsOf(c, account.Switches, asOf).Collected)
                    .GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => (long)g.Count());
                var leanEvents = account.CountEventsAsOf(asOf);
                var gap = conversations.Count(c => !c.History.OfType<AgentMessageSent>().Any() && ConversationClassifier.Default.Classify(c, asOf).Status == ConversationStatus.Open);
                foreach (var kind in Enum.GetValues<MetricKind>())
                {
                    var expected = events.GetValueOrDefault(kind);
                    var actual = leanEvents.GetValueOrDefault(kind);
                    var tolerated = allowStartedGap && kind == MetricKind.StartedConversation && actual >= expected && actual <= expected + gap;
                    if (actual != expected && !tolerated)
                    {
                        differences.Add($"{account.AccountId} as of {Modes.F(asOf)}: {kind} events: lean {actual}, aggregates {expected}");
                    }
                }
            }
        }

        return differences;
    }
}
