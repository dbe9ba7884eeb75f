using BenchmarkDotNet.Attributes;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Benchmarks;

/// <summary>The single-conversation classifier on a few typical histories.</summary>
[MemoryDiagnoser]
public class SingleConversationBenchmarks
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 6, 7, 10, 0);
    private readonly ConversationClassifier _classifier = ConversationClassifier.Default;
    private Conversation _open = null!;
    private Conversation _resolved = null!;
    private Conversation _escalated = null!;

    [GlobalSetup]
    public void Setup()
    {
        var header = ConversationHeader.Create(ConversationId.From("c"), AccountId.From("a"), Channel.WebChat);
        _open = Conversation.Start(header, T0, "hi");
        _resolved = Conversation.Start(header, T0, "hi");
        _resolved.RecordAgentMessage(T0 + Duration.FromMinutes(1), "hello", "general-qa");
        _resolved.Close(T0 + Duration.FromMinutes(2), ClosedBy.Visitor);
        _escalated = Conversation.Start(header, T0, "hi");
        _escalated.TriggerHandoff(T0 + Duration.FromMinutes(1), HandoffKind.TransferToHuman, HandoffMode.Hard, HandoffReason.ExplicitAsk);
    }

    [Benchmark(Baseline = true)]
    public ConversationStatus Open() => _classifier.Classify(_open, T0 + Duration.FromHours(1)).Status;

    [Benchmark]
    public ConversationStatus Resolved() => _classifier.Classify(_resolved, T0 + Duration.FromHours(1)).Status;

    [Benchmark]
    public ConversationStatus Escalated() => _classifier.Classify(_escalated, T0 + Duration.FromHours(1)).Status;
}
