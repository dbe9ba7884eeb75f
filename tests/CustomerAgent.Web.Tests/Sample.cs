using System.Text.Json.Nodes;
using CustomerAgent.ActivityLog;
using CustomerAgent.Conversations;

namespace CustomerAgent.Web.Tests;

/// <summary>The bundled sample (samples/activity-log.jsonl) read once with its conversations, the source every test serves, and the tool run in-process.</summary>
internal static class Sample
{
    private static readonly Lazy<ActivityLogDashboardSource> Shared = new(() => new ActivityLogDashboardSource(Log, ConversationPolicy.Default));

    internal static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "samples", "activity-log.jsonl");

    internal static ActivityLogResult Log => LazyLog.Value;

    internal static ActivityLogDashboardSource Source => Shared.Value;

    private static readonly Lazy<ActivityLogResult> LazyLog = new(() => ActivityLogReader.ReadFile(Path, new ActivityLogReaderOptions { KeepConversations = true }));

    /// <summary>Runs <c>customer-agent</c> in-process on the sample file; its stdout, or a failure with its stderr.</summary>
    internal static string Tool(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CustomerAgent.Cli.Program.Run([.. args, "--log", Path], stdout, stderr);
        Assert.True(code == 0, $"customer-agent {string.Join(' ', args)} exited {code}: {stderr}");
        return stdout.ToString();
    }

    /// <summary>The document of one account of <c>customer-agent report --format json</c>.</summary>
    internal static JsonNode ToolReport(string account, params string[] args)
    {
        var array = JsonNode.Parse(Tool(["report", "--format", "json", "--account", account, .. args]))!.AsArray();
        return Assert.Single(array)!;
    }
}
