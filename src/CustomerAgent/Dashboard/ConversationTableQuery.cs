using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;

namespace CustomerAgent.Dashboard;

/// <summary>
/// What the conversations table shows (R18, R19): the account, filters (statuses, channel, tag, period), a search text,
/// the sort and the page size. The page position is the cursor passed alongside it.
/// </summary>
/// <remarks>Immutable and thread-safe. Build it with <see cref="Create"/>, which validates every field.</remarks>
public sealed class ConversationTableQuery
{
    /// <summary>The default page size (the vendor's list endpoint): 50.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The largest page size: 100.</summary>
    public const int MaxPageSize = 100;

    private ConversationTableQuery(AccountId accountId, ReadOnlyCollection<ConversationStatus> statuses, Channel? channel, string? tag, ReportingPeriod? period, string? search, ConversationSortColumn sortBy, SortDirection direction, int pageSize)
    {
        AccountId = accountId;
        Statuses = statuses;
        Channel = channel;
        Tag = tag;
        Period = period;
        Search = search;
        SortBy = sortBy;
        Direction = direction;
        PageSize = pageSize;
    }

    /// <summary>The account whose conversations are listed.</summary>
    public AccountId AccountId { get; }

    /// <summary>The statuses shown (sorted, distinct); empty for all (R19: review by status).</summary>
    public IReadOnlyList<ConversationStatus> Statuses { get; }

    /// <summary>The channel shown, or <see langword="null"/> for all.</summary>
    public Channel? Channel { get; }

    /// <summary>Only conversations with this tag (exact), or <see langword="null"/> for all.</summary>
    public string? Tag { get; }

    /// <summary>Only conversations initiated in this period, or <see langword="null"/> for all.</summary>
    public ReportingPeriod? Period { get; }

    /// <summary>The trimmed search text (case-insensitive, over the first question, the profile's name, email and phone, and every message), or <see langword="null"/>.</summary>
    public string? Search { get; }

    /// <summary>The sort column.</summary>
    public ConversationSortColumn SortBy { get; }

    /// <summary>The sort direction.</summary>
    public SortDirection Direction { get; }

    /// <summary>Rows per page, 1 to <see cref="MaxPageSize"/>.</summary>
    public int PageSize { get; }

    /// <summary>Creates a validated query.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="statuses">Statuses to show (one or several); null or empty for all.</param>
    /// <param name="channel">A channel, or null for all.</param>
    /// <param name="tag">A tag, or null for all.</param>
    /// <param name="period">A period of the same account, or null for all time.</param>
    /// <param name="search">Text to search for; null or blank for none.</param>
    /// <param name="sortBy">The sort column; last updated by default.</param>
    /// <param name="direction">The direction; descending (newest first) by default.</param>
    /// <param name="pageSize">1 to 100; 50 by default.</param>
    /// <returns>The query.</returns>
    /// <exception cref="CustomerAgentException">The account is default (ID); an enum value is undefined, the tag is blank, the period belongs to another account, or the page size is outside 1 to 100 (R18).</exception>
    public static ConversationTableQuery Create(
        AccountId accountId,
        IEnumerable<ConversationStatus>? statuses = null,
        Channel? channel = null,
        string? tag = null,
        ReportingPeriod? period = null,
        string? search = null,
        ConversationSortColumn sortBy = ConversationSortColumn.LastUpdated,
        SortDirection direction = SortDirection.Descending,
        int pageSize = DefaultPageSize)
    {
        AccountId.CheckSet(accountId);

        var statusList = (statuses ?? []).Select((s, i) => Preconditions.CheckDefined(s, $"statuses[{i}]", "R19")).Distinct().Order().ToArray();
        if (channel is { } c)
        {
            Preconditions.CheckDefined(c, "channel", "R18");
        }

        if (tag is not null)
        {
            Preconditions.CheckText(tag, "tag", "R18");
        }

        if (period is not null && period.AccountId != accountId)
        {
            throw new CustomerAgentException("R18", "period.accountId", period.AccountId.Value, $"is not the query's account {Preconditions.Echo(accountId.Value)}");
        }

        Preconditions.CheckDefined(sortBy, "sortBy", "R18");
        Preconditions.CheckDefined(direction, "direction", "R18");
        if (pageSize is < 1 or > MaxPageSize)
        {
            throw new CustomerAgentException("R18", "pageSize", pageSize.ToString(CultureInfo.InvariantCulture), $"must be 1 to {MaxPageSize}");
        }

        return new ConversationTableQuery(accountId, statusList.AsReadOnly(), channel, tag, period, Preconditions.TrimToNull(search), sortBy, direction, pageSize);
    }

    /// <summary>A description of everything that decides the order and the matching rows (not the page size), for the cursor's fingerprint.</summary>
    internal string Canonical()
    {
        var sb = new StringBuilder();
        sb.Append(AccountId.Value.Length).Append(':').Append(AccountId.Value)
            .Append("|s=").AppendJoin(',', Statuses.Select(s => (int)s))
            .Append("|c=").Append(Channel is { } c ? ((int)c).ToString(CultureInfo.InvariantCulture) : "-")
            .Append("|t=").Append(Tag is null ? "-" : Tag.Length + ":" + Tag)
            .Append("|p=").Append(Period is null ? "-" : $"{Period.Zone.Id}/{TableKey.Nanoseconds(Period.Start)}/{TableKey.Nanoseconds(Period.End)}")
            .Append("|q=").Append(Search is null ? "-" : Search.Length + ":" + Search)
            .Append("|o=").Append((int)SortBy).Append('/').Append((int)Direction);
        return sb.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => $"ConversationTableQuery(account {AccountId}, sort {SortBy} {Direction}, page size {PageSize})";
}
