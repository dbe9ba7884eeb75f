using BenchmarkDotNet.Attributes;
using CustomerAgent.Attribution;
using DuckDB.NET.Data;

namespace CustomerAgent.Benchmarks;

/// <summary>
/// R17 last touch over 1 M orders and 5 M touches: the SDK's sort-and-sweep against DuckDB's ASOF JOIN over the same rows,
/// and the naive nested loop at 2 k orders × 10 k touches (the SDK at that size is its baseline).
/// Run: <c>dotnet run -c Release --project benchmarks/CustomerAgent.Benchmarks -- --filter '*AttributionBenchmarks*'</c> (several minutes).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 6)]
public class AttributionBenchmarks
{
    private readonly AttributionSettings _settings = AttributionSettings.Default;
    private readonly SmsLastTouchAttributionCalculator _calculator = new();
    private AttributionWorkload _large = null!;
    private AttributionWorkload _small = null!;
    private DuckDBConnection? _duck;

    [GlobalSetup]
    public void Setup()
    {
        _large = AttributionWorkload.Generate(1_000_000, 5_000_000);
        _small = AttributionWorkload.Generate(2_000, 10_000, seed: 7);
        _duck = _large.LoadDuckDb(_settings);
    }

    [GlobalCleanup]
    public void Cleanup() => _duck?.Dispose();

    [Benchmark(Baseline = true, Description = "SDK 1M x 5M")]
    public (long, long) Sdk() => AttributionContenders.Sdk(_large, _calculator);

    [Benchmark(Description = "DuckDB ASOF 1M x 5M")]
    public (long, long) DuckDb() => AttributionContenders.DuckDb(_duck!);

    [Benchmark(Description = "SDK 2k x 10k")]
    public (long, long) SdkSmall() => AttributionContenders.Sdk(_small, _calculator);

    [Benchmark(Description = "naive 2k x 10k")]
    public (long, long) Naive() => AttributionContenders.Naive(_small, _settings);
}
