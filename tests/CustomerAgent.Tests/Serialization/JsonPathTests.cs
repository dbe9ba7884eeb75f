using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerAgent.Events;
using CustomerAgent.Serialization;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.Serialization;

/// <summary>D4: every shape check of the JSON reader names the exact JSON path it failed at.</summary>
public sealed class JsonPathTests
{
    private static JsonObject ValidEvent() =>
        JsonNode.Parse(CustomerAgentJson.Serialize(MetricEventFactory.Default.EventsAsOf(Events.EventScenarios.ResolvedWebChat(), Min(60))[0]))!.AsObject();

    private static JsonObject ValidBatch() =>
        JsonNode.Parse(CustomerAgentJson.Serialize(MetricEventBatch.Create(MetricEventFactory.Default.EventsAsOf(Events.EventScenarios.ResolvedWebChat(), Min(60)))))!.AsObject();

    [Theory]
    [InlineData("data", null, "data is required")]
    [InlineData("data.type", "evnt", "data.type = 'evnt' must be 'event'")]
    [InlineData("data.attributes", null, "data.attributes is required")]
    [InlineData("data.attributes.metric", null, "data.attributes.metric.data is required")]
    [InlineData("data.attributes.metric.data.type", "metrik", "data.attributes.metric.data.type = 'metrik' must be 'metric'")]
    [InlineData("data.attributes.metric.data.attributes", null, "data.attributes.metric.data.attributes.name is required")]
    [InlineData("data.attributes.properties", null, "data.attributes.properties is required")]
    [InlineData("data.attributes.unique_id", null, "data.attributes.unique_id is required")]
    [InlineData("data.attributes.time", null, "data.attributes.time is required")]
    [InlineData("data.attributes.time", "yesterday", "data.attributes.time = 'yesterday' is not an ISO 8601")]
    [InlineData("data.attributes.profile", null, "data.attributes.profile.data is required")]
    [InlineData("data.attributes.profile.data.type", "person", "data.attributes.profile.data.type = 'person' must be 'profile'")]
    [InlineData("data.attributes.profile.data.attributes", null, "data.attributes.profile.data.attributes is required")]
    [InlineData("data.attributes.properties.Conversation ID", null, "data.attributes.properties.Conversation ID is required")]
    [InlineData("data.attributes.properties.Channel", null, "data.attributes.properties.Channel is required")]
    public void D4_a_broken_create_event_body_is_rejected_naming_the_path(string path, string? replacement, string message)
    {
        var json = Edit(ValidEvent(), path, replacement);

        var ex = Assert.Throws<JsonException>(() => CustomerAgentJson.DeserializeEvent(json));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("data", null, "data is required")]
    [InlineData("data.type", "job", "data.type = 'job' must be 'event-bulk-create-job'")]
    [InlineData("data.attributes.events-bulk-create", null, "data.attributes.events-bulk-create.data is required")]
    [InlineData("data.attributes.events-bulk-create.data.0.type", "entry", "data.attributes.events-bulk-create.data[0].type = 'entry' must be 'event-bulk-create'")]
    [InlineData("data.attributes.events-bulk-create.data.0.attributes.profile", null, "data.attributes.events-bulk-create.data[0].attributes.profile.data is required")]
    [InlineData("data.attributes.events-bulk-create.data.0.attributes.events", null, "data.attributes.events-bulk-create.data[0].attributes.events.data is required")]
    [InlineData("data.attributes.events-bulk-create.data.0.attributes.events.data.0.type", "evnt", "data.attributes.events-bulk-create.data[0].attributes.events.data[0].type = 'evnt' must be 'event'")]
    public void D4_a_broken_bulk_body_is_rejected_naming_the_path(string path, string? replacement, string message)
    {
        var json = Edit(ValidBatch(), path, replacement);

        var ex = Assert.Throws<JsonException>(() => CustomerAgentJson.DeserializeBatch(json));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void D4_a_batch_read_back_that_repeats_an_event_is_rejected_by_the_batch_rule()
    {
        var batch = ValidBatch();
        var events = batch["data"]!["attributes"]!["events-bulk-create"]!["data"]![0]!["attributes"]!["events"]!["data"]!.AsArray();
        events.Add(events[0]!.DeepClone());

        var ex = Assert.Throws<JsonException>(() => CustomerAgentJson.DeserializeBatch(batch.ToJsonString()));

        Assert.Contains("D4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("repeats", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_json_text_is_argument_misuse_and_json_null_is_not_a_body()
    {
        Assert.Equal("json", Assert.Throws<ArgumentNullException>(() => CustomerAgentJson.DeserializeEvent(null!)).ParamName);
        Assert.Equal("json", Assert.Throws<ArgumentNullException>(() => CustomerAgentJson.DeserializeBatch(null!)).ParamName);
        Assert.Equal("metricEvent", Assert.Throws<ArgumentNullException>(() => CustomerAgentJson.Serialize((MetricEvent)null!)).ParamName);
        Assert.Equal("batch", Assert.Throws<ArgumentNullException>(() => CustomerAgentJson.Serialize((MetricEventBatch)null!)).ParamName);
        Assert.Contains("not a Create Event request", Assert.Throws<JsonException>(() => CustomerAgentJson.DeserializeEvent("null")).Message, StringComparison.Ordinal);
        Assert.Contains("not a bulk create request", Assert.Throws<JsonException>(() => CustomerAgentJson.DeserializeBatch("null")).Message, StringComparison.Ordinal);
        Assert.True(CustomerAgentJson.Options.IsReadOnly);
        Assert.Equal(CustomerAgentJson.Serialize(MetricEventFactory.Default.EventsAsOf(Events.EventScenarios.ResolvedWebChat(), Min(60))[0]),
            JsonSerializer.Serialize(MetricEventFactory.Default.EventsAsOf(Events.EventScenarios.ResolvedWebChat(), Min(60))[0], CustomerAgentJson.Options));
    }

    /// <summary>Removes the member at the dotted path (numbers index arrays), or replaces it with a string.</summary>
    private static string Edit(JsonObject root, string path, string? replacement)
    {
        var parts = path.Split('.');
        JsonNode parent = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            parent = int.TryParse(parts[i], out var index) ? parent[index]! : parent[parts[i]]!;
        }

        var last = parts[^1];
        if (replacement is null)
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent[last] = replacement;
        }

        return root.ToJsonString();
    }
}
