using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerAgent.Conversations;
using CustomerAgent.Events;
using CustomerAgent.Serialization;
using CustomerAgent.Tests.Events;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.Serialization;

public sealed class EventJsonTests
{
    private const string CreateEvent = "create_event.json";
    private const string BulkCreate = "bulk_create_events.json";

    private static IReadOnlyList<MetricEvent> AllKinds() =>
    [
        .. MetricEventFactory.Default.EventsAsOf(EventScenarios.ResolvedWebChat(), Min(60)),
        .. MetricEventFactory.Default.EventsAsOf(EventScenarios.EscalatedSms(), Min(60)),
    ];

    [Fact]
    public void R6_R9_every_event_json_validates_against_the_vendors_create_event_schema()
    {
        var events = AllKinds();
        Assert.Equal(Enum.GetValues<MetricKind>().Order(), events.Select(e => e.Kind).Distinct().Order());

        foreach (var e in events)
        {
            var json = CustomerAgentJson.Serialize(e);
            Assert.Empty(VendorSchemas.Validate(CreateEvent, "EventCreateQueryV2", json));
            Assert.Empty(VendorSchemas.Validate(CreateEvent, "EventCreateQueryV2", json, closed: true));
        }
    }

    [Fact]
    public void Schema_check_is_not_vacuous_a_wrong_type_or_misspelt_member_fails()
    {
        var json = CustomerAgentJson.Serialize(AllKinds()[0]);

        Assert.NotEmpty(VendorSchemas.Validate(CreateEvent, "EventCreateQueryV2", json.Replace("\"type\":\"event\"", "\"type\":\"evnt\"", StringComparison.Ordinal)));
        Assert.NotEmpty(VendorSchemas.Validate(CreateEvent, "EventCreateQueryV2", json.Replace("\"unique_id\"", "\"uniqueId\"", StringComparison.Ordinal), closed: true));
        Assert.NotEmpty(VendorSchemas.Validate(CreateEvent, "EventCreateQueryV2", json.Replace("\"metric\"", "\"metrics\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void R11_D4_the_event_json_names_metric_profile_time_and_unique_id()
    {
        var resolved = AllKinds().Single(e => e.Kind == MetricKind.ConversationResolved);

        var a = JsonNode.Parse(CustomerAgentJson.Serialize(resolved))!["data"]!["attributes"]!;

        Assert.Equal("Conversation with Customer Agent Resolved", (string?)a["metric"]!["data"]!["attributes"]!["name"]);
        Assert.Equal("metric", (string?)a["metric"]!["data"]!["type"]);
        Assert.Equal("profile", (string?)a["profile"]!["data"]!["type"]);
        Assert.Equal("Ann.Lee@example.com", (string?)a["profile"]!["data"]!["attributes"]!["email"]);
        Assert.Equal("+33612345678", (string?)a["profile"]!["data"]!["attributes"]!["phone_number"]);
        Assert.Equal("2026-06-07T10:10:00+00:00", (string?)a["time"]);
        Assert.Equal("acct-1:conv-1001:resolved", (string?)a["unique_id"]);
        Assert.Equal("general-qa", (string?)a["properties"]!["Final Skill"]);
        Assert.Equal("web-chat", (string?)a["properties"]!["Channel"]);
        Assert.Equal("conv-1001", (string?)a["properties"]!["Conversation ID"]);
    }

    [Fact]
    public void D4_bulk_json_validates_against_the_vendors_bulk_schema_with_one_entry_per_profile()
    {
        var batch = MetricEventBatch.Create(AllKinds());

        var json = CustomerAgentJson.Serialize(batch);

        Assert.Empty(VendorSchemas.Validate(BulkCreate, "EventsBulkCreateJob", json));
        Assert.Empty(VendorSchemas.Validate(BulkCreate, "EventsBulkCreateJob", json, closed: true));
        var entries = JsonNode.Parse(json)!["data"]!["attributes"]!["events-bulk-create"]!["data"]!.AsArray();
        Assert.Equal(2, entries.Count);
        Assert.Equal(batch, CustomerAgentJson.DeserializeBatch(json));
    }

    [Fact]
    public void D4_event_json_round_trips_through_the_frozen_options()
    {
        Assert.True(CustomerAgentJson.Options.IsReadOnly);
        foreach (var e in AllKinds())
        {
            var json = JsonSerializer.Serialize(e, CustomerAgentJson.Options);

            Assert.Equal(json, CustomerAgentJson.Serialize(e));
            Assert.Equal(e, JsonSerializer.Deserialize<MetricEvent>(json, CustomerAgentJson.Options));
            Assert.Equal(e, CustomerAgentJson.DeserializeEvent(json));
        }
    }

    [Fact]
    public void D4_a_batch_rejects_a_repeated_unique_id_and_more_than_1000_events()
    {
        var e = AllKinds()[0];

        Assert.Equal("D4", Assert.Throws<CustomerAgentException>(() => MetricEventBatch.Create([e, e])).Rule);
        Assert.Equal("D4", Assert.Throws<CustomerAgentException>(() => MetricEventBatch.Create([])).Rule);
        Assert.Equal("D4", Assert.Throws<CustomerAgentException>(() => MetricEventBatch.Create(Enumerable.Range(0, 1001).Select(Recommendation))).Rule);
        Assert.Equal([1000, 1], MetricEventBatch.Chunk(Enumerable.Range(0, 1001).Select(Recommendation)).Select(b => b.Events.Count));
    }

    [Fact]
    public void D4_reading_json_that_breaks_the_shape_or_a_rule_names_the_path()
    {
        var json = CustomerAgentJson.Serialize(AllKinds()[0]);

        var wrongType = Assert.Throws<JsonException>(() => CustomerAgentJson.DeserializeEvent(json.Replace("\"type\":\"event\"", "\"type\":\"evnt\"", StringComparison.Ordinal)));
        Assert.Contains("data.type", wrongType.Message, StringComparison.Ordinal);
        var noId = Assert.Throws<JsonException>(() => CustomerAgentJson.DeserializeEvent(json.Replace("\"unique_id\"", "\"x\"", StringComparison.Ordinal)));
        Assert.Contains("unique_id", noId.Message, StringComparison.Ordinal);
        var badName = Assert.Throws<JsonException>(() => CustomerAgentJson.DeserializeEvent(json.Replace("Started Conversation", "Begun Conversation", StringComparison.Ordinal)));
        Assert.Contains("R6", badName.Message, StringComparison.Ordinal);
    }

    private static MetricEvent Recommendation(int i)
    {
        var c = Conversation.Start(Header("bulk-" + i), T0, "Hi");
        c.RecordAgentMessage(Min(1), "Try", "product-recommendations", ["SKU-1"]);
        return MetricEventFactory.Default.EventsAsOf(c, Min(1)).Single(e => e.Kind == MetricKind.ReceivedProductRecommendation);
    }

    /// <summary>
    /// D4: the converters behind <see cref="CustomerAgentJson.Options"/> (public through <see cref="JsonSerializerOptions.GetConverter"/>)
    /// never write a body for a null event or batch: a direct call names the argument.
    /// </summary>
    [Fact]
    public void D4_the_event_and_batch_converters_name_a_null_value()
    {
        var options = CustomerAgentJson.Options;
        using var writer = new Utf8JsonWriter(Stream.Null);
        var eventConverter = Assert.IsAssignableFrom<System.Text.Json.Serialization.JsonConverter<MetricEvent>>(options.GetConverter(typeof(MetricEvent)));
        var batchConverter = Assert.IsAssignableFrom<System.Text.Json.Serialization.JsonConverter<MetricEventBatch>>(options.GetConverter(typeof(MetricEventBatch)));

        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => eventConverter.Write(writer, null!, options)).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => batchConverter.Write(writer, null!, options)).ParamName);
        Assert.Equal(0, writer.BytesCommitted + writer.BytesPending);
    }
}
