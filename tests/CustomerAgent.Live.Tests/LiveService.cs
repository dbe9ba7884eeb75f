using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CustomerAgent.Live.Delivery;
using CustomerAgent.Live.Grains;
using CustomerAgent.Live.Hosting;
using CustomerAgent.Live.Ingestion;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using System.Net.Http.Json;

namespace CustomerAgent.Live.Tests;

/// <summary>A sink that records what it is given, and can be told to fail.</summary>
internal sealed class RecordingSink : IMetricEventSink
{
    public ConcurrentQueue<OutboxEntry> Received { get; } = new();

    public volatile bool Failing;

    public Task SendAsync(IReadOnlyList<OutboxEntry> events, CancellationToken cancellationToken)
    {
        if (Failing)
        {
            throw new HttpRequestException("the sink is down (test)");
        }

        foreach (var e in events)
        {
            Received.Enqueue(e);
        }

        return Task.CompletedTask;
    }
}

/// <summary>One live service process in this test process: an Orleans silo and the HTTP endpoints on free loopback ports.</summary>
internal sealed class LiveService : IAsyncDisposable
{
    private LiveService(WebApplication app, HttpClient http)
    {
        App = app;
        Http = http;
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    private static readonly HashSet<int> GivenPorts = [];

    /// <summary>
    /// A free loopback port never handed out before in this test run: the kernel may give a just-closed port to the next bind to
    /// port 0, and three silos each take three ports before any of them binds (a silo once failed with "Address already in use").
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (GivenPorts)
            {
                if (GivenPorts.Add(port))
                {
                    return port;
                }
            }
        }
    }

    /// <summary>Starts a service with the given settings (<c>Live:…</c>, <c>EventsApi:…</c>), the clock and the sink.</summary>
    public static async Task<LiveService> StartAsync(IDictionary<string, string>? settings = null, IClock? clock = null, IMetricEventSink? sink = null, string? apiKey = null)
    {
        var args = new List<string> { "--urls", "http://127.0.0.1:0", $"--Live:SiloPort={FreePort()}", $"--Live:GatewayPort={FreePort()}", "--Logging:LogLevel:Default=Warning" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            args.Add($"--{key}={value}");
        }

        var app = LiveHost.Build(args.ToArray(), builder =>
        {
            if (clock is not null)
            {
                builder.Services.AddSingleton(clock);
            }

            if (sink is not null)
            {
                builder.Services.AddSingleton(sink);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var http = new HttpClient { BaseAddress = new Uri(address) };
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Add(LiveHost.ApiKeyHeader, apiKey);
        }

        return new LiveService(app, http);
    }

    /// <summary>Posts lines with an idempotency key; returns the service's answer.</summary>
    public async Task<IngestionResult> IngestAsync(string key, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/activity") { Content = new StringContent(body) };
        request.Headers.Add(LiveHost.IdempotencyKeyHeader, key);
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IngestionResult>())!;
    }

    public Task<ConversationSnapshot> SnapshotAsync(string account, string conversation) =>
        Grains.GetGrain<IConversationGrain>(GrainKeys.Conversation(account, conversation)).Snapshot();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
