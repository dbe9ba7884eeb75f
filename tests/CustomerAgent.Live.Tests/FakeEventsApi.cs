using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NJsonSchema;

namespace CustomerAgent.Live.Tests;

/// <summary>What the fake answers to one request before it behaves normally.</summary>
internal sealed record Fault(int Status, int? RetryAfterSeconds = null, TimeSpan? Delay = null);

/// <summary>
/// A local stand-in for the vendor's Events API (in-process Kestrel on a free loopback port): checks the key and the revision,
/// validates every body against the vendor's schema (the copy in tests/CustomerAgent.Tests/Reference/vendor-openapi), dedupes on
/// <c>unique_id</c> as the vendor does, and answers the queued faults (429 with Retry-After, 500, slow answers) first.
/// </summary>
internal sealed class FakeEventsApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private FakeEventsApi(WebApplication app, string key)
    {
        _app = app;
        Key = key;
    }

    public string Key { get; }

    public Uri Address { get; private set; } = null!;

    public ConcurrentQueue<Fault> Faults { get; } = new();

    /// <summary>Per unique_id, how many times it was received in an accepted request (more than 1: a duplicate, which the vendor drops).</summary>
    public ConcurrentDictionary<string, int> Received { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> SchemaErrors { get; } = new();

    /// <summary>Every request: when it came (since the fake started), and what it answered.</summary>
    public ConcurrentQueue<(TimeSpan At, int Status)> Requests { get; } = new();

    public int Duplicates => Received.Values.Sum(v => v - 1);

    /// <summary>Per unique_id, the event as first received, normalized (<see cref="Normalize"/>): the same text for the same event in a Create Event body or a bulk job.</summary>
    public ConcurrentDictionary<string, string> Events { get; } = new(StringComparer.Ordinal);

    /// <summary>An event's attributes (without the profile) and its profile's attributes, object keys sorted.</summary>
    internal static string Normalize(JsonNode attributes, JsonNode? profile)
    {
        var copy = attributes.DeepClone().AsObject();
        copy.Remove("profile");
        var result = new JsonObject { ["event"] = Sorted(copy), ["profile"] = profile is null ? null : Sorted(profile.DeepClone()) };
        return result.ToJsonString();
    }

    /// <summary>A Create Event request body, normalized as the fake records it.</summary>
    internal static (string UniqueId, string Normalized) NormalizeCreateEvent(string body)
    {
        var attributes = JsonNode.Parse(body)!["data"]!["attributes"]!;
        return ((string)attributes["unique_id"]!, Normalize(attributes, attributes["profile"]?["data"]?["attributes"]));
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value?.DeepClone())))),
        JsonArray a => new JsonArray(a.Select(i => Sorted(i?.DeepClone())).ToArray()),
        _ => node?.DeepClone(),
    };

    public static async Task<FakeEventsApi> StartAsync(string key = "test-key")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeEventsApi(app, key);
        app.MapPost("/api/events", context => fake.Handle(context, "create_event.json", "EventCreateQueryV2"));
        app.MapPost("/api/event-bulk-create-jobs", context => fake.Handle(context, "bulk_create_events.json", "EventsBulkCreateJob"));
        await app.StartAsync();
        fake.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return fake;
    }

    private async Task Handle(HttpContext context, string file, string schema)
    {
        if (Faults.TryDequeue(out var fault))
        {
            Requests.Enqueue((_clock.Elapsed, fault.Status));
            if (fault.Delay is { } delay)
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            if (fault.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            context.Response.StatusCode = fault.Status;
            return;
        }

        if (context.Request.Headers.Authorization.ToString() != "Klaviyo-API-Key " + Key || string.IsNullOrEmpty(context.Request.Headers["revision"]))
        {
            Requests.Enqueue((_clock.Elapsed, 401));
            context.Response.StatusCode = 401;
            return;
        }

        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var errors = Schema(file, schema).Validate(body);
        if (errors.Count > 0)
        {
            SchemaErrors.Enqueue($"{schema}: {string.Join("; ", errors)}");
            Requests.Enqueue((_clock.Elapsed, 400));
            context.Response.StatusCode = 400;
            return;
        }

        foreach (var (id, normalized) in UniqueIds(JsonNode.Parse(body)!))
        {
            Received.AddOrUpdate(id, 1, (_, n) => n + 1);
            Events.TryAdd(id, normalized);
        }

        Requests.Enqueue((_clock.Elapsed, 202));
        context.Response.StatusCode = 202;
    }

    private static IEnumerable<(string Id, string Normalized)> UniqueIds(JsonNode body)
    {
        var attributes = body["data"]!["attributes"]!;
        if (attributes["unique_id"] is { } single)
        {
            yield return ((string)single!, Normalize(attributes, attributes["profile"]?["data"]?["attributes"]));
            yield break;
        }

        foreach (var item in attributes["events-bulk-create"]!["data"]!.AsArray())
        {
            var profile = item!["attributes"]!["profile"]?["data"]?["attributes"];
            foreach (var e in item["attributes"]!["events"]!["data"]!.AsArray())
            {
                yield return ((string)e!["attributes"]!["unique_id"]!, Normalize(e["attributes"]!, profile));
            }
        }
    }

    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new(StringComparer.Ordinal);

    /// <summary>One of the vendor's component schemas, with the others as its definitions (never retyped by hand).</summary>
    private static JsonSchema Schema(string file, string name) => Schemas.GetOrAdd(file + "#" + name, _ =>
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "vendor-openapi", file))
            .Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
        var components = JsonNode.Parse(text)!["components"]!["schemas"]!.AsObject();
        var root = components[name]!.DeepClone().AsObject();
        root["definitions"] = components.DeepClone();
        return JsonSchema.FromJsonAsync(root.ToJsonString()).GetAwaiter().GetResult();
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
