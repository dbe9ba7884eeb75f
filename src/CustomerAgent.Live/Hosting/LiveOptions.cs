namespace CustomerAgent.Live.Hosting;

/// <summary>
/// The service's settings (configuration section <c>Live</c>; docs/live-service.md). The conversation timeout is not here: it
/// is the one <c>ConversationPolicy</c> (<c>Live:AutoCloseAfter</c> feeds <c>AddCustomerAgent</c>).
/// </summary>
public sealed class LiveOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Live";

    /// <summary>The inactivity timeout (D1) given to <c>AddCustomerAgent</c>; null: the default 48 hours.</summary>
    public TimeSpan? AutoCloseAfter { get; set; }

    /// <summary><c>Memory</c> (one process, the default) or <c>PostgreSql</c> (membership, grain state and reminders in PostgreSQL).</summary>
    public string Storage { get; set; } = "Memory";

    /// <summary>The PostgreSQL connection string (an Npgsql one), when <see cref="Storage"/> is <c>PostgreSql</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Runs the Orleans PostgreSQL scripts when the database has none of their tables yet (the first silo of a new database).</summary>
    public bool CreateSchema { get; set; } = true;

    /// <summary>The Orleans cluster ID (silos of one cluster share it).</summary>
    public string ClusterId { get; set; } = "customer-agent";

    /// <summary>The Orleans service ID (grain state and reminders are keyed by it: keep it across deployments).</summary>
    public string ServiceId { get; set; } = "customer-agent";

    /// <summary>
    /// The address this silo gives the others (its silo and gateway endpoints), for a cluster over several hosts; null: loopback
    /// (every silo on one host). When set, the Orleans ports listen on every address of the host: keep them on a private network.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>The silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The Orleans client gateway port.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The API key every HTTP endpoint requires (header <c>X-Api-Key</c>); required when the service listens on any address that is not loopback.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The accounts the service serves; empty: any account.</summary>
    public IList<string> Accounts { get; } = [];

    /// <summary>
    /// An instant (ISO 8601, <c>2026-10-19T00:00:00Z</c>) to run on a <see cref="ManualClock"/> standing there until
    /// <c>PUT /v1/clock</c> moves it (a backfill of a historical log, tests); null: the system clock.
    /// </summary>
    public string? Clock { get; set; }

    /// <summary>The largest ingestion request body, in bytes (default 16 MiB).</summary>
    public long MaxRequestBytes { get; set; } = 16L << 20;

    /// <summary>A text for logs, without the API key.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"storage {Storage}, cluster {ClusterId}/{ServiceId}, silo port {SiloPort}, gateway port {GatewayPort}, api key {(ApiKey is null ? "none" : "set")}, clock {Clock ?? "system"}, accounts {(Accounts.Count == 0 ? "any" : string.Join(",", Accounts))}";
}
