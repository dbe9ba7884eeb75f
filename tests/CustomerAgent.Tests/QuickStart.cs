using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Serialization;
using NodaTime;

namespace CustomerAgent.Tests;

/// <summary>The README's quick start, compiled and run by <see cref="ReadmeTests"/>. Edit both together.</summary>
internal static class QuickStart
{
    internal static void Run()
    {
        // <quick-start>
        var start = Instant.FromUtc(2026, 6, 7, 10, 0);
        var header = ConversationHeader.Create(
            ConversationId.From("conv-42"), AccountId.From("acme"), Channel.WebChat,
            profile: Profile.Create(name: "Ann", email: "ann@example.com"));

        var conversation = Conversation.Start(header, start, "Where is my order #1001?");
        conversation.RecordAgentMessage(start + Duration.FromMinutes(1),
            "It left our warehouse this morning.", skill: "order-tracking");

        IConversationClassifier classifier = ConversationClassifier.Default;
        var now = classifier.Classify(conversation, start + Duration.FromHours(1));
        var later = classifier.Classify(conversation, start + Duration.FromHours(49));

        Console.WriteLine(now.Status);        // Open: awaiting the shopper (R5)
        Console.WriteLine(later.Status);      // ResolvedByAi: closed 48 h after the agent's last message (R2, D1)
        Console.WriteLine(later.ResolvedAt);  // 2026-06-09T10:01:00Z
        Console.WriteLine(later.Status.ToApiName()); // resolved-by-ai
        // </quick-start>
    }
}
