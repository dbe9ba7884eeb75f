using CustomerAgent.Classification;
using CustomerAgent.Tests.Conversations;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CustomerAgent.Tests.Classification;

public sealed class StatusPropertyTests
{
    private static readonly ConversationClassifier Classifier = ConversationClassifier.Default;

    private static readonly Arbitrary<(ConversationCommand[] Commands, int[] Offsets)> HistoryAndInstants =
        ConversationCommand.Gen1.ArrayOf()
            .SelectMany(cmds => Gen.Choose(0, 40_000).ArrayOf().Where(a => a.Length >= 2).Select(offsets => (cmds, offsets)))
            .ToArbitrary();

    [Property(MaxTest = 300)]
    public Property R1_D2_status_is_one_of_four_and_every_status_but_open_is_final()
    {
        return Prop.ForAll(HistoryAndInstants, input =>
        {
            var c = ConversationCommand.BuildValid(input.Commands);
            var instants = input.Offsets.Select(o => c.StartedAt + Duration.FromMinutes(o)).Order().ToArray();
            StatusClassification? previous = null;
            foreach (var t in instants)
            {
                var current = Classifier.Classify(c, t);
                Assert.True(Enum.IsDefined(current.Status));
                Assert.Equal(current.Status == ConversationStatus.ResolvedByAi, current.Criteria.AllHold);
                if (previous is { IsFinal: true })
                {
                    Assert.Equal(previous.Status, current.Status);
                    Assert.Equal(previous.StatusSince, current.StatusSince);
                }

                previous = current;
            }
        });
    }

    [Property(MaxTest = 300)]
    public Property D1_with_no_new_activity_the_only_change_is_open_to_closed_at_the_auto_close_instant()
    {
        return Prop.ForAll(HistoryAndInstants, input =>
        {
            var c = ConversationCommand.BuildValid(input.Commands);
            var atRest = Classifier.Classify(c, c.LastActivityAt);
            var autoClose = c.AutoCloseAt;

            foreach (var offset in input.Offsets)
            {
                var t = c.LastActivityAt + Duration.FromMinutes(offset);
                var later = Classifier.Classify(c, t);
                if (atRest.Status != ConversationStatus.Open)
                {
                    Assert.Equal(atRest.Status, later.Status);
                }
                else if (t < autoClose)
                {
                    Assert.Equal(ConversationStatus.Open, later.Status);
                }
                else
                {
                    Assert.Contains(later.Status, new[] { ConversationStatus.ResolvedByAi, ConversationStatus.Closed });
                    Assert.Equal(autoClose, later.StatusSince);
                    Assert.Equal(CloseReason.Inactivity, later.CloseReason);
                }
            }

            if (atRest.Status == ConversationStatus.Open)
            {
                Assert.Equal(ConversationStatus.Open, Classifier.Classify(c, autoClose - Duration.Epsilon).Status);
                Assert.NotEqual(ConversationStatus.Open, Classifier.Classify(c, autoClose).Status);
            }
        });
    }
}
