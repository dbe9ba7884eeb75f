using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerAgent.Events;

namespace CustomerAgent.Serialization;

/// <summary>Reads and writes a <see cref="MetricEvent"/> as the vendor's Create Event request (<c>EventCreateQueryV2</c>).</summary>
internal sealed class MetricEventJsonConverter : JsonConverter<MetricEvent>
{
    public override MetricEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var wire = JsonSerializer.Deserialize(ref reader, CustomerAgentJsonContext.Relaxed.EventCreateRequestWire);
        return EventWireMapper.FromWire(wire?.Data, null, "data");
    }

    public override void Write(Utf8JsonWriter writer, MetricEvent value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        var wire = new EventCreateRequestWire { Data = EventWireMapper.ToWire(value, withProfile: true) };
        JsonSerializer.Serialize(writer, wire, CustomerAgentJsonContext.Relaxed.EventCreateRequestWire);
    }
}
