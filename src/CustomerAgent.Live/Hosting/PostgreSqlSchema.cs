using Npgsql;

namespace CustomerAgent.Live.Hosting;

/// <summary>The Orleans ADO.NET scripts for PostgreSQL (Sql/, MIT, see Sql/PROVENANCE.md), run once on a new database.</summary>
public static class PostgreSqlSchema
{
    /// <summary>The ADO.NET invariant name of Npgsql, as the Orleans providers name it.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>The scripts, in the order they run.</summary>
    public static IReadOnlyList<string> Scripts { get; } = ["PostgreSQL-Main.sql", "PostgreSQL-Clustering.sql", "PostgreSQL-Persistence.sql", "PostgreSQL-Reminders.sql"];

    /// <summary>Runs the scripts when the database has no Orleans query table yet (a lock keeps two silos from running them at once).</summary>
    /// <param name="connectionString">The Npgsql connection string.</param>
    public static void EnsureCreated(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "SELECT pg_advisory_xact_lock(7220118)");
        using (var exists = new NpgsqlCommand("SELECT to_regclass('orleansquery') IS NOT NULL", connection, transaction))
        {
            if ((bool)exists.ExecuteScalar()!)
            {
                transaction.Commit();
                return;
            }
        }

        foreach (var script in Scripts)
        {
            Execute(connection, transaction, Read(script));
        }

        transaction.Commit();
    }

    /// <summary>The text of one of <see cref="Scripts"/>.</summary>
    /// <param name="name">The script's file name.</param>
    /// <returns>Its SQL.</returns>
    public static string Read(string name)
    {
        using var stream = typeof(PostgreSqlSchema).Assembly.GetManifestResourceStream("CustomerAgent.Live.Sql." + name)
            ?? throw new InvalidOperationException($"the script {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
