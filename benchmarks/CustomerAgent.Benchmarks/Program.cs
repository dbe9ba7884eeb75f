using BenchmarkDotNet.Running;

namespace CustomerAgent.Benchmarks;

internal static class Program
{
    private static int Main(string[] args)
    {
#if DEBUG
        Console.Error.WriteLine("Benchmarks only run in Release: dotnet run -c Release --project benchmarks/CustomerAgent.Benchmarks");
        return 0;
#else
        if (args.Length > 0 && args[0] == "compare")
        {
            return Compare.Run();
        }

        if (args.Length > 0 && args[0] == "compare-dashboard")
        {
            return DashboardCompare.Run();
        }

        if (args.Length > 0 && args[0] == "compare-reader")
        {
            return ReaderCompare.Run(args);
        }

        if (args.Length > 1 && args[0] == "report-phases")
        {
            return ReportPhases.Run(args);
        }

        if (args.Length > 1 && args[0] == "web-latency")
        {
            return WebLatency.Run(args);
        }

        if (args.Length > 1 && args[0] == "reader-phases")
        {
            return ReaderPhases.Run(args[1]);
        }

        if (args.Length > 1 && args[0] == "duckdb-counts")
        {
            return ReaderCompare.DuckDbCounts(args[1]);
        }

        if (args.Length > 0 && args[0] == "compare-report")
        {
            return ReportCompare.Run(args);
        }

        if (args.Length > 1 && args[0] == "duckdb-report")
        {
            return ReportCompare.DuckDbReport(args[1]);
        }

        if (args.Length > 0 && args[0] == "live-throughput")
        {
            return LiveThroughput.Run(args);
        }

        if (args.Length > 0 && args[0] == "compare-attribution")
        {
            return AttributionCompare.Run();
        }

        if (args.Length > 0 && args[0] == "attribution-phases")
        {
            return AttributionCompare.Phases();
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
#endif
    }
}
