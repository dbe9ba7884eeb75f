using CustomerAgent.Live.Grains;

namespace CustomerAgent.Live.Dashboard;

/// <summary>
/// One of <see cref="DashboardShards.Count"/> parts of an account's dashboard state (key: <see cref="DashboardShards.Key"/>):
/// the stored lines of the account's conversations that hash to it, kept in memory and handed to the dashboard; the set of
/// those conversations is persisted, so a new activation (after a failure or an idle deactivation) rebuilds the lines from the
/// conversation grains.
/// </summary>
[Alias("CustomerAgent.Live.IDashboardShardGrain")]
public interface IDashboardShardGrain : IGrainWithStringKey
{
    /// <summary>A conversation's stored lines after a state write (they only grow: an older list never replaces a longer one).</summary>
    /// <param name="conversationKey">The conversation grain's key.</param>
    /// <param name="lines">Its stored lines, in order.</param>
    /// <returns>A task that ends once the conversation is recorded durably in the shard's set.</returns>
    [Alias("Update")]
    Task Update(string conversationKey, StoredLine[] lines);

    /// <summary>The lines of every conversation of the shard, or only the version when it is still <paramref name="known"/>.</summary>
    /// <param name="known">The version the caller holds, or null.</param>
    /// <returns>The version and, when it changed, the lines.</returns>
    [Alias("Lines")]
    Task<ShardLines> Lines(ShardVersion? known);
}

/// <summary>The accounts that have data (key: <see cref="DashboardShards.DirectoryKey"/>), persisted.</summary>
[Alias("CustomerAgent.Live.IDashboardDirectoryGrain")]
public interface IDashboardDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Records an account (a no-op when known).</summary>
    /// <param name="account">The account ID.</param>
    /// <returns>A task that ends once the account is stored.</returns>
    [Alias("Add")]
    Task Add(string account);

    /// <summary>The accounts recorded.</summary>
    /// <returns>Their IDs, in ordinal order.</returns>
    [Alias("List")]
    Task<string[]> List();
}

/// <summary>A shard's version: its activation and a counter of changes in it.</summary>
[GenerateSerializer]
[Alias("CustomerAgent.Live.ShardVersion")]
public sealed record ShardVersion([property: Id(0)] Guid Activation, [property: Id(1)] long Changes);

/// <summary>A shard's answer: its version and, when it changed, every conversation's stored lines.</summary>
[GenerateSerializer]
[Alias("CustomerAgent.Live.ShardLines")]
public sealed class ShardLines
{
    /// <summary>The shard's version.</summary>
    [Id(0)]
    public required ShardVersion Version { get; init; }

    /// <summary>Each conversation's stored lines, or null when the caller's version is current.</summary>
    [Id(1)]
    public StoredLine[][]? Conversations { get; init; }
}

/// <summary>A dashboard shard's persisted state: the keys of its conversations.</summary>
[GenerateSerializer]
[Alias("CustomerAgent.Live.DashboardShardState")]
public sealed class DashboardShardState
{
    /// <summary>The conversation grains' keys.</summary>
    [Id(0)]
    public HashSet<string> Conversations { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The dashboard directory's persisted state.</summary>
[GenerateSerializer]
[Alias("CustomerAgent.Live.DashboardDirectoryState")]
public sealed class DashboardDirectoryState
{
    /// <summary>The account IDs.</summary>
    [Id(0)]
    public HashSet<string> Accounts { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>How an account's conversations are spread over its dashboard shards.</summary>
public static class DashboardShards
{
    /// <summary>The shards per account.</summary>
    public const int Count = 16;

    /// <summary>The directory grain's key.</summary>
    public const string DirectoryKey = "accounts";

    /// <summary>The key of shard <paramref name="shard"/> of <paramref name="account"/> (<c>4:acme#3</c>).</summary>
    /// <param name="account">The account ID.</param>
    /// <param name="shard">The shard, 0 to <see cref="Count"/> - 1.</param>
    /// <returns>The key.</returns>
    public static string Key(string account, int shard)
    {
        ArgumentNullException.ThrowIfNull(account);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{account.Length}:{account}#{shard}");
    }

    /// <summary>The account of a shard key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The account ID.</returns>
    public static string AccountOf(string key) => GrainKeys.AccountOf(key);

    /// <summary>The shard of a conversation grain's key: FNV-1a of its UTF-16 code units (stable across processes, unlike <see cref="string.GetHashCode()"/>).</summary>
    /// <param name="conversationKey">The conversation grain's key.</param>
    /// <returns>The shard.</returns>
    public static int Of(string conversationKey)
    {
        ArgumentNullException.ThrowIfNull(conversationKey);
        var hash = 2166136261u;
        foreach (var c in conversationKey)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Count);
    }
}
