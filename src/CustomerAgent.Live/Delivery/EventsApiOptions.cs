namespace CustomerAgent.Live.Delivery;

/// <summary>Where the metric events go (configuration section <c>EventsApi</c>). The key is never logged.</summary>
public sealed class EventsApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "EventsApi";

    /// <summary>The Events API's base address (<c>https://a.klaviyo.com/</c>); null: no sink, the events wait in the outboxes.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The private API key, sent as <c>Authorization: Klaviyo-API-Key KEY</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API revision header.</summary>
    public string Revision { get; set; } = "2026-07-15";

    /// <summary>The longest wait for one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait for one send, retries included; what is not sent by then stays in the outbox.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The retries after the first attempt (jittered exponential backoff; a 429's <c>Retry-After</c> is honoured).</summary>
    public int MaxRetries { get; set; } = 6;

    /// <summary>The first backoff delay.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A text for logs, without the key.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{BaseAddress?.ToString() ?? "(none)"}, revision {Revision}, key {(string.IsNullOrEmpty(ApiKey) ? "missing" : "set")}";
}
