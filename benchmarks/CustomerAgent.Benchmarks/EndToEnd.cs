using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CustomerAgent.Benchmarks;

/// <summary>
/// What the end-to-end compare modes (<c>compare-reader</c>, <c>compare-report</c>) share: the Release build of the tool, a
/// child process timed under <c>/usr/bin/time -v</c> (wall time, peak RSS, exit status), and the median.
/// </summary>
internal static partial class EndToEnd
{
    /// <summary>One timed run of a child process.</summary>
    internal readonly record struct Sample(double Seconds, long Kb, int ExitCode);

    /// <summary>The repository's root (the folder holding CustomerAgent.sln), found upwards from this program.</summary>
    internal static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CustomerAgent.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    /// <summary>The tool built in Release (<c>dotnet build src/CustomerAgent.Cli -c Release</c>).</summary>
    internal static string Cli(string root) => Path.Combine(root, "src/CustomerAgent.Cli/bin/Release/net10.0/customer-agent");

    /// <summary>The load average line of <c>/proc/loadavg</c>.</summary>
    internal static string Load() => File.ReadAllText("/proc/loadavg").Trim();

    /// <summary>Runs <paramref name="exe"/> under <c>/usr/bin/time -v</c>; its stdout, wall time, peak RSS and exit status (128 + N when killed by signal N).</summary>
    internal static (Sample Sample, string Output) Timed(string exe, params string[] arguments)
    {
        var timeFile = Path.GetTempFileName();
        try
        {
            var (_, output) = Exec("/usr/bin/time", ["-v", "-o", timeFile, exe, .. arguments]);
            var text = File.ReadAllText(timeFile);
            var wall = ElapsedRegex().Match(text).Groups[1].Value.Split(':');
            var seconds = wall.Length == 3
                ? (double.Parse(wall[0], CultureInfo.InvariantCulture) * 3600) + (double.Parse(wall[1], CultureInfo.InvariantCulture) * 60) + double.Parse(wall[2], CultureInfo.InvariantCulture)
                : (double.Parse(wall[0], CultureInfo.InvariantCulture) * 60) + double.Parse(wall[1], CultureInfo.InvariantCulture);
            var kb = long.Parse(RssRegex().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
            var signal = SignalRegex().Match(text);
            var exit = signal.Success
                ? 128 + int.Parse(signal.Groups[1].Value, CultureInfo.InvariantCulture)
                : int.Parse(ExitRegex().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
            return (new Sample(seconds, kb, exit), output);
        }
        finally
        {
            File.Delete(timeFile);
        }
    }

    /// <summary>Runs a child process to its end (stderr passes through); its exit code and stdout.</summary>
    internal static (int ExitCode, string Output) Exec(string exe, params string[] arguments)
    {
        var start = new ProcessStartInfo(exe) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    internal static double Median(IEnumerable<double> xs)
    {
        var a = xs.Order().ToArray();
        return a.Length % 2 == 1 ? a[a.Length / 2] : (a[(a.Length / 2) - 1] + a[a.Length / 2]) / 2;
    }

    [GeneratedRegex(@"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([0-9:.]+)")]
    private static partial Regex ElapsedRegex();

    [GeneratedRegex(@"Maximum resident set size \(kbytes\): (\d+)")]
    private static partial Regex RssRegex();

    [GeneratedRegex(@"Exit status: (\d+)")]
    private static partial Regex ExitRegex();

    /// <summary>GNU time's line for a child killed by a signal (its "Exit status" is then 0).</summary>
    [GeneratedRegex(@"Command terminated by signal (\d+)")]
    private static partial Regex SignalRegex();
}
