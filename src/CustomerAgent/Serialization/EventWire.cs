using System.Text.Json.Serialization;

namespace CustomerAgent.Serialization;

// The vendor's JSON:API shapes (create_event.json: EventCreateQueryV2; bulk_create_events.json: EventsBulkCreateJob).
// Internal wire types: the public model is CustomerAgent.Events.MetricEvent / MetricEventBatch.

/// <summary><c>EventCreateQueryV2</c>.</summary>
internal sealed class EventCreateRequestWire
{
    [JsonPropertyName("data")]
    public EventWire? Data { get; set; }
}

/// <summary><c>EventCreateQueryV2ResourceObject</c>, and without a profile, <c>BaseEventCreateQueryBulkEntryResourceObject</c>.</summary>
internal sealed class EventWire
{
    internal const string TypeName = "event";

    [JsonPropertyName("type")]
    public string? Type { get; set; } = TypeName;

    [JsonPropertyName("attributes")]
    public EventAttributesWire? Attributes { get; set; }
}

internal sealed class EventAttributesWire
{
    [JsonPropertyName("properties")]
    public EventPropertiesWire? Properties { get; set; }

    [JsonPropertyName("time")]
    public string? Time { get; set; }

    [JsonPropertyName("unique_id")]
    public string? UniqueId { get; set; }

    [JsonPropertyName("metric")]
    public MetricReferenceWire? Metric { get; set; }

    [JsonPropertyName("profile")]
    public ProfileReferenceWire? Profile { get; set; }
}

/// <summary>The event's <c>properties</c> object: the seed's key properties (R6–R9) under their English names.</summary>
internal sealed class EventPropertiesWire
{
    [JsonPropertyName("Conversation ID")]
    public string? ConversationId { get; set; }

    [JsonPropertyName("Channel")]
    public string? Channel { get; set; }

    [JsonPropertyName("Initial Skill")]
    public string? InitialSkill { get; set; }

    [JsonPropertyName("Final Skill")]
    public string? FinalSkill { get; set; }

    [JsonPropertyName("Tags")]
    public List<string>? Tags { get; set; }

    [JsonPropertyName("Escalation Reason")]
    public string? EscalationReason { get; set; }

    [JsonPropertyName("Products")]
    public List<string>? Products { get; set; }
}

internal sealed class MetricReferenceWire
{
    [JsonPropertyName("data")]
    public MetricWire? Data { get; set; }
}

/// <summary><c>MetricCreateQueryResourceObject</c>.</summary>
internal sealed class MetricWire
{
    internal const string TypeName = "metric";

    [JsonPropertyName("type")]
    public string? Type { get; set; } = TypeName;

    [JsonPropertyName("attributes")]
    public MetricAttributesWire? Attributes { get; set; }
}

internal sealed class MetricAttributesWire
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}

internal sealed class ProfileReferenceWire
{
    [JsonPropertyName("data")]
    public ProfileWire? Data { get; set; }
}

/// <summary><c>EventProfileCreateQueryResourceObject</c> / <c>OnsiteProfileCreateQueryResourceObject</c>.</summary>
internal sealed class ProfileWire
{
    internal const string TypeName = "profile";

    [JsonPropertyName("type")]
    public string? Type { get; set; } = TypeName;

    [JsonPropertyName("attributes")]
    public ProfileAttributesWire? Attributes { get; set; }
}

internal sealed class ProfileAttributesWire
{
    [JsonPropertyName("email")]
    public string? Email { get; set; }

    [JsonPropertyName("phone_number")]
    public string? PhoneNumber { get; set; }

    [JsonPropertyName("external_id")]
    public string? ExternalId { get; set; }

    [JsonPropertyName("anonymous_id")]
    public string? AnonymousId { get; set; }
}

/// <summary><c>EventsBulkCreateJob</c>.</summary>
internal sealed class BulkJobRequestWire
{
    [JsonPropertyName("data")]
    public BulkJobWire? Data { get; set; }
}

/// <summary><c>EventsBulkCreateJobResourceObject</c>.</summary>
internal sealed class BulkJobWire
{
    internal const string TypeName = "event-bulk-create-job";

    [JsonPropertyName("type")]
    public string? Type { get; set; } = TypeName;

    [JsonPropertyName("attributes")]
    public BulkJobAttributesWire? Attributes { get; set; }
}

internal sealed class BulkJobAttributesWire
{
    [JsonPropertyName("events-bulk-create")]
    public BulkEntryListWire? EventsBulkCreate { get; set; }
}

internal sealed class BulkEntryListWire
{
    [JsonPropertyName("data")]
    public List<BulkEntryWire>? Data { get; set; }
}

/// <summary><c>EventsBulkCreateQueryResourceObject</c>: one profile and its events.</summary>
internal sealed class BulkEntryWire
{
    internal const string TypeName = "event-bulk-create";

    [JsonPropertyName("type")]
    public string? Type { get; set; } = TypeName;

    [JsonPropertyName("attributes")]
    public BulkEntryAttributesWire? Attributes { get; set; }
}

internal sealed class BulkEntryAttributesWire
{
    [JsonPropertyName("profile")]
    public ProfileReferenceWire? Profile { get; set; }

    [JsonPropertyName("events")]
    public BulkEventListWire? Events { get; set; }
}

internal sealed class BulkEventListWire
{
    [JsonPropertyName("data")]
    public List<EventWire>? Data { get; set; }
}
