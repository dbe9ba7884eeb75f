using CustomerAgent.Conversations;
using NodaTime;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.Events;

/// <summary>The conversations documented in docs/events.md, and a path finder for repository files and the shared reference data.</summary>
internal static class EventScenarios
{
    /// <summary>Web chat, known shopper: asks, gets two product recommendations, closes the chat (R6, R9, R7).</summary>
    internal static Conversation ResolvedWebChat()
    {
        var profile = Profile.Create("Ann Lee", " Ann.Lee@Example.COM ", "+33 6 12 34 56 78");
        var c = Conversation.Start(Header("conv-1001", Channel.WebChat, profile: profile), Min(0), "I need running shoes for trails");
        c.ApplyTag(Min(0), "product-question");
        c.RecordAgentMessage(Min(1), "Here are two trail models.", "product-recommendations", ["SKU-TRAIL-1", "SKU-TRAIL-2"]);
        c.RecordShopperMessage(Min(3), "Do they ship to Lyon?");
        c.ApplyTag(Min(3), "shipping");
        c.RecordAgentMessage(Min(4), "Yes, in 2 days.", "general-qa");
        c.Close(Min(10), ClosedBy.Visitor);
        c.ApplyTag(Min(11), "late-tag");
        return c;
    }

    /// <summary>SMS, phone only: the agent cannot answer, offers a ticket, the shopper says yes (R6, R8 via R4).</summary>
    internal static Conversation EscalatedSms()
    {
        var profile = Profile.Create(phoneNumber: "(555) 123-4567", defaultCallingCode: "1");
        var c = Conversation.Start(Header("conv-2002", Channel.Sms, profile: profile), Min(0), "My order arrived damaged");
        c.ApplyTag(Min(0), "returns");
        c.RecordAgentMessage(Min(1), "Sorry to hear that. Shall I connect you with the team?", "returns-and-exchanges");
        c.OfferSupportTicket(Min(1), HandoffMode.Hard, HandoffReason.KnowledgeGap);
        c.AnswerSupportTicketOffer(Min(2), accepted: true);
        return c;
    }

    internal static string FindRepoFile(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CustomerAgent.sln")))
            {
                return Path.Combine(dir.FullName, relativePath);
            }
        }

        throw new InvalidOperationException("CustomerAgent.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The copy of the vendor's OpenAPI slices kept inside the repository (Reference/vendor-openapi, copied to the test output).</summary>
    internal static string VendorOpenApiDirectory()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "Reference", "vendor-openapi");
        return Directory.Exists(directory)
            ? directory
            : throw new InvalidOperationException("Reference/vendor-openapi is missing from the test output " + AppContext.BaseDirectory);
    }

    internal static Instant Tick(Instant i) => i + Duration.Epsilon;
}
