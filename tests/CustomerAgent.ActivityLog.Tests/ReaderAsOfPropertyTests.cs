using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>
/// <see cref="ActivityLogReaderOptions.AsOf"/> on random logs (<see cref="GeneratedLog"/>: valid and invalid lines of two accounts,
/// agent switches) cut at one of their own instants or a nanosecond either side: the same lines are accepted and rejected as
/// without it, and every conversation's facts are those its aggregate had at the instant (the aggregate's own history,
/// <see cref="Conversation.FactsAsOf"/>, from a read without the instant), as are the counts.
/// </summary>
public sealed class ReaderAsOfPropertyTests
{
    private static string Describe(ConversationFacts f) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{f.Channel} {f.Mode} started {Modes.F(f.StartedAt)} last activity {Modes.F(f.LastActivityAt)} last message {Modes.F(f.LastMessageAt)} by {f.LastMessageAuthor} messages {f.MessageCount}/{f.AgentMessageCount} handoff {Modes.F(f.Handoff?.At)} closed {Modes.F(f.ExplicitClose?.At)} pending offer {Modes.F(f.PendingTicketOffer?.At)} tags [{string.Join(",", f.Tags)}] skills [{string.Join(",", f.SkillInvocations.Select(s => s.Skill + "@" + Modes.F(s.At)))}] recommendations [{string.Join(",", f.Recommendations.Select(r => Modes.F(r.At) + "#" + r.AgentMessageNumber + ":" + string.Join("+", r.Products)))}] clicks [{string.Join(",", f.Clicks.Select(c => c.ProductId + "@" + Modes.F(c.At)))}]");

    private static readonly Gen<(GeneratedLog Log, int Pick, long Jitter)> Cases =
        from log in GeneratedLog.Generator
        from pick in Gen.Choose(0, 10_000)
        from jitter in Gen.Elements(-1L, 0L, 0L, 1L)
        select (log, pick, jitter);

    [Property(MaxTest = 200)]
    public Property D1_with_AsOf_every_line_is_judged_as_without_it_and_every_conversation_has_its_aggregates_facts_at_the_instant() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var (whole, _) = c.Log.Read(ReaderMode.KeepConversations);
            var instants = whole.Conversations.SelectMany(k => k.History.Select(a => a.At))
                .Concat(whole.Accounts.SelectMany(a => a.Switches?.Changes.Select(s => s.At) ?? []))
                .Distinct().Order().ToList();
            if (instants.Count == 0)
            {
                return;
            }

            var asOf = instants[c.Pick % instants.Count] + Duration.FromNanoseconds(c.Jitter);
            var cut = ActivityLogReader.Read(new MemoryStream(c.Log.Bytes()), new ActivityLogReaderOptions { AsOf = asOf, MaxDegreeOfParallelism = c.Log.Parallel, ChunkSize = c.Log.Chunk });

            Assert.Equal(
                whole.Rejections.Select(r => (r.LineNumber, r.Reason, Convert.ToHexString(r.Bytes.Span))),
                cut.Rejections.Select(r => (r.LineNumber, r.Reason, Convert.ToHexString(r.Bytes.Span))));
            Assert.Equal((whole.LineCount, whole.AcceptedLineCount), (cut.LineCount, cut.AcceptedLineCount));

            foreach (var account in cut.Accounts)
            {
                Assert.Equal(asOf, account.AsOf);
                var aggregates = whole.Conversations.Where(k => k.Header.AccountId == account.AccountId && k.StartedAt <= asOf).ToList();
                Assert.Equal(
                    aggregates.Select(k => k.Id.Value + " " + Describe(k.FactsAsOf(asOf))),
                    account.Conversations.Select(s => s.Id.Value + " " + Describe(s.Facts)));

                var switches = whole.Accounts.Single(a => a.AccountId == account.AccountId).Switches;
                var counts = account.CountByChannelAndStatus(asOf);
                foreach (var channel in Enum.GetValues<Channel>())
                {
                    foreach (var status in Enum.GetValues<ConversationStatus>())
                    {
                        var expected = aggregates.Count(k => k.IsCountedInMetrics && k.Channel == channel && (switches is null || switches.IsEnabled(k.Channel, k.StartedAt)) && ConversationClassifier.Default.Classify(k, asOf).Status == status);
                        Assert.True(expected == counts[channel, status], $"{account.AccountId} as of {Modes.F(asOf)}: {channel} {status}: {counts[channel, status]}, aggregates {expected}");
                    }
                }
            }
        });
}
