using System.Text;
using CustomerAgent.ActivityLog;

namespace CustomerAgent.Live.Tests;

internal static class Logs
{
    internal static string SamplePath => Path.Combine(AppContext.BaseDirectory, "samples", "activity-log.jsonl");

    internal static ActivityLogResult Read(string log, ActivityLogReaderOptions? options = null) =>
        ActivityLogReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(log)), options);

    /// <summary>The lines of a log in requests of <paramref name="size"/> lines each.</summary>
    internal static IEnumerable<string> Requests(string log, int size)
    {
        var lines = log.Split('\n');
        if (lines[^1].Length == 0)
        {
            lines = lines[..^1];
        }

        for (var i = 0; i < lines.Length; i += size)
        {
            yield return string.Join('\n', lines.Skip(i).Take(size)) + "\n";
        }
    }

    /// <summary>Waits (polling) until <paramref name="done"/> holds or <paramref name="limit"/> passes; returns whether it held.</summary>
    internal static async Task<bool> WaitUntil(Func<bool> done, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (!done())
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }
}
