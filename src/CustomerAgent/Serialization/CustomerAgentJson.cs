using System.Text.Json;
using CustomerAgent.Events;

namespace CustomerAgent.Serialization;

/// <summary>
/// JSON for the vendor's Events API: a <see cref="MetricEvent"/> is the Create Event request body (<c>POST /api/events</c>,
/// <c>EventCreateQueryV2</c>) and a <see cref="MetricEventBatch"/> the bulk request body (<c>POST /api/event-bulk-create-jobs</c>,
/// <c>EventsBulkCreateJob</c>). Source-generated (AOT-safe); reading validates the shape and the rules and throws
/// <see cref="JsonException"/> naming the JSON path.
/// </summary>
public static class CustomerAgentJson
{
    /// <summary>Frozen options that serialize and deserialize <see cref="MetricEvent"/> and <see cref="MetricEventBatch"/> with <see cref="JsonSerializer"/>. Read-only: copy them to change anything.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The Create Event request body for <paramref name="metricEvent"/> (compact).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="metricEvent"/> is null.</exception>
    public static string Serialize(MetricEvent metricEvent)
    {
        ArgumentNullException.ThrowIfNull(metricEvent);
        return JsonSerializer.Serialize(metricEvent, CustomerAgentJsonContext.Relaxed.MetricEvent);
    }

    /// <summary>The bulk request body for <paramref name="batch"/> (compact): one entry per profile, in order of first appearance.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> is null.</exception>
    public static string Serialize(MetricEventBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return JsonSerializer.Serialize(batch, CustomerAgentJsonContext.Relaxed.MetricEventBatch);
    }

    /// <summary>Reads a Create Event request body written by <see cref="Serialize(MetricEvent)"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="JsonException">The JSON is malformed, misses a required member, or breaks a rule (the message names the path).</exception>
    public static MetricEvent DeserializeEvent(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return WithPublicMessage(() => JsonSerializer.Deserialize(json, CustomerAgentJsonContext.Relaxed.MetricEvent))
            ?? throw new JsonException("D4: the JSON is null, not a Create Event request.");
    }

    /// <summary>Reads a bulk request body written by <see cref="Serialize(MetricEventBatch)"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="JsonException">The JSON is malformed, misses a required member, or breaks a rule (the message names the path).</exception>
    public static MetricEventBatch DeserializeBatch(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return WithPublicMessage(() => JsonSerializer.Deserialize(json, CustomerAgentJsonContext.Relaxed.MetricEventBatch))
            ?? throw new JsonException("D4: the JSON is null, not a bulk create request.");
    }

    /// <summary>
    /// Runs a read and rewrites System.Text.Json's own errors, whose messages name the SDK's internal wire types, into a
    /// message that names only the JSON path. The SDK's own messages (naming a rule, such as <c>D4:</c>) pass unchanged.
    /// </summary>
    private static T? WithPublicMessage<T>(Func<T?> read)
    {
        try
        {
            return read();
        }
        catch (RuleJsonException ex)
        {
            throw new JsonException(ex.Message, ex.Path, ex.LineNumber, ex.BytePositionInLine);
        }
        catch (JsonException ex)
        {
            throw new JsonException($"D4: {ex.Path ?? "$"} is not valid here: malformed JSON, or not the type the vendor's request schema gives it (line {ex.LineNumber}, byte {ex.BytePositionInLine}).", ex.Path, ex.LineNumber, ex.BytePositionInLine);
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(CustomerAgentJsonContext.Relaxed.Options)
        {
            TypeInfoResolver = CustomerAgentJsonContext.Relaxed,
        };
        options.MakeReadOnly();
        return options;
    }
}
