using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CustomerAgent.Events;
using CustomerAgent.Serialization;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.Events;

/// <summary>docs/events.md shows, for each metric, a ```json block preceded by a line <c>&lt;!-- example: {metric name} --&gt;</c>; each must be exactly what the code produces for the documented conversations.</summary>
public sealed partial class EventsDocTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [GeneratedRegex(@"<!-- example: (?<name>[^>]+?) -->\s*```json\n(?<json>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Example();

    [Fact]
    public void R6_R9_D4_each_json_example_in_docs_events_md_is_exactly_what_the_code_produces()
    {
        var doc = File.ReadAllText(EventScenarios.FindRepoFile(Path.Combine("docs", "events.md"))).Replace("\r\n", "\n", StringComparison.Ordinal);
        var examples = Example().Matches(doc).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["json"].Value);
        var produced = MetricEventFactory.Default.EventsAsOf(EventScenarios.ResolvedWebChat(), Min(60))
            .Concat(MetricEventFactory.Default.EventsAsOf(EventScenarios.EscalatedSms(), Min(60)))
            .GroupBy(e => e.MetricName)
            .ToDictionary(g => g.Key, g => g.First());

        Assert.Equal(Enum.GetValues<MetricKind>().Select(k => k.ToMetricName()).Order(), examples.Keys.Order());
        var differences = new List<string>();
        foreach (var (name, json) in examples)
        {
            var actual = CustomerAgentJson.Serialize(produced[name]);
            if (JsonNode.Parse(json)!.ToJsonString(Compact) != actual)
            {
                differences.Add($"<!-- example: {name} -->\n```json\n{JsonNode.Parse(actual)!.ToJsonString(Indented)}\n```");
            }
        }

        Assert.True(differences.Count == 0, "docs/events.md differs from the code; the code produces:\n" + string.Join("\n", differences));
    }
}
