using CustomerAgent.ActivityLog;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using NodaTime;

namespace CustomerAgent.Web;

/// <summary>
/// The dashboard of an activity log read once: each account's counts, sales and table from the reader's facts
/// (<see cref="AccountDashboard.Compute"/>, <see cref="AccountLog.Table"/>, as <c>customer-agent report</c> computes them), and,
/// from the conversations kept as aggregates, the search, the sorts by a text and the threads.
/// </summary>
/// <remarks>Immutable once built; safe to call from several requests at once.</remarks>
public sealed class ActivityLogDashboardSource : IDashboardSource
{
    private readonly Dictionary<AccountId, AccountLog> _logs;
    private readonly Dictionary<AccountId, IReadOnlyList<Conversation>> _conversations;
    private readonly Dictionary<(AccountId Account, ConversationId Id), Conversation> _byId;
    private readonly ConversationQuery _query;
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
        _conversations = log.Conversations.Where(c => _logs.ContainsKey(c.Header.AccountId)).GroupBy(c => c.Header.AccountId).ToDictionary(g => g.Key, g => (IReadOnlyList<Conversation>)g.ToList());
        _byId = log.Conversations.Where(c => _logs.ContainsKey(c.Header.AccountId)).ToDictionary(c => (c.Header.AccountId, c.Id));
        _query = new ConversationQuery(new ConversationClassifier(policy));
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

        var answer = _reports.GetOrAdd(key, k => new Lazy<AccountDashboard>(() => AccountDashboard.Compute(account, k.Period, k.AsOf, k.Rows, FirstQuestion)));
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
        // the facts answer every filter and sort but a search or a sort by a text, which need the conversations' texts
        var needsTexts = query.Search is not null || query.SortBy is ConversationSortColumn.FirstQuestion or ConversationSortColumn.Profile;
        return needsTexts
            ? _query.Query(_conversations.GetValueOrDefault(account.AccountId, []), query, asOf, cursor, account.Switches)
            : account.Table(query, FirstQuestion, asOf, cursor);
    }

    /// <inheritdoc/>
    public Conversation? FindConversation(AccountId account, ConversationId conversation)
    {
        _ = Log(account);
        return _byId.GetValueOrDefault((account, conversation));
    }

    private string FirstQuestion(ConversationSummary summary) => _byId[(summary.AccountId, summary.Id)].FirstQuestion;

    private AccountLog Log(AccountId account) =>
        _logs.TryGetValue(account, out var log) ? log : throw new KeyNotFoundException($"The account '{account}' is not served.");
}
