using CustomerAgent.Events;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>
/// <para>The exact agreement of the lean reader and the reader with <see cref="ActivityLogReaderOptions.KeepConversations"/> (the
/// <c>Conversation</c> aggregate, the classifier and <see cref="MetricEventFactory"/>) at the two places where they once
/// disagreed, fixed by issue #15 (both modes now apply a conversation's activities through the core's rule methods):</para>
/// <list type="bullet">
/// <item><description>H3, a second <c>ticket-offer</c> while one awaits an answer: both modes reject it with the same H3 reason
/// on the field ticketOffer.</description></item>
/// <item><description>R6, a conversation still open with no agent message (a single shopper message, or shopper messages and
/// tags): <see cref="AccountLog.CountEventsAsOf"/> counts no Started event for it, as <see cref="MetricEventFactory"/> emits
/// none (Started is emitted once the initial skill is known, or at the final status, whichever comes first).</description></item>
/// </list>
/// <para>The properties are the exact versions of those in <see cref="ModePropertyTests"/>.</para>
/// </summary>
public sealed class ModeAgreementTests
{
    [Fact]
    public void H3_a_second_offer_while_one_is_pending_is_rejected_the_same_in_both_modes()
    {
        var (lean, kept) = Modes.ReadBoth(Logs.Bytes(
            ConversationRuleTests.Opening(),
            ConversationRuleTests.Activity("ticket-offer", "2026-06-07T10:01:00Z"),
            ConversationRuleTests.Activity("ticket-offer", "2026-06-07T10:02:00Z"),
            ConversationRuleTests.Activity("ticket-answer", "2026-06-07T10:03:00Z")));

        foreach (var log in new[] { lean, kept })
        {
            var rejection = Assert.Single(log.Rejections);
            Assert.Equal(3, rejection.LineNumber);
            Assert.StartsWith("H3: ticketOffer = '2026-06-07T10:02:00Z' cannot be made while ", rejection.Reason, StringComparison.Ordinal);
        }

        Assert.Equal(Assert.Single(kept.Rejections).Reason, Assert.Single(lean.Rejections).Reason);
    }

    /// <summary>R6: Started is emitted once the initial skill is known (the agent's first message) or at the final status; a conversation still open with no agent message has none yet, and the lean count must say the same.</summary>
    [Theory]
    [InlineData("shopper-message@2026-06-07T10:00:00Z")]
    [InlineData("shopper-message@2026-06-07T10:00:00Z shopper-message@2026-06-07T10:05:00Z tag@2026-06-07T10:06:00Z")]
    [InlineData("shopper-message@2026-06-07T10:00:00Z ticket-offer@2026-06-07T10:01:00Z tag@2026-06-09T09:59:59.999999999Z")]
    public void R6_a_conversation_still_open_with_no_agent_message_counts_the_same_Started_events_in_both_modes(string activities)
    {
        var log = Logs.Bytes(activities.Split(' ').Select((l, i) =>
        {
            var (type, at) = (l[..l.IndexOf('@', StringComparison.Ordinal)], l[(l.IndexOf('@', StringComparison.Ordinal) + 1)..]);
            return i == 0 ? ConversationRuleTests.Opening(at: at) : ConversationRuleTests.Activity(type, at);
        }).ToArray());
        var (lean, kept) = Modes.ReadBoth(log);
        var asOf = kept.LatestInstant!.Value;

        var expected = MetricEventFactory.Default.EventsAsOf(Assert.Single(kept.Conversations), asOf).GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(
            Enum.GetValues<MetricKind>().Select(k => (k, expected.GetValueOrDefault(k))),
            Enum.GetValues<MetricKind>().Select(k => (k, Assert.Single(lean.Accounts).CountEventsAsOf(asOf).GetValueOrDefault(k))));
    }

    [Property(MaxTest = 300)]
    public Property H1_D2_H2_H3_H5_R1_both_modes_accept_and_reject_exactly_the_same_generated_lines_with_the_same_reasons() =>
        Prop.ForAll(GeneratedLog.Generator.ToArbitrary(), log =>
        {
            var differences = Modes.Differences(log.Read(ReaderMode.Lean), log.Read(ReaderMode.KeepConversations));
            return (differences.Count == 0).Label(string.Join("\n", differences) + "\n" + log);
        });

    [Property(MaxTest = 300)]
    public Property R1_R5_R6_R7_R8_R9_R12_the_lean_counts_equal_the_classifier_and_the_event_factory_on_the_kept_aggregates() =>
        Prop.ForAll(GeneratedLog.Generator.ToArbitrary(), log =>
        {
            var differences = CountOracle.Differences(log.Read(ReaderMode.Lean).Result, log.Read(ReaderMode.KeepConversations).Result);
            return (differences.Count == 0).Label(string.Join("\n", differences) + "\n" + log);
        });
}
