using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Dashboard;

/// <summary>
/// The account settings the dashboard's periods depend on (R13): the account, its IANA time zone (resolved from NodaTime's
/// embedded TZDB) and the first day of its week.
/// </summary>
/// <remarks>Immutable and thread-safe. Build it with <see cref="Create"/>, which validates every field.</remarks>
public sealed class AccountReportingSettings : IEquatable<AccountReportingSettings>
{
    private AccountReportingSettings(AccountId accountId, DateTimeZone zone, IsoDayOfWeek firstDayOfWeek)
    {
        AccountId = accountId;
        Zone = zone;
        FirstDayOfWeek = firstDayOfWeek;
    }

    /// <summary>The account.</summary>
    public AccountId AccountId { get; }

    /// <summary>The account's time zone, from the TZDB.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The first day of the account's week (<c>this_week</c>, <c>last_week</c>).</summary>
    public IsoDayOfWeek FirstDayOfWeek { get; }

    /// <summary>Creates validated settings.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="zoneId">An IANA time zone ID known to NodaTime's TZDB, such as <c>Europe/Paris</c> or <c>America/Santiago</c>.</param>
    /// <param name="firstDayOfWeek">The first day of the week; Monday when omitted.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="CustomerAgentException">The account ID is <c>default</c> (ID), the zone ID is blank or unknown (R13), or the day is not Monday to Sunday (R13).</exception>
    public static AccountReportingSettings Create(AccountId accountId, string zoneId, IsoDayOfWeek firstDayOfWeek = IsoDayOfWeek.Monday)
    {
        AccountId.CheckSet(accountId);

        Preconditions.CheckText(zoneId, "zoneId", "R13");
        var zone = ZoneOf(zoneId, "zoneId");
        if (firstDayOfWeek is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
        {
            throw new CustomerAgentException("R13", "firstDayOfWeek", firstDayOfWeek.ToString(), "must be Monday to Sunday");
        }

        return new AccountReportingSettings(accountId, zone, firstDayOfWeek);
    }

    /// <summary>The time zone of an IANA ID known to NodaTime's embedded TZDB (R13; IDs are case-sensitive).</summary>
    /// <param name="zoneId">The ID, such as <c>Europe/Paris</c>.</param>
    /// <param name="field">The field that holds it (<c>zoneId</c>; the activity log's <c>timeZone</c>).</param>
    /// <exception cref="CustomerAgentException">The ID is not such a zone (R13).</exception>
    internal static DateTimeZone ZoneOf(string zoneId, string field) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)
            ?? throw new CustomerAgentException("R13", field, zoneId, "is not an IANA time zone ID such as Europe/Paris");

    /// <inheritdoc/>
    public bool Equals(AccountReportingSettings? other) =>
        other is not null && AccountId == other.AccountId && string.Equals(Zone.Id, other.Zone.Id, StringComparison.Ordinal) && FirstDayOfWeek == other.FirstDayOfWeek;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as AccountReportingSettings);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(AccountId, Zone.Id, FirstDayOfWeek);

    /// <inheritdoc/>
    public override string ToString() => $"AccountReportingSettings(account {AccountId}, zone {Zone.Id}, week starts {FirstDayOfWeek})";
}
