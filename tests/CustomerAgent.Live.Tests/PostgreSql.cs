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

    internal static long Count(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
