using System.Text.Json.Nodes;
using CustomerAgent.Tests.Events;
using NJsonSchema;
using NJsonSchema.Validation;

namespace CustomerAgent.Tests.Serialization;

/// <summary>
/// Loads the vendor's real OpenAPI documents (the copy kept in Reference/vendor-openapi, see its PROVENANCE.md) at test time and turns
/// one of their <c>components/schemas</c> into an NJsonSchema schema whose <c>definitions</c> are the other components.
/// Never a hand-copied schema.
/// </summary>
internal static class VendorSchemas
{
    private static readonly Dictionary<string, JsonSchema> Cache = [];

    /// <summary>The schema <paramref name="name"/> of <paramref name="file"/>. When <paramref name="closed"/>, every object schema that declares properties also forbids unknown ones, which catches misspelt member names.</summary>
    internal static JsonSchema Load(string file, string name, bool closed)
    {
        var key = $"{file}#{name}#{closed}";
        lock (Cache)
        {
            if (!Cache.TryGetValue(key, out var schema))
            {
                var text = File.ReadAllText(Path.Combine(EventScenarios.VendorOpenApiDirectory(), file))
                    .Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
                var doc = JsonNode.Parse(text)!;
                var components = doc["components"]!["schemas"]!.AsObject();
                if (closed)
                {
                    Close(components);
                }

                var root = components[name]!.DeepClone().AsObject();
                root["definitions"] = components.DeepClone();
                schema = JsonSchema.FromJsonAsync(root.ToJsonString()).GetAwaiter().GetResult();
                Cache[key] = schema;
            }

            return schema;
        }
    }

    internal static ICollection<ValidationError> Validate(string file, string name, string json, bool closed = false) =>
        Load(file, name, closed).Validate(json);

    private static void Close(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"] is JsonValue type && type.GetValueKind() == System.Text.Json.JsonValueKind.String
                    && (string?)type == "object" && o["properties"] is JsonObject)
                {
                    o["additionalProperties"] = false;
                }

                foreach (var (_, child) in o.ToList())
                {
                    Close(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Close(child);
                }

                break;
        }
    }
}
