using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using NodaTime;

namespace CustomerAgent.Web;

/// <summary>
/// What the dashboard's page and API read, per account (accounts are never added together): the log-backed
/// <see cref="ActivityLogDashboardSource"/>, or a host's live service. Every answer is computed by the core's rules on the
/// account's own data, as of an instant no earlier than <see cref="DashboardAccount.AsOf"/>.
/// </summary>
/// <remarks>Implementations must be safe to call from several requests at once.</remarks>
public interface IDashboardSource
{
    /// <summary>The accounts, in a stable order.</summary>
    IReadOnlyList<DashboardAccount> Accounts { get; }

    /// <summary>The reporting settings (zone, first day of the week) of an account in force at <paramref name="asOf"/>; a later change of settings never moves earlier days.</summary>
    /// <param name="account">An account of <see cref="Accounts"/>.</param>
    /// <param name="asOf">The instant.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="KeyNotFoundException">The account is not served.</exception>
    AccountReportingSettings ReportingSettings(AccountId account, Instant asOf);

    /// <summary>The overview dashboard of the period's account as of <paramref name="asOf"/>, with the first <paramref name="rows"/> rows of its conversations table.</summary>
    /// <param name="period">The period; it names the account.</param>
    /// <param name="asOf">The instant, at or after the account's <see cref="DashboardAccount.AsOf"/>.</param>
    /// <param name="rows">Rows of the table's first page, 0 to <see cref="ConversationTableQuery.MaxPageSize"/>.</param>
    /// <returns>The dashboard.</returns>
    /// <exception cref="KeyNotFoundException">The account is not served.</exception>
    /// <exception cref="CustomerAgentException">A rule refuses the request (D1: an instant the data does not answer for).</exception>
    AccountDashboard Report(ReportingPeriod period, Instant asOf, int rows);

    /// <summary>A page of the query's account's conversations table (R18, R19): filters, search, sort and keyset paging.</summary>
    /// <param name="query">The query; it names the account.</param>
    /// <param name="asOf">The instant statuses are as of; pass the page's <see cref="ConversationPage.AsOf"/> again with its cursor.</param>
    /// <param name="cursor">The previous page's <see cref="ConversationPage.NextCursor"/>, or null.</param>
    /// <returns>The page.</returns>
    /// <exception cref="KeyNotFoundException">The account is not served.</exception>
    /// <exception cref="CustomerAgentException">The cursor is forged or stale (R18), or the instant is refused (D1).</exception>
    ConversationPage Conversations(ConversationTableQuery query, Instant asOf, string? cursor);

    /// <summary>One conversation of an account with its whole history (texts included), or null when the account has none of that ID.</summary>
    /// <param name="account">An account of <see cref="Accounts"/>.</param>
    /// <param name="conversation">The conversation's ID.</param>
    /// <returns>The conversation, or null.</returns>
    /// <exception cref="KeyNotFoundException">The account is not served.</exception>
    Conversation? FindConversation(AccountId account, ConversationId conversation);
}
