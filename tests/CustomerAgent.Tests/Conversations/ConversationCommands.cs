using CustomerAgent.Conversations;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CustomerAgent.Tests.Conversations;

/// <summary>A random command against the aggregate: a kind, a time step from the previous command, and a parameter.</summary>
internal sealed record ConversationCommand(int Kind, long StepMinutes, int Param)
{
    internal const int KindCount = 8;

    public override string ToString() => $"{Name}(+{StepMinutes}m, p{Param})";

    private string Name => Kind switch
    {
        0 => "Shopper",
        1 => "Agent",
        2 => "Click",
        3 => "Tag",
        4 => "Handoff",
        5 => "Offer",
        6 => "Answer",
        _ => "Close",
    };

    /// <summary>The activity this command records at <paramref name="at"/>; params 0 give blank text or undefined values, so some commands are invalid.</summary>
    internal ConversationActivity ToActivity(Instant at) => Kind switch
    {
        0 => new ShopperMessageSent(at, Param == 0 ? " " : $"question {Param}"),
        1 => new AgentMessageSent(at, Param == 0 ? "" : $"answer {Param}", $"skill-{Param % 3}", Param % 2 == 1 ? [$"P{Param}"] : []),
        2 => new ProductCardClicked(at, $"P{Param}"),
        3 => new TagApplied(at, Param == 0 ? "" : $"tag-{Param % 3}"),
        4 => new HandoffTriggered(at, (HandoffKind)(Param % 4), HandoffMode.Hard, HandoffReason.KnowledgeGap),
        5 => new SupportTicketOffered(at, HandoffMode.Soft, HandoffReason.ExplicitAsk),
        6 => new SupportTicketAnswered(at, Param % 2 == 1),
        _ => new ConversationClosed(at, Param == 5 ? (ClosedBy)9 : (ClosedBy)(Param % 2)),
    };

    private static readonly Gen<long> Step = Gen.Frequency(
        (12, Gen.Choose(0, 90).Select(i => (long)i)),
        (2, Gen.Choose(-10, -1).Select(i => (long)i)),
        (2, Gen.Choose(2878, 2882).Select(i => (long)i)),
        (1, Gen.Choose(3000, 20000).Select(i => (long)i)));

    internal static readonly Gen<ConversationCommand> Gen1 =
        Gen.Choose(0, KindCount - 1).SelectMany(kind => Step.SelectMany(step => Gen.Choose(0, 5).Select(p => new ConversationCommand(kind, step, p))));

    internal static readonly Arbitrary<ConversationCommand[]> Arb = Gen1.ArrayOf().ToArbitrary();

    internal static readonly Instant Start = Instant.FromUtc(2026, 3, 29, 0, 30);

    /// <summary>Starts a conversation and applies the commands, skipping those the aggregate rejects. Returns the conversation and the instants used.</summary>
    internal static Conversation BuildValid(IEnumerable<ConversationCommand> commands)
    {
        var c = Conversation.Start(TestData.Header(), Start, "hello");
        var at = Start;
        foreach (var command in commands)
        {
            var next = at + Duration.FromMinutes(command.StepMinutes);
            try
            {
                c.Apply(command.ToActivity(next));
                at = next;
            }
            catch (CustomerAgentException)
            {
                // Invalid for this history: a valid history simply does not contain it.
            }
        }

        return c;
    }
}
