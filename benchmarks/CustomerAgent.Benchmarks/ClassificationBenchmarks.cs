using BenchmarkDotNet.Attributes;
using CustomerAgent.Bulk;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using DuckDB.NET.Data;

namespace CustomerAgent.Benchmarks;

/// <summary>
/// Classifying a month of conversations as of one instant, counted per status, by every contender over the same rows.
/// Baseline: the memory-bandwidth floor (one pass summing the bytes the bulk count reads).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 12)]
public class ClassificationBenchmarks
{
    private ConversationBatch _batch = null!;
    private ConversationStatus[] _statuses = null!;
    private DuckDBConnection? _duck;

    /// <summary>Conversations (rows).</summary>
    [Params(1_000_000, 10_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _batch = Workload.Generate(N).ToBatch();
        _statuses = new ConversationStatus[N];
    }

    [GlobalSetup(Target = nameof(DuckDb))]
    public void SetupDuckDb()
    {
        var workload = Workload.Generate(N);
        _duck = workload.LoadDuckDb();
    }

    [GlobalCleanup]
    public void Cleanup() => _duck?.Dispose();

    [Benchmark(Baseline = true)]
    public ulong Floor() => Contenders.Floor(_batch);

    [Benchmark]
    public StatusCounts BulkScalar() => Contenders.Scalar.CountByStatus(_batch, Workload.AsOf);

    [Benchmark]
    public StatusCounts BulkVectorized() => Contenders.Vectorized.CountByStatus(_batch, Workload.AsOf);

    [Benchmark]
    public StatusCounts BulkParallel() => Contenders.Vectorized.CountByStatusParallel(_batch, Workload.AsOf);

    [Benchmark]
    public void BulkVectorizedWriteStatuses() => Contenders.Vectorized.Classify(_batch, Workload.AsOf, _statuses);

    [Benchmark]
    public ChannelStatusCounts BulkVectorizedByChannel() => Contenders.Vectorized.CountByChannelAndStatus(_batch, Workload.AsOf);

    [Benchmark]
    public StatusCounts DuckDb() => Contenders.DuckDb(_duck!, Workload.AsOf);
}

/// <summary>
/// The naive host (single-conversation classifier over aggregates) against the vectorized bulk count, at 1 M only:
/// 10 M aggregates would take about 10 GiB of heap on a 24 GiB machine shared with other builds.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class NaiveHostBenchmarks
{
    private ConversationBatch _batch = null!;
    private List<Conversation> _conversations = null!;

    /// <summary>Conversations.</summary>
    [Params(1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var workload = Workload.Generate(N);
        _batch = workload.ToBatch();
        _conversations = workload.ToConversations();
    }

    [Benchmark(Baseline = true)]
    public StatusCounts BulkVectorized() => Contenders.Vectorized.CountByStatus(_batch, Workload.AsOf);

    [Benchmark]
    public StatusCounts Naive() => Contenders.Naive(_conversations, Workload.AsOf);
}
