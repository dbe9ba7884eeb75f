using CustomerAgent.Attribution;
using CustomerAgent.Bulk;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CustomerAgent.Tests;

/// <summary>The README's other snippets, compiled and run by <see cref="ReadmeTests"/>; each region is the README block after its marker.</summary>
internal static class ReadmeSnippets
{
    /// <summary>The README's dependency-injection snippet (region readme:di): one timeout for every service.</summary>
    internal static ConversationStatus DependencyInjection(ConversationHeader header, Instant start)
    {
        var services = new ServiceCollection();
        // <readme:di>
        services.AddCustomerAgent(options => options.AutoCloseAfter = Duration.FromHours(24));
        using var provider = services.BuildServiceProvider();

        // every service is built from this one policy; start conversations with it
        var policy = provider.GetRequiredService<ConversationPolicy>();
        var conversation = Conversation.Start(header, start, "Hi!", policy);
        var status = provider.GetRequiredService<IConversationClassifier>().Classify(conversation, start + Duration.FromHours(24)).Status;
        // </readme:di>
        return status;
    }

    /// <summary>The README's bulk snippet (region readme:bulk): one account's conversations, one policy.</summary>
    internal static (StatusCounts Counts, ConversationStatus[] Statuses) Bulk(AccountId account, ConversationPolicy policy, IEnumerable<Conversation> conversations, Instant now)
    {
        // <readme:bulk>
        // one account's conversations (preview ones are left out, R20), columnar, no allocation per conversation
        var batch = ConversationBatch.FromConversations(account, policy, conversations);
        var bulk = new BulkStatusClassifier(policy);
        StatusCounts counts = bulk.CountByStatus(batch, now);
        var statuses = new ConversationStatus[batch.Count];
        bulk.Classify(batch, now, statuses);

        // several accounts: one batch each, never added together
        var perAccount = ConversationBatch.PerAccount(policy, conversations);
        // </readme:bulk>
        _ = perAccount;
        return (counts, statuses);
    }

    /// <summary>The README's AI-generated sales snippet (region readme:sales).</summary>
    internal static AttributionResult Sales(IEnumerable<Conversation> conversations, IEnumerable<Touch> touches, IEnumerable<Order> orders, Instant start, Instant end)
    {
        // <readme:sales>
        // orders placed in [start, end), credited by web chat clicks (R16) or a Customer Agent SMS last touch (R17), once each
        var evidence = AttributionEvidence.FromConversations(conversations, touches);
        AttributionResult sales = new AiGeneratedSalesCalculator(AttributionSettings.Default).AttributeBetween(orders, evidence, start, end);
        // </readme:sales>
        return sales;
    }
}
