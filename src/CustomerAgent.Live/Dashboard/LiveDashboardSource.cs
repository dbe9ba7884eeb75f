using CustomerAgent.ActivityLog;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.Live.Grains;
using CustomerAgent.Web;
using NodaTime;

namespace CustomerAgent.Live.Dashboard;

/// <summary>
/// The dashboard of the live service (<see cref="IDashboardSource"/> for <c>MapCustomerAgentDashboard</c>): each account's
/// stored lines, from its account grain (settings, agent switches, orders, touches) and its dashboard shards (every
/// conversation's stored lines), read by the reader into a log and served by <see cref="ActivityLogDashboardSource"/>, so the
/// numbers are computed by the very code <c>customer-agent report</c> runs (<see cref="AccountDashboard.Compute"/>), never a
/// copy of a rule.
/// </summary>
/// <remarks>
/// The interface is synchronous and the state lives in grains: <see cref="RefreshAsync"/> (an endpoint filter runs it before
/// every dashboard request) brings an account's state up to date, and the members then answer from it. An account is read
/// again only when its account lines or one of its shards changed.
/// </remarks>
internal sealed class LiveDashboardSource(IGrainFactory grains, ConversationPolicy policy) : IDashboardSource, IDisposable
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly Dictionary<string, AccountState> _states = new(StringComparer.Ordinal);
    private volatile Dictionary<AccountId, ActivityLogDashboardSource> _sources = [];

    /// <inheritdoc/>
    public IReadOnlyList<DashboardAccount> Accounts { get; private set; } = [];

    /// <summary>Brings <paramref name="account"/>'s state up to date (every account's when null; an account without data is left unknown).</summary>
    internal async Task RefreshAsync(string? account, CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var known = await grains.GetGrain<IDashboardDirectoryGrain>(DashboardShards.DirectoryKey).List();
            foreach (var id in known.Where(a => account is null || a == account))
            {
                if (!_states.TryGetValue(id, out var held))
                {
                    _states[id] = held = new AccountState();
                }

                await held.RefreshAsync(grains, id, policy);
            }

            _sources = _states.Where(s => s.Value.Source is not null).ToDictionary(s => AccountId.From(s.Key), s => s.Value.Source!);
            Accounts = _states.Where(s => s.Value.Source is not null).OrderBy(s => s.Key, StringComparer.Ordinal)
                .SelectMany(s => s.Value.Source!.Accounts).ToList().AsReadOnly();
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _refreshing.Dispose();

    /// <inheritdoc/>
    public AccountReportingSettings ReportingSettings(AccountId account, Instant asOf) => Of(account).ReportingSettings(account, asOf);

    /// <inheritdoc/>
    public AccountDashboard Report(ReportingPeriod period, Instant asOf, int rows)
    {
        ArgumentNullException.ThrowIfNull(period);
        return Of(period.AccountId).Report(period, asOf, rows);
    }

    /// <inheritdoc/>
    public ConversationPage Conversations(ConversationTableQuery query, Instant asOf, string? cursor)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Of(query.AccountId).Conversations(query, asOf, cursor);
    }

    /// <inheritdoc/>
    public Conversation? FindConversation(AccountId account, ConversationId conversation) => Of(account).FindConversation(account, conversation);

    private ActivityLogDashboardSource Of(AccountId account) =>
        _sources.TryGetValue(account, out var source) ? source : throw new KeyNotFoundException($"The account '{account}' is not served.");

    /// <summary>One account's lines as last read, the versions they were read at, and the source built on them.</summary>
    private sealed class AccountState
    {
        private readonly ShardVersion?[] _versions = new ShardVersion?[DashboardShards.Count];
        private readonly StoredLine[][][] _shards = Enumerable.Repeat(Array.Empty<StoredLine[]>(), DashboardShards.Count).ToArray();
        private StoredLine[] _accountLines = [];

        public ActivityLogDashboardSource? Source { get; private set; }

        public async Task RefreshAsync(IGrainFactory grains, string account, ConversationPolicy policy)
        {
            var accountLines = grains.GetGrain<IAccountGrain>(account).StoredLines();
            var shards = await Task.WhenAll(Enumerable.Range(0, DashboardShards.Count)
                .Select(i => grains.GetGrain<IDashboardShardGrain>(DashboardShards.Key(account, i)).Lines(_versions[i])));
            var lines = await accountLines;
            var changed = Source is null || lines.Length != _accountLines.Length;
            _accountLines = lines;
            for (var i = 0; i < shards.Length; i++)
            {
                if (shards[i].Conversations is { } conversations)
                {
                    _shards[i] = conversations;
                    changed = true;
                }

                _versions[i] = shards[i].Version;
            }

            if (changed)
            {
                var log = Read(_accountLines, _shards.SelectMany(s => s), policy);
                Source = log.Accounts.Any(a => a.AccountId.Value == account)
                    ? new ActivityLogDashboardSource(log, policy, [AccountId.From(account)])
                    : null;
            }
        }
    }

    /// <summary>
    /// The account's lines read as one log: the account lines in their order, then each conversation's lines together, the
    /// conversations in the order of their first line's number (the file's order for <c>customer-agent replay</c>). A
    /// conversation's lines only depend on each other (a grain holds them apart), so this log has the facts of the original.
    /// </summary>
    internal static ActivityLogResult Read(IReadOnlyList<StoredLine> accountLines, IEnumerable<StoredLine[]> conversations, ConversationPolicy policy)
    {
        using var buffer = new MemoryStream();
        foreach (var line in accountLines.Concat(conversations.Where(c => c.Length > 0).OrderBy(c => c[0].Number).SelectMany(c => c)))
        {
            buffer.Write(line.Bytes);
            buffer.WriteByte((byte)'\n');
        }

        buffer.Position = 0;
        return ActivityLogReader.Read(buffer, new ActivityLogReaderOptions { Policy = policy, KeepConversations = true });
    }
}
