using CustomerAgent.Live.Hosting;
using NodaTime;
using NodaTime.Testing;

namespace CustomerAgent.Live.Tests;

/// <summary>
/// The clustered setup's storage on a real PostgreSQL (the Orleans ADO.NET providers and the scripts kept in the repository):
/// membership, grain state and reminders in the database; a service that stops and a new one on the same database resume
/// the outboxes, answer a retried request from the idempotency records, and lose nothing.
/// </summary>
public sealed class PostgreSqlTests
{
    private const string Lines = """
        {"conversation":"c1","account":"acme","channel":"web-chat","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"Shoes?"}
        {"conversation":"c1","account":"acme","at":"2026-06-07T10:01:00Z","type":"agent-message","text":"These","skill":"product-recommendations","products":["SKU-1"]}
        {"conversation":"c2","account":"acme","channel":"sms","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"Hi"}
        {"conversation":"c2","account":"acme","at":"2026-06-07T10:01:00Z","type":"agent-message","text":"Hello","skill":"general-qa"}
        {"conversation":"c2","account":"acme","at":"2026-06-07T10:02:00Z","type":"close","by":"visitor"}
        {"conversation":"c2","account":"acme","at":"2026-06-07T10:03:00Z","type":"agent-message","text":"Too late","skill":"general-qa"}

        """;

    private static Dictionary<string, string> Settings(string connection) => new()
    {
        ["Live:Storage"] = "PostgreSql",
        ["Live:ConnectionString"] = connection,
        ["Live:ClusterId"] = "test-" + Guid.NewGuid().ToString("N")[..8],
    };

    [PostgreSqlFact]
    public async Task A_new_service_on_the_same_database_resumes_the_outboxes_and_answers_retries_from_the_records()
    {
        var connection = PostgreSql.NewDatabase();
        var settings = Settings(connection);
        var clock = new FakeClock(Instant.FromUtc(2026, 6, 7, 12, 0));
        var down = new RecordingSink { Failing = true };
        IReadOnlyList<Ingestion.IngestedLine> first;
        await using (var service = await LiveService.StartAsync(settings, clock, down))
        {
            var result = await service.IngestAsync("pg-1", Lines);
            Assert.Equal(5, result.Accepted);
            Assert.Equal(1, result.Rejected);
            Assert.StartsWith("D2", result.Lines[5].Reason, StringComparison.Ordinal);
            first = result.Lines;
            Assert.Equal(2, (await service.SnapshotAsync("acme", "c1")).Pending);
        }

        // one state row per conversation grain (no account line: the account grain wrote nothing); the rest is the dashboard's
        // (the shards' sets of conversations and the directory of accounts)
        Assert.Equal(2, PostgreSql.Count(connection, "SELECT count(*) FROM orleansstorage WHERE graintypestring = 'conversation'"));
        Assert.Equal(0, PostgreSql.Count(connection, "SELECT count(*) FROM orleansstorage WHERE graintypestring = 'account'"));
        Assert.Equal(1, PostgreSql.Count(connection, "SELECT count(*) FROM orleansstorage WHERE graintypestring = 'dashboard-directory'"));
        Assert.InRange(PostgreSql.Count(connection, "SELECT count(*) FROM orleansstorage WHERE graintypestring = 'dashboard-shard'"), 1, 2);

        var up = new RecordingSink();
        await using (var service = await LiveService.StartAsync(settings, clock, up))
        {
            var again = await service.IngestAsync("pg-1", Lines);
            Assert.All(again.Lines, l => Assert.True(l.Replayed));
            Assert.Equal(first.Select(l => (l.Line, l.Status, l.Reason)), again.Lines.Select(l => (l.Line, l.Status, l.Reason)));

            string[] expected = ["acme:c1:started", "acme:c1:recommendation:1", "acme:c2:started", "acme:c2:resolved"];
            Assert.True(await Logs.WaitUntil(() => expected.All(id => up.Received.Any(e => e.UniqueId == id)), TimeSpan.FromSeconds(60)), string.Join(",", up.Received.Select(e => e.UniqueId)));
            Assert.Equal(expected.Order(StringComparer.Ordinal), up.Received.Select(e => e.UniqueId).Order(StringComparer.Ordinal));
            Assert.Equal(5, (await service.SnapshotAsync("acme", "c1")).AcceptedLines + (await service.SnapshotAsync("acme", "c2")).AcceptedLines);
            Assert.Empty(down.Received);
        }
    }

    [PostgreSqlFact]
    public void The_schema_scripts_run_once_and_create_the_orleans_tables()
    {
        var connection = PostgreSql.NewDatabase();
        PostgreSqlSchema.EnsureCreated(connection);
        PostgreSqlSchema.EnsureCreated(connection);
        Assert.Equal(1, PostgreSql.Count(connection, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'orleansmembershiptable'"));
        Assert.Equal(1, PostgreSql.Count(connection, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'orleansstorage'"));
        Assert.Equal(1, PostgreSql.Count(connection, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'orleansreminderstable'"));
    }
}
