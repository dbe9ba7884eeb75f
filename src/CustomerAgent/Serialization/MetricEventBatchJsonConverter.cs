using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerAgent.Events;

namespace CustomerAgent.Serialization;

/// <summary>Reads and writes a <see cref="MetricEventBatch"/> as the vendor's bulk request (<c>EventsBulkCreateJob</c>): one entry per profile.</summary>
internal sealed class MetricEventBatchJsonConverter : JsonConverter<MetricEventBatch>
{
    public override MetricEventBatch Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var wire = JsonSerializer.Deserialize(ref reader, CustomerAgentJsonContext.Relaxed.BulkJobRequestWire);
        var job = EventWireMapper.Require(wire?.Data, "data");
        EventWireMapper.CheckType(job.Type, BulkJobWire.TypeName, "data.type");
        var entries = EventWireMapper.Require(job.Attributes?.EventsBulkCreate?.Data, "data.attributes.events-bulk-create.data");
        var events = new List<MetricEvent>();
        for (var i = 0; i < entries.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"data.attributes.events-bulk-create.data[{i}]");
            var entry = EventWireMapper.Require(entries[i], path);
            EventWireMapper.CheckType(entry.Type, BulkEntryWire.TypeName, path + ".type");
            var profile = EventWireMapper.FromWire(entry.Attributes?.Profile, path + ".attributes.profile");
            var list = EventWireMapper.Require(entry.Attributes?.Events?.Data, path + ".attributes.events.data");
            for (var j = 0; j < list.Count; j++)
            {
                events.Add(EventWireMapper.FromWire(list[j], profile, string.Create(CultureInfo.InvariantCulture, $"{path}.attributes.events.data[{j}]")));
            }
        }

        try
        {
            return MetricEventBatch.Create(events);
        }
        catch (CustomerAgentException ex)
        {
            throw new RuleJsonException(ex.Message, ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, MetricEventBatch value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        var entries = value.Events
            .GroupBy(e => e.Profile)
            .Select(g => new BulkEntryWire
            {
                Attributes = new BulkEntryAttributesWire
                {
                    Profile = EventWireMapper.ToWire(g.Key),
                    Events = new BulkEventListWire { Data = [.. g.Select(e => EventWireMapper.ToWire(e, withProfile: false))] },
                },
            })
            .ToList();
        var wire = new BulkJobRequestWire
        {
            Data = new BulkJobWire { Attributes = new BulkJobAttributesWire { EventsBulkCreate = new BulkEntryListWire { Data = entries } } },
        };
        JsonSerializer.Serialize(writer, wire, CustomerAgentJsonContext.Relaxed.BulkJobRequestWire);
    }
}
