using System.Text;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>Helpers: logs as bytes, read with the reader in its lean and its aggregate modes.</summary>
internal static class Logs
{
    internal const string Open = """{"conversation":"c1","account":"acme","channel":"web-chat","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"Hi","profile":{"name":"Ann"}}""";

    internal const string Next = """{"conversation":"c1","account":"acme","at":"2026-06-07T10:06:00Z","type":"agent-message","text":"ok","skill":"general-qa"}""";

    internal static byte[] Bytes(params string[] lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");

    internal static byte[] Join(IEnumerable<byte[]> lines) => lines.SelectMany(l => l.Append((byte)'\n')).ToArray();

    internal static ActivityLogResult Read(byte[] log, bool keep = false, int parallel = 0, int chunk = 1 << 22) =>
        ActivityLogReader.Read(new MemoryStream(log), new ActivityLogReaderOptions { KeepConversations = keep, MaxDegreeOfParallelism = parallel, ChunkSize = chunk });

    internal static ActivityLogResult Read(params string[] lines) => Read(Bytes(lines));

    internal static string SamplePath => Path.Combine(AppContext.BaseDirectory, "samples", "activity-log.jsonl");
}
