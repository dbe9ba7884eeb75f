using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerAgent.Events;

namespace CustomerAgent.Serialization;

/// <summary>The source-generated serialization metadata (AOT-safe, no reflection). Public access is through <see cref="CustomerAgentJson"/>.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(MetricEventJsonConverter), typeof(MetricEventBatchJsonConverter)])]
[JsonSerializable(typeof(MetricEvent))]
[JsonSerializable(typeof(MetricEventBatch))]
[JsonSerializable(typeof(EventCreateRequestWire))]
[JsonSerializable(typeof(BulkJobRequestWire))]
internal sealed partial class CustomerAgentJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context the SDK uses: the generated options plus the relaxed encoder, so that <c>+</c> in E.164 numbers and
    /// non-ASCII letters in tags are written as themselves (the output is an API body, never embedded in HTML).
    /// </summary>
    internal static CustomerAgentJsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new MetricEventJsonConverter(), new MetricEventBatchJsonConverter() },
    });
}
