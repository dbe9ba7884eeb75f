using CustomerAgent.Conversations;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CustomerAgent.Tests.Conversations;

/// <summary>
/// Model-based test: any random sequence of commands, valid or not, either applies or throws <see cref="CustomerAgentException"/>
/// for the rule a small reference model predicts, with the aggregate unchanged; never another exception, never half-applied.
/// </summary>
public sealed class ConversationModelTests
{
    /// <summary>The reference model: the rules restated as plainly as possible, independent of the aggregate's code.</summary>
    private sealed class Model
    {
        private static readonly Duration Timeout = Duration.FromHours(48);
        private readonly HashSet<string> _recommended = [];
        private bool _pendingOffer;

        internal Instant LastActivity { get; private set; } = ConversationCommand.Start;

        internal Instant LastMessage { get; private set; } = ConversationCommand.Start;

        internal MessageAuthor LastAuthor { get; private set; } = MessageAuthor.Shopper;

        internal Instant? Closed { get; private set; }

        internal Instant? HandoffAt { get; private set; }

        internal int Messages { get; private set; } = 1;

        internal int HistoryCount { get; private set; } = 1;

        internal List<string> Tags { get; } = [];

        /// <summary>The rule the activity breaks, or null when it is valid (then the model applies it).</summary>
        internal string? Step(ConversationActivity activity)
        {
            var at = activity.At;
            if (at < LastActivity)
            {
                return "H1";
            }

            var conversational = activity is ShopperMessageSent or AgentMessageSent or HandoffTriggered or SupportTicketOffered or SupportTicketAnswered or ConversationClosed;
            if (conversational && (Closed is not null || at >= LastMessage + Timeout))
            {
                return "D2";
            }

            switch (activity)
            {
                case ShopperMessageSent m:
                    if (string.IsNullOrWhiteSpace(m.Text))
                    {
                        return "H4";
                    }

                    Message(at, MessageAuthor.Shopper);
                    break;
                case AgentMessageSent m:
                    if (string.IsNullOrWhiteSpace(m.Text) || string.IsNullOrWhiteSpace(m.Skill))
                    {
                        return "H4";
                    }

                    _recommended.UnionWith(m.Products);
                    Message(at, MessageAuthor.Agent);
                    break;
                case ProductCardClicked c:
                    if (!_recommended.Contains(c.ProductId))
                    {
                        return "H2";
                    }

                    break;
                case TagApplied t:
                    if (string.IsNullOrWhiteSpace(t.Tag))
                    {
                        return "H4";
                    }

                    if (!Tags.Contains(t.Tag))
                    {
                        Tags.Add(t.Tag);
                    }

                    break;
                case HandoffTriggered h:
                    if (h.Kind == HandoffKind.SupportTicket)
                    {
                        return "H3";
                    }

                    HandoffAt ??= at;
                    break;
                case SupportTicketOffered:
                    if (_pendingOffer)
                    {
                        return "H3";
                    }

                    _pendingOffer = true;
                    break;
                case SupportTicketAnswered a:
                    if (!_pendingOffer)
                    {
                        return "H3";
                    }

                    _pendingOffer = false;
                    if (a.Accepted)
                    {
                        HandoffAt ??= at;
                    }

                    break;
                case ConversationClosed c:
                    if (!Enum.IsDefined(c.By))
                    {
                        return "R2";
                    }

                    Closed = at;
                    _pendingOffer = false;
                    break;
            }

            LastActivity = at;
            HistoryCount++;
            return null;
        }

        private void Message(Instant at, MessageAuthor author)
        {
            LastMessage = at;
            LastAuthor = author;
            Messages++;
        }
    }

    private static string State(Conversation c) =>
        $"{c.History.Count}|{c.LastActivityAt}|{c.LastMessageAt}|{c.LastMessageAuthor}|{c.ExplicitClose?.At}|{c.Handoff?.At}|{c.MessageCount}|{string.Join(',', c.Tags)}";

    private static string State(Model m) =>
        $"{m.HistoryCount}|{m.LastActivity}|{m.LastMessage}|{m.LastAuthor}|{m.Closed}|{m.HandoffAt}|{m.Messages}|{string.Join(',', m.Tags)}";

    [Property(MaxTest = 500)]
    public Property H1_H5_D2_every_command_applies_or_is_rejected_whole_as_the_model_predicts()
    {
        return Prop.ForAll(ConversationCommand.Arb, commands =>
        {
            var c = Conversation.Start(TestData.Header(), ConversationCommand.Start, "hello");
            var model = new Model();
            var at = ConversationCommand.Start;
            foreach (var command in commands)
            {
                var activity = command.ToActivity(at + Duration.FromMinutes(command.StepMinutes));
                var before = State(c);
                var expectedRule = model.Step(activity);
                if (expectedRule is null)
                {
                    c.Apply(activity);
                    at = activity.At;
                }
                else
                {
                    var ex = Assert.Throws<CustomerAgentException>(() => c.Apply(activity));
                    Assert.Equal(expectedRule, ex.Rule);
                    Assert.Equal(before, State(c));
                }

                Assert.StartsWith(State(model), State(c), StringComparison.Ordinal);
            }
        });
    }

    [Property(MaxTest = 200)]
    public Property Replaying_a_valid_history_rebuilds_the_same_state()
    {
        return Prop.ForAll(ConversationCommand.Arb, commands =>
        {
            var c = ConversationCommand.BuildValid(commands);
            var replayed = Conversation.Replay(c.Header, c.History);

            Assert.Equal(State(c), State(replayed));
            Assert.Equal(c.History, replayed.History);
        });
    }
}
