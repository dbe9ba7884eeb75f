using System.Text.RegularExpressions;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Events;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>
/// Random small logs (<see cref="GeneratedLog"/>) read in both modes: the same lines accepted and rejected with the same reasons,
/// the lean summaries equal to the kept aggregates' facts, and the lean counts equal to the classifier and the event factory on
/// the aggregates (<see cref="CountOracle"/>). The exact agreement of rejections and counts on generated logs is in
/// <see cref="ModeAgreementTests"/> (it holds since the reader applies the core's rule methods).
/// </summary>
public sealed class ModePropertyTests
{
    [Property(MaxTest = 300)]
    public Property The_lean_summaries_equal_the_kept_aggregates_facts_on_generated_logs() =>
        Prop.ForAll(GeneratedLog.Generator.ToArbitrary(), log =>
        {
            var kept = log.Read(ReaderMode.KeepConversations).Result;
            var differences = SummaryDifferences(log.Read(ReaderMode.Lean).Result, kept).Concat(SummaryDifferences(kept, kept)).ToList();
            return (differences.Count == 0).Label(string.Join("\n", differences) + "\n" + log);
        });

    /// <summary>Every summary of <paramref name="read"/> against the aggregate of the same conversation in <paramref name="kept"/>, fact by fact (the summaries come account by account, the aggregates in order of first appearance: both sorted by account and ID).</summary>
    private static List<string> SummaryDifferences(ActivityLogResult read, ActivityLogResult kept)
    {
        var summaries = read.Accounts.SelectMany(a => a.Conversations).Select(s => (Key: (s.AccountId, s.Id), Text: Modes.Describe(s)[..Modes.Describe(s).IndexOf(" line ", StringComparison.Ordinal)]))
            .OrderBy(s => s.Key.AccountId.Value, StringComparer.Ordinal).ThenBy(s => s.Key.Id.Value, StringComparer.Ordinal).ToList();
        var aggregates = kept.Conversations.Select(c => (Key: (c.Header.AccountId, c.Id), Text: Describe(c)))
            .OrderBy(s => s.Key.AccountId.Value, StringComparer.Ordinal).ThenBy(s => s.Key.Id.Value, StringComparer.Ordinal).ToList();
        var differences = new List<string>();
        if (!summaries.Select(s => s.Key).SequenceEqual(aggregates.Select(a => a.Key)))
        {
            differences.Add($"conversations: summaries {string.Join(",", summaries.Select(s => s.Key))} / aggregates {string.Join(",", aggregates.Select(a => a.Key))}");
        }

        foreach (var (summary, aggregate) in summaries.Zip(aggregates))
        {
            if (summary.Text != aggregate.Text)
            {
                differences.Add($"summary   {summary.Text}\naggregate {aggregate.Text}");
            }
        }

        return differences;
    }

    /// <summary>An aggregate's facts in the words of <see cref="Modes.Describe"/> (without the opening line's position).</summary>
    private static string Describe(Conversation c) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{c.Header.AccountId}:{c.Id} {c.Channel} {c.Header.Mode} started {Modes.F(c.StartedAt)} last message {Modes.F(c.LastMessageAt)} by {c.LastMessageAuthor} messages {c.MessageCount} handoff {Modes.F(c.Handoff?.At)} closed {Modes.F(c.ExplicitClose?.At)} tags [{string.Join(",", c.Tags)}] skills {c.InitialSkill ?? "-"}/{c.FinalSkill ?? "-"} recommendations [{string.Join(",", c.History.OfType<AgentMessageSent>().Where(m => m.HasProducts).Select(m => Modes.F(m.At)))}]");

    /// <summary>
    /// The generator reaches what the properties are about: every rule of the apply stage, a line exactly at the close by
    /// inactivity rejected and one a nanosecond before it accepted, equal instants accepted, agent switches on a conversation's
    /// start, every status and every event kind (a fixed seed, so this never flickers).
    /// </summary>
    [Fact]
    public void The_generated_logs_reach_every_rule_and_the_edges()
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var inactivity = new Regex(@"^D2: \w+ = '([^']+)' comes after conversation \S+ closed by inactivity at (\S+) ", RegexOptions.CultureInvariant);
        foreach (var log in GeneratedLog.Generator.Sample(50, new Rnd(20261125UL), 400))
        {
            var (kept, accepted) = log.Read(ReaderMode.KeepConversations);
            foreach (var r in kept.Rejections)
            {
                reached.Add(r.Reason switch
                {
                    var s when s.StartsWith("H3: ticketOffer", StringComparison.Ordinal) => "H3 second offer",
                    var s when s.StartsWith("H3: ticketAnswer", StringComparison.Ordinal) => "H3 answer without offer",
                    var s when s.StartsWith("H5: type", StringComparison.Ordinal) => "H5 first line",
                    var s when s.StartsWith("H5: conversation", StringComparison.Ordinal) => "H5 later line",
                    var s when s.StartsWith("D2:", StringComparison.Ordinal) && s.Contains("was closed by", StringComparison.Ordinal) => "D2 explicit close",
                    var s when inactivity.Match(s) is { Success: true } m => m.Groups[1].Value == m.Groups[2].Value ? "D2 exactly at the close by inactivity" : "D2 after the close by inactivity",
                    var s => s[..s.IndexOf(':', StringComparison.Ordinal)],
                });
            }

            var acceptedLines = accepted.Select(n => log.Lines[(int)n - 1]).ToList();
            if (acceptedLines.Any(l => l.Timing == Timing.JustBeforeAutoClose && l.Kind.EndsWith("-message", StringComparison.Ordinal)))
            {
                reached.Add("a message a nanosecond before the close by inactivity accepted");
            }

            if (acceptedLines.Any(l => l.Timing == Timing.Same))
            {
                reached.Add("equal instants accepted");
            }

            foreach (var account in kept.Accounts.Where(a => a.Switches is not null))
            {
                if (kept.Conversations.Any(c => c.Header.AccountId == account.AccountId && account.Switches!.Changes.Any(s => s.At == c.StartedAt && s.Channel == c.Channel)))
                {
                    reached.Add("an agent switch at a conversation's start");
                }
            }

            foreach (var asOf in CountOracle.AsOfInstants(kept, kept))
            {
                foreach (var c in kept.Conversations.Where(c => c.IsCountedInMetrics))
                {
                    reached.Add(ConversationClassifier.Default.Classify(c, asOf).Status.ToString());
                    foreach (var e in MetricEventFactory.Default.EventsAsOf(c, asOf))
                    {
                        reached.Add(e.Kind.ToString());
                    }
                }
            }
        }

        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "H1", "H2", "H3 answer without offer", "H3 second offer", "D2 explicit close", "D2 exactly at the close by inactivity",
                "D2 after the close by inactivity", "H5 first line", "H5 later line", "R1", "LOG", "H6",
                "a message a nanosecond before the close by inactivity accepted", "equal instants accepted", "an agent switch at a conversation's start",
                nameof(ConversationStatus.Open), nameof(ConversationStatus.ResolvedByAi), nameof(ConversationStatus.NotResolvedByAi), nameof(ConversationStatus.Closed),
                nameof(MetricKind.StartedConversation), nameof(MetricKind.ConversationResolved), nameof(MetricKind.ConversationEscalated), nameof(MetricKind.ReceivedProductRecommendation),
            },
            reached);
    }

    /// <summary>R6 where both counts agree today: once the agent has answered, or once the conversation has a final status, its Started event counts in both.</summary>
    [Theory]
    [InBothModes("agent-message", "2026-06-07T10:01:00Z")]
    [InBothModes("close", "2026-06-07T10:01:00Z")]
    [InBothModes("handoff", "2026-06-07T10:01:00Z")]
    [InBothModes("tag", "2026-06-09T10:00:00Z")]
    public void R6_a_conversation_that_has_an_agent_message_or_a_final_status_has_its_Started_event_in_both_counts(string type, string at, ReaderMode mode)
    {
        var (lean, kept) = Modes.ReadBoth(Logs.Bytes(ConversationRuleTests.Opening(), ConversationRuleTests.Activity(type, at)));
        var asOf = InstantPattern.ExtendedIso.Parse(at).Value;

        var read = mode == ReaderMode.Lean ? lean : kept;
        Assert.Equal(1, Assert.Single(read.Accounts).CountEventsAsOf(asOf)[MetricKind.StartedConversation]);
        Assert.Empty(CountOracle.Differences(lean, kept));
        Assert.Single(MetricEventFactory.Default.EventsAsOf(Assert.Single(kept.Conversations), asOf), e => e.Kind == MetricKind.StartedConversation);
    }
}
