using Npgsql;

namespace CustomerAgent.Live.Tests;

/// <summary>A test that needs the throwaway PostgreSQL server <c>.ci/run</c> starts (<c>CUSTOMER_AGENT_POSTGRES</c>); skipped without it.</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (PostgreSql.Server is null)
        {
            Skip = "no PostgreSQL server: set CUSTOMER_AGENT_POSTGRES (bash .ci/run starts one)";
        }
    }
}

/// <summary>A test that restarts the throwaway server: needs <c>CUSTOMER_AGENT_POSTGRES_CTL</c> and <c>_DATA</c> too (<c>.ci/run</c> exports them); skipped without them.</summary>
public sealed class PostgreSqlRestartFactAttribute : FactAttribute
{
    public PostgreSqlRestartFactAttribute()
    {
        if (PostgreSql.Server is null || !PostgreSql.CanRestart)
        {
            Skip = "no PostgreSQL server this test may restart: set CUSTOMER_AGENT_POSTGRES, CUSTOMER_AGENT_POSTGRES_CTL and CUSTOMER_AGENT_POSTGRES_DATA (bash .ci/run does)";
        }
    }
}

internal static class PostgreSql
{
    internal static string? Server => Environment.GetEnvironmentVariable("CUSTOMER_AGENT_POSTGRES");

    /// <summary>A new, empty database on the server; returns its connection string.</summary>
    internal static string NewDatabase()
    {
        var name = "ca_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(Server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
    }

    /// <summary>Whether the test may restart the server (<c>.ci/run</c> exports its pg_ctl and data folder).</summary>
    internal static bool CanRestart => Environment.GetEnvironmentVariable("CUSTOMER_AGENT_POSTGRES_CTL") is { Length: > 0 } && Environment.GetEnvironmentVariable("CUSTOMER_AGENT_POSTGRES_DATA") is { Length: > 0 };

    /// <summary>Restarts the server (<c>pg_ctl restart -m fast</c>: open connections are cut), as the postgres user when the tests run as root.</summary>
    internal static void Restart()
    {
        var ctl = Environment.GetEnvironmentVariable("CUSTOMER_AGENT_POSTGRES_CTL")!;
        var data = Environment.GetEnvironmentVariable("CUSTOMER_AGENT_POSTGRES_DATA")!;
        var root = Environment.UserName == "root";
        var start = new System.Diagnostics.ProcessStartInfo(root ? "runuser" : ctl) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (root ? new[] { "-u", "postgres", "--", ctl } : []).Concat(["-D", data, "-l", Path.Combine(Path.GetDirectoryName(data)!, "log"), "-m", "fast", "-w", "restart"]))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var err = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"pg_ctl restart: {process.ExitCode} {output} {err.Result}");
        // this process's pooled connections were cut by the restart: the next test must not be handed one
        NpgsqlConnection.ClearAllPools();
    }

    internal static long Count(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
