using CustomerAgent.Bulk;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CustomerAgent.Tests.Bulk;

/// <summary>The bulk path and <see cref="ConversationClassifier"/> give the same status for conversations built through the aggregate.</summary>
public sealed class BulkAgreesWithClassifierPropertyTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 29, 0, 30);

    /// <summary>One attempted aggregate call: a kind, minutes after the previous one, and a parameter.</summary>
    internal sealed record Step(int Kind, int Minutes, int Param);

    private static readonly Gen<Step> StepGen =
        from kind in Gen.Choose(0, 6)
        from minutes in Gen.Frequency((8, Gen.Choose(0, 90)), (2, Gen.Choose(2878, 2882)), (1, Gen.Choose(3000, 9000)))
        from param in Gen.Choose(0, 3)
        select new Step(kind, minutes, param);

    private static readonly Gen<(int StartMinutes, Step[] Steps, int Channel)> ConversationGen =
        from start in Gen.Choose(0, 180)
        from steps in StepGen.ArrayOf()
        from channel in Gen.Choose(0, 3)
        select (start, steps, channel);

    /// <summary>Applies the steps through the aggregate's methods, skipping the ones its rules reject.</summary>
    private static Conversation Build(int index, (int StartMinutes, Step[] Steps, int Channel) spec)
    {
        var header = ConversationHeader.Create(ConversationId.From($"c{index}"), AccountId.From("acct"), (Channel)spec.Channel);
        var at = Start + Duration.FromMinutes(spec.StartMinutes);
        var c = Conversation.Start(header, at, "hello");
        foreach (var step in spec.Steps)
        {
            at += Duration.FromMinutes(step.Minutes);
            try
            {
                _ = step.Kind switch
                {
                    0 => c.RecordShopperMessage(at, "more"),
                    1 => c.RecordAgentMessage(at, "answer", "general-qa"),
                    2 => c.TriggerHandoff(at, (HandoffKind)(step.Param == 1 ? 0 : step.Param), HandoffMode.Hard, HandoffReason.KnowledgeGap),
                    3 => c.OfferSupportTicket(at, HandoffMode.Soft, HandoffReason.ExplicitAsk),
                    4 => c.AnswerSupportTicketOffer(at, step.Param % 2 == 1),
                    5 => c.Close(at, (ClosedBy)(step.Param % 2)),
                    _ => (ConversationActivity)c.ApplyTag(at, "tag"),
                };
            }
            catch (CustomerAgentException)
            {
                // The aggregate refused (D2, H3): the conversation is unchanged; carry on.
            }
        }

        return c;
    }

    private static readonly Arbitrary<((int, Step[], int)[] Specs, int Pick, int Kind, int Minutes)> Cases =
        (from specs in ConversationGen.ArrayOf().Where(a => a.Length > 0)
         from pick in Gen.Choose(0, 10_000)
         from kind in Gen.Choose(0, 5)
         from minutes in Gen.Choose(0, 12_000)
         select (specs, pick, kind, minutes)).ToArbitrary();

    [Property(MaxTest = 200)]
    public Property D1_R2_R3_R4_D2_D3_bulk_status_equals_the_single_conversation_classifier()
    {
        return Prop.ForAll(Cases, input =>
        {
            var conversations = input.Specs.Select((s, i) => Build(i, s)).ToArray();
            var latestStart = conversations.Max(c => c.StartedAt);
            var chosen = conversations[input.Pick % conversations.Length];
            var candidate = input.Kind switch
            {
                0 => chosen.AutoCloseAt,
                1 => chosen.AutoCloseAt - Duration.Epsilon,
                2 => chosen.Handoff?.At ?? chosen.AutoCloseAt,
                3 => chosen.ExplicitClose?.At ?? chosen.LastMessageAt,
                4 => (chosen.ExplicitClose?.At ?? chosen.AutoCloseAt) - Duration.Epsilon,
                _ => latestStart + Duration.FromMinutes(input.Minutes),
            };
            var asOf = candidate < latestStart ? latestStart : candidate;

            var batch = ConversationBatch.FromConversations(AccountId.From("acct"), ConversationPolicy.Default, conversations);
            var expected = conversations.Select(c => ConversationClassifier.Default.Classify(c, asOf).Status).ToArray();
            foreach (var kernel in new[] { BulkKernel.Scalar, BulkKernel.Vectorized })
            {
                var actual = new ConversationStatus[batch.Count];
                new BulkStatusClassifier(ConversationPolicy.Default, kernel).Classify(batch, asOf, actual);
                Assert.Equal(expected, actual);
            }
        });
    }
}
