using System.Net.Http.Headers;
using System.Text;
using CustomerAgent.Events;
using CustomerAgent.Live.Grains;
using CustomerAgent.Serialization;

namespace CustomerAgent.Live.Delivery;

/// <summary>
/// Sends a conversation's events to the vendor's Events API: one event as a Create Event request (<c>POST /api/events</c>),
/// several as one bulk job (<c>POST /api/event-bulk-create-jobs</c>, up to 1,000 events of one account), the bodies of
/// <see cref="CustomerAgentJson"/>. The HTTP client's resilience pipeline (docs/live-service.md) retries 429 (after its
/// <c>Retry-After</c>), 5xx and timeouts with jittered backoff; a send that still fails throws, and the events stay in the
/// outbox. The vendor dedupes on <c>unique_id</c>, so an event sent twice counts once.
/// </summary>
internal sealed class EventsApiSink(HttpClient http, EventsApiOptions options) : IMetricEventSink
{
    private static readonly MediaTypeHeaderValue JsonApi = new("application/vnd.api+json");

    public async Task SendAsync(IReadOnlyList<OutboxEntry> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        var (path, body) = events.Count == 1
            ? ("api/events", events[0].Body)
            : ("api/event-bulk-create-jobs", CustomerAgentJson.Serialize(MetricEventBatch.Create(events.Select(e => CustomerAgentJson.DeserializeEvent(e.Body)))));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = JsonApi;
        request.Headers.Add("revision", options.Revision);
        request.Headers.TryAddWithoutValidation("Authorization", "Klaviyo-API-Key " + options.ApiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // the status only: neither the key nor the body goes into a message that may be logged
            throw new HttpRequestException($"the Events API answered {(int)response.StatusCode} to {events.Count} event(s) on {path}", null, response.StatusCode);
        }
    }
}

/// <summary>The sink when no Events API is configured: every send fails, so the events wait in the outboxes (never dropped).</summary>
internal sealed class UnconfiguredSink : IMetricEventSink
{
    public Task SendAsync(IReadOnlyList<OutboxEntry> events, CancellationToken cancellationToken) =>
        Task.FromException(new InvalidOperationException("no Events API is configured (EventsApi:BaseAddress): the events wait in the outbox"));
}
