using System.Net;
using System.Security.Cryptography;
using System.Text;
using CustomerAgent.DependencyInjection;
using CustomerAgent.Live.Dashboard;
using CustomerAgent.Live.Delivery;
using CustomerAgent.Live.Grains;
using CustomerAgent.Live.Ingestion;
using CustomerAgent.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using NodaTime;
using Orleans.Configuration;
using Polly;

namespace CustomerAgent.Live.Hosting;

/// <summary>Builds the live service: an Orleans silo and the HTTP endpoints in one process (docs/live-service.md).</summary>
public static class LiveHost
{
    /// <summary>The header that carries the service's API key.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The header that carries an ingestion request's idempotency key.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The optional header that numbers a request's first line (default 1): line <c>i</c> of the body is line <c>N + i - 1</c> of its source, in the answers and in the line keys.</summary>
    public const string FirstLineHeader = "Idempotency-First-Line";

    /// <summary>Where the overview dashboard (page and API, <c>MapCustomerAgentDashboard</c>) is mapped.</summary>
    public const string DashboardPath = "/dashboard";

    /// <summary>Builds the service from <paramref name="args"/> and the configuration (<c>Live</c>, <c>EventsApi</c> sections; <c>urls</c> for the bindings).</summary>
    /// <param name="args">The command line (<c>--Live:Storage=PostgreSql</c>…).</param>
    /// <param name="configure">Changes to the services before the build (tests replace the clock or the sink), or null.</param>
    /// <returns>The application, not started.</returns>
    /// <exception cref="InvalidOperationException">The settings are not valid (a non-loopback binding without an API key; PostgreSQL without a connection string).</exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var live = builder.Configuration.GetSection(LiveOptions.Section).Get<LiveOptions>() ?? new LiveOptions();
        var eventsApi = builder.Configuration.GetSection(EventsApiOptions.Section).Get<EventsApiOptions>() ?? new EventsApiOptions();
        CheckBindings(builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? "http://127.0.0.1:5080", live);
        if (builder.Configuration["urls"] is null)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5080");
        }

        builder.Services.AddSingleton(live);
        builder.Services.AddSingleton(eventsApi);
        builder.Services.AddCustomerAgent(options =>
        {
            if (live.AutoCloseAfter is { } timeout)
            {
                options.AutoCloseAfter = Duration.FromTimeSpan(timeout);
            }
        });
        if (live.Clock is { } start)
        {
            if (!IsoInstantText.TryParse(start, out var at))
            {
                throw new InvalidOperationException($"Live:Clock = '{CustomerAgentException.Cut(start)}' is not an ISO 8601 instant (2026-10-19T00:00:00Z or 2026-10-19T02:00:00+02:00)");
            }

            var manual = new ManualClock(at);
            builder.Services.AddSingleton(manual);
            builder.Services.Replace(ServiceDescriptor.Singleton<IClock>(manual));
        }

        builder.Services.AddSingleton<Ingestor>();
        builder.Services.AddSingleton<LiveDashboardSource>();
        if (eventsApi.BaseAddress is { } address)
        {
            // the grains' outboxes go through one batching sink per silo (bulk requests across conversations of an account)
            builder.Services.AddSingleton<IMetricEventSink>(services => new BatchingSink(services.GetRequiredService<EventsApiSink>));
            builder.Services.AddHttpClient<EventsApiSink>(client => client.BaseAddress = address)
                .RedactLoggedHeaders(_ => true)
                .AddResilienceHandler("events-api", pipeline =>
                {
                    pipeline.AddTimeout(eventsApi.TotalTimeout);
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = eventsApi.MaxRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = eventsApi.BaseDelay,
                        ShouldRetryAfterHeader = true,
                    });
                    pipeline.AddTimeout(eventsApi.AttemptTimeout);
                });
        }
        else
        {
            builder.Services.TryAddSingleton<IMetricEventSink, UnconfiguredSink>();
        }

        builder.UseOrleans(silo => ConfigureSilo(silo, live));
        configure?.Invoke(builder);
        var app = builder.Build();
        if (live.ApiKey is { } key)
        {
            app.Use(RequireApiKey(key));
        }

        MapEndpoints(app, live);
        app.Logger.LogInformation("live service: {Options}; events API {EventsApi}", live, eventsApi);
        return app;
    }

    private static void ConfigureSilo(ISiloBuilder silo, LiveOptions live)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = live.ClusterId;
            o.ServiceId = live.ServiceId;
        });
        if (string.Equals(live.Storage, "PostgreSql", StringComparison.OrdinalIgnoreCase))
        {
            var connection = live.ConnectionString ?? throw new InvalidOperationException("Live:Storage is PostgreSql but Live:ConnectionString is not set");
            if (live.CreateSchema)
            {
                PostgreSqlSchema.EnsureCreated(connection);
            }

            IPAddress? advertised = IPAddress.Loopback;
            if (live.AdvertisedAddress is { } text && !IPAddress.TryParse(text, out advertised))
            {
                throw new InvalidOperationException($"Live:AdvertisedAddress = '{text}' is not an IP address (the address the other silos reach this one at)");
            }

            silo.ConfigureEndpoints(advertised!, live.SiloPort, live.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised!));
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = PostgreSqlSchema.Invariant;
                o.ConnectionString = connection;
            });
            // grain state in Orleans' binary format (version tolerant through the [Id] of each member), not the default JSON:
            // a state write is serialized on every request, and the binary form is smaller (bytes per conversation)
            silo.AddAdoNetGrainStorage(LiveStorage.Name, options => options.Configure<Orleans.Serialization.Serializer>((o, serializer) =>
            {
                o.Invariant = PostgreSqlSchema.Invariant;
                o.ConnectionString = connection;
                o.GrainStorageSerializer = new Orleans.Storage.OrleansGrainStorageSerializer(serializer);
            }));
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = PostgreSqlSchema.Invariant;
                o.ConnectionString = connection;
            });
        }
        else if (string.Equals(live.Storage, "Memory", StringComparison.OrdinalIgnoreCase))
        {
            silo.UseLocalhostClustering(live.SiloPort, live.GatewayPort, serviceId: live.ServiceId, clusterId: live.ClusterId);
            silo.AddMemoryGrainStorage(LiveStorage.Name);
            silo.UseInMemoryReminderService();
        }
        else
        {
            throw new InvalidOperationException($"Live:Storage = '{live.Storage}' is not one of Memory, PostgreSql");
        }
    }

    /// <summary>Loopback only by default; a binding to any other address needs <see cref="LiveOptions.ApiKey"/>.</summary>
    internal static void CheckBindings(string urls, LiveOptions live)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var host = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
            host = host.Split('/')[0];
            host = host.StartsWith('[') ? host[1..host.IndexOf(']', StringComparison.Ordinal)] : host.Split(':')[0];
            var loopback = host == "localhost" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
            if (!loopback && string.IsNullOrEmpty(live.ApiKey))
            {
                throw new InvalidOperationException($"the service is bound to {url}, which is not loopback: set Live:ApiKey (every endpoint then requires the header {ApiKeyHeader})");
            }
        }
    }

    private static Func<HttpContext, RequestDelegate, Task> RequireApiKey(string key)
    {
        var expected = Encoding.UTF8.GetBytes(key);
        return (context, next) =>
        {
            var given = context.Request.Headers[ApiKeyHeader].ToString();
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), expected))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return context.Response.WriteAsync($"missing or wrong {ApiKeyHeader}");
            }

            return next(context);
        };
    }

    private static void MapEndpoints(WebApplication app, LiveOptions live)
    {
        app.MapPost("/v1/activity", async (HttpContext context, Ingestor ingestor) =>
        {
            var key = context.Request.Headers[IdempotencyKeyHeader].ToString();
            if (key.Length is 0 or > 200)
            {
                return Results.BadRequest($"the header {IdempotencyKeyHeader} is required (1 to 200 characters): a retried request carries the same key, so no line is applied twice");
            }

            if (context.Request.ContentLength > live.MaxRequestBytes)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            if (buffer.Length > live.MaxRequestBytes)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            var first = 1L;
            if (context.Request.Headers[FirstLineHeader].ToString() is { Length: > 0 } firstText
                && (!long.TryParse(firstText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out first) || first < 1 || first > 1L << 50))
            {
                return Results.BadRequest($"the header {FirstLineHeader} = '{CustomerAgentException.Cut(firstText)}' must be a line number from 1 (the number of the request's first line in its source)");
            }

            return Results.Ok(await ingestor.IngestAsync(key, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), first));
        });
        app.MapPost("/v1/tick", async (ConversationRef[] conversations, IGrainFactory grains) =>
        {
            // what each conversation's reminder does, now: recompute the events due by the clock and deliver the outbox
            if (conversations.Length > 10_000)
            {
                return Results.BadRequest("at most 10000 conversations per request");
            }

            await Task.WhenAll(conversations.Select(c => grains.GetGrain<IConversationGrain>(GrainKeys.Conversation(c.Account, c.Conversation)).Tick()));
            return Results.Ok(conversations.Length);
        });
        if (app.Services.GetService<ManualClock>() is { } clock)
        {
            app.MapPut("/v1/clock", async (HttpContext context) =>
            {
                using var reader = new StreamReader(context.Request.Body);
                var text = (await reader.ReadToEndAsync(context.RequestAborted)).Trim();
                return IsoInstantText.TryParse(text, out var to)
                    ? Results.Ok(NodaTime.Text.InstantPattern.ExtendedIso.Format(clock.MoveTo(to)))
                    : Results.BadRequest($"the body '{CustomerAgentException.Cut(text)}' is not an ISO 8601 instant");
            });
        }

        app.MapGet("/v1/conversations/{account}/{conversation}", async (string account, string conversation, IGrainFactory grains) =>
            Results.Ok(await grains.GetGrain<IConversationGrain>(GrainKeys.Conversation(account, conversation)).Snapshot()));
        app.MapGet("/health", () => Results.Ok("ok"));

        // the overview dashboard of issue 17 over the cluster's account state: the page at /dashboard/, its API under
        // /dashboard/api/; each API request first brings the account it names (or every account) up to date
        var dashboard = app.Services.GetRequiredService<LiveDashboardSource>();
        app.MapGroup(DashboardPath).MapCustomerAgentDashboard(dashboard).AddEndpointFilter(async (context, next) =>
        {
            if (context.HttpContext.Request.Path.StartsWithSegments(DashboardPath + "/api", StringComparison.Ordinal))
            {
                await dashboard.RefreshAsync(context.HttpContext.Request.RouteValues["account"] as string, context.HttpContext.RequestAborted);
            }

            return await next(context);
        });
    }
}
