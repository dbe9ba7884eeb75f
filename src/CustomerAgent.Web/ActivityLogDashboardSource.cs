using CustomerAgent.ActivityLog;
using CustomerAgent.Bulk;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using NodaTime;

namespace CustomerAgent.Web;

/// <summary>
/// The dashboard of an activity log read once. The log does not change, so each account is indexed once when the source is
/// built, by the core: its conversations (<see cref="DashboardIndex"/>: the cohort in order of start, the status columns, the
/// table's order for every sort column that does not depend on the instant, the search texts) and its orders
/// (<see cref="PeriodSales"/>: every order attributed once). A request then costs a few passes over arrays: the counts, the
/// sales and the table are those <see cref="AccountDashboard.Compute"/> and <see cref="AccountLog.Table"/> give on the
/// reader's facts (as <c>customer-agent report</c> computes them), for any instant the facts answer for (D1).
/// </summary>
/// <remarks>Immutable once built; safe to call from several requests at once.</remarks>
public sealed class ActivityLogDashboardSource : IDashboardSource
{
    private readonly Dictionary<AccountId, AccountLog> _logs;
    private readonly Dictionary<AccountId, DashboardIndex> _indexes;
    private readonly Dictionary<AccountId, PeriodSales> _sales;
    private readonly Dictionary<(AccountId Account, ConversationId Id), Conversation> _byId;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(ReportingPeriod Period, Instant AsOf, int Rows), Lazy<AccountDashboard>> _reports = new();

    /// <summary>Serves the accounts of <paramref name="log"/> (or those named by <paramref name="accounts"/>).</summary>
    /// <param name="log">The log, read with <see cref="ActivityLogReaderOptions.KeepConversations"/> (the search and the threads need the texts).</param>
    /// <param name="policy">The policy the log was read with (D1).</param>
    /// <param name="accounts">The accounts to serve, or null for every account of the log.</param>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> or <paramref name="policy"/> is null.</exception>
    /// <exception cref="ArgumentException">The log was read without its conversations, or an account named is not in it.</exception>
    public ActivityLogDashboardSource(ActivityLogResult log, ConversationPolicy policy, IEnumerable<AccountId>? accounts = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(policy);
        if (log.Conversations.Count != log.ConversationCount)
        {
            throw new ArgumentException($"The log was read without its conversations ({log.Conversations.Count} of {log.ConversationCount} kept): read it with KeepConversations = true.", nameof(log));
        }

        var wanted = accounts?.ToHashSet();
        var served = log.Accounts.Where(a => wanted is null || wanted.Contains(a.AccountId)).ToList();
        foreach (var missing in wanted?.Where(w => served.All(a => a.AccountId != w)) ?? [])
        {
            throw new ArgumentException($"The account '{missing}' is not in the log; its accounts are: {string.Join(", ", log.Accounts.Select(a => a.AccountId.Value))}.", nameof(accounts));
        }

        _logs = served.ToDictionary(a => a.AccountId);
        var conversations = log.Conversations.Where(c => _logs.ContainsKey(c.Header.AccountId)).GroupBy(c => c.Header.AccountId).ToDictionary(g => g.Key, g => g.ToList());
        _byId = log.Conversations.Where(c => _logs.ContainsKey(c.Header.AccountId)).ToDictionary(c => (c.Header.AccountId, c.Id));

        // each account indexed once (the accounts and, inside the index, its sort orders on every core)
        var indexes = new DashboardIndex[served.Count];
        var sales = new PeriodSales[served.Count];
        Parallel.For(0, served.Count, i =>
        {
            var account = served[i];
            indexes[i] = DashboardIndex.Create(account.AccountId, policy, conversations.GetValueOrDefault(account.AccountId, []), account.Switches);
            sales[i] = account.SalesOfEveryPeriod();
        });
        _indexes = served.Select((a, i) => (a.AccountId, Index: indexes[i])).ToDictionary(x => x.AccountId, x => x.Index);
        _sales = served.Select((a, i) => (a.AccountId, Sales: sales[i])).ToDictionary(x => x.AccountId, x => x.Sales);
        Accounts = served.Select(a => new DashboardAccount(a.AccountId, a.AsOf ?? SupportedInstants.Start, a.Conversations.Count)).ToList().AsReadOnly();
    }

    /// <inheritdoc/>
    public IReadOnlyList<DashboardAccount> Accounts { get; }

    /// <summary>The reporting settings of an account of a log in force at <paramref name="asOf"/> (the latest <c>account-settings</c> line at or before it).</summary>
    /// <param name="account">The account's part of the log.</param>
    /// <param name="asOf">The instant.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="account"/> is null.</exception>
    public static AccountReportingSettings ReportingSettingsOf(AccountLog account, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(account);
        var inForce = account.SettingsAsOf(asOf);
        return AccountReportingSettings.Create(account.AccountId, inForce.TimeZone.Id, inForce.FirstDayOfWeek);
    }

    /// <inheritdoc/>
    public AccountReportingSettings ReportingSettings(AccountId account, Instant asOf) => ReportingSettingsOf(Log(account), asOf);

    /// <inheritdoc/>
    /// <remarks>
    /// The log does not change once read, so the answer to the same period, instant and rows is the same: the last
    /// <see cref="RememberedReports"/> answers are kept and given again (the page asks for one period's report and its tags at
    /// once, and again when the grouping changes); two requests for the same answer at once compute it once.
    /// </remarks>
    public AccountDashboard Report(ReportingPeriod period, Instant asOf, int rows)
    {
        ArgumentNullException.ThrowIfNull(period);
        var account = Log(period.AccountId);
        var key = (period, asOf, rows);
        if (_reports.Count >= RememberedReports)
        {
            _reports.Clear();
        }

        var answer = _reports.GetOrAdd(key, k => new Lazy<AccountDashboard>(() => Compute(account, k.Period, k.AsOf, k.Rows)));
        try
        {
            return answer.Value;
        }
        catch
        {
            // a refused request (D1, R15) is not kept: it is refused again, by the rules, on the next call
            _reports.TryRemove(KeyValuePair.Create(key, answer));
            throw;
        }
    }

    /// <summary>How many report answers <see cref="Report"/> keeps (the cache is emptied when it is full).</summary>
    public const int RememberedReports = 64;

    /// <inheritdoc/>
    public ConversationPage Conversations(ConversationTableQuery query, Instant asOf, string? cursor)
    {
        ArgumentNullException.ThrowIfNull(query);
        var account = Log(query.AccountId);
        return _indexes[account.AccountId].Query(query, account.AnswerInstant(asOf), cursor);
    }

    /// <inheritdoc/>
    public Conversation? FindConversation(AccountId account, ConversationId conversation)
    {
        _ = Log(account);
        return _byId.GetValueOrDefault((account, conversation));
    }

    /// <summary>
    /// What <see cref="AccountDashboard.Compute"/> gives, from the account's index: the counts (<see cref="DashboardIndex.Accumulate"/>),
    /// the sales (<see cref="PeriodSales.Between"/>) and the table's first page (last updated first), as of an instant the facts
    /// answer for (D1, checked by the account's log).
    /// </summary>
    private AccountDashboard Compute(AccountLog account, ReportingPeriod period, Instant asOf, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, ConversationTableQuery.MaxPageSize);
        var at = account.AnswerInstant(asOf);
        var index = _indexes[account.AccountId];
        var counts = index.Accumulate(period, at);
        var sales = _sales[account.AccountId].Between(period, at);
        var page = rows == 0 ? null : index.Query(ConversationTableQuery.Create(account.AccountId, period: period, pageSize: rows), at);
        return new AccountDashboard(counts.ToReport(sales), sales, page);
    }

    private AccountLog Log(AccountId account) =>
        _logs.TryGetValue(account, out var log) ? log : throw new KeyNotFoundException($"The account '{account}' is not served.");
}
