using CustomerAgent.ActivityLog;
using CustomerAgent.Attribution;
using CustomerAgent.Dashboard;
using NodaTime;

namespace CustomerAgent.Web;

/// <summary>One account's overview dashboard for a period as of an instant: the counts (KPIs, days, skills), the AI-generated sales and the first page of the conversations table.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class AccountDashboard
{
    /// <summary>Creates the dashboard from its parts.</summary>
    /// <param name="report">The counts (R14, R15) with the sales.</param>
    /// <param name="sales">The period's AI-generated sales (R15 4, R16, R17).</param>
    /// <param name="firstPage">The table's first page, or null when none was asked for.</param>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> or <paramref name="sales"/> is null.</exception>
    /// <exception cref="ArgumentException">The page is as of another instant than the report.</exception>
    public AccountDashboard(DashboardReport report, AttributionResult sales, ConversationPage? firstPage)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(sales);
        if (firstPage is not null && firstPage.AsOf != report.AsOf)
        {
            throw new ArgumentException($"The first page is as of {InstantText.Format(firstPage.AsOf)}, the report as of {InstantText.Format(report.AsOf)}.", nameof(firstPage));
        }

        Report = report;
        Sales = sales;
        FirstPage = firstPage;
    }

    /// <summary>The counts: period, as-of instant, KPIs, days and skill volumes.</summary>
    public DashboardReport Report { get; }

    /// <summary>The AI-generated sales of the period, per currency, with the orders credited.</summary>
    public AttributionResult Sales { get; }

    /// <summary>The first page of the conversations table (last updated first), or null.</summary>
    public ConversationPage? FirstPage { get; }

    /// <summary>
    /// One account's dashboard on the one engine: the reader's facts (no aggregate, no text) through the core's dashboard, table
    /// and attribution; the sales and the table's first page are computed beside the counts. <c>customer-agent report</c> and the
    /// log-backed <see cref="ActivityLogDashboardSource"/> both compute it here.
    /// </summary>
    /// <param name="account">The account's part of the log.</param>
    /// <param name="period">The period; it names this account.</param>
    /// <param name="asOf">The instant (D1: the account's facts must answer for it).</param>
    /// <param name="rows">The rows of the table's first page (0 for none).</param>
    /// <param name="firstQuestionOf">The opening message of a conversation of that page.</param>
    /// <returns>The dashboard.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> is negative or above <see cref="ConversationTableQuery.MaxPageSize"/>.</exception>
    /// <exception cref="CustomerAgentException">The period is another account's (R15), or the facts do not answer for <paramref name="asOf"/> (D1).</exception>
    public static AccountDashboard Compute(AccountLog account, ReportingPeriod period, Instant asOf, int rows, Func<ConversationSummary, string> firstQuestionOf)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(firstQuestionOf);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, ConversationTableQuery.MaxPageSize);

        // the three parts read the same facts and are independent: the sales and the table's first page run beside the counts
        var sales = Task.Run(() => account.Sales(period, asOf));
        var page = Task.Run(() => rows == 0 ? null : account.Table(ConversationTableQuery.Create(account.AccountId, period: period, pageSize: rows), firstQuestionOf, asOf));
        var counts = account.Accumulate(period, asOf);
        var attributed = sales.GetAwaiter().GetResult();
        return new AccountDashboard(counts.ToReport(attributed), attributed, page.GetAwaiter().GetResult());
    }
}
