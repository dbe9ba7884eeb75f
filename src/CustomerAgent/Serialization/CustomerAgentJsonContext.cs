using System.Text.Json.Serialization;
using CustomerAgent.Events;

namespace CustomerAgent.Serialization;

/// <summary>The source-generated serialization metadata (AOT-safe, no reflection). Public access is through <see cref="CustomerAgentJson"/>.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MetricEvent))]
[JsonSerializable(typeof(MetricEventBatch))]
[JsonSerializable(typeof(EventCreateRequestWire))]
[JsonSerializable(typeof(BulkJobRequestWire))]
internal sealed partial class CustomerAgentJsonContext : JsonSerializerContext;
