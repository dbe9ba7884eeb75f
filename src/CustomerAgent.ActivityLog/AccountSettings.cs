using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.ActivityLog;

/// <summary>
/// An <c>account-settings</c> line: what an account's reports compute with from <see cref="At"/> on. A field left out of the
/// line keeps its default (UTC, Monday, <see cref="AttributionSettings.Default"/>). Immutable and thread-safe.
/// </summary>
public sealed class AccountSettings
{
    internal AccountSettings(AccountId accountId, Instant at, DateTimeZone? timeZone, IsoDayOfWeek? firstDayOfWeek, AttributionSettings? attribution)
    {
        AccountId = accountId;
        At = at;
        TimeZone = timeZone ?? DateTimeZone.Utc;
        FirstDayOfWeek = firstDayOfWeek ?? IsoDayOfWeek.Monday;
        Attribution = attribution ?? AttributionSettings.Default;
    }

    /// <summary>The account.</summary>
    public AccountId AccountId { get; }

    /// <summary>When the settings took effect.</summary>
    public Instant At { get; }

    /// <summary>The account's IANA time zone (R13: periods are computed in it); UTC when the line leaves it out.</summary>
    public DateTimeZone TimeZone { get; }

    /// <summary>The first day of the account's week (R13: <c>this_week</c>, <c>last_week</c>); Monday when the line leaves it out.</summary>
    public IsoDayOfWeek FirstDayOfWeek { get; }

    /// <summary>The attribution settings (R16, R17); the vendor's defaults when the line leaves them out.</summary>
    public AttributionSettings Attribution { get; }

    /// <summary>The settings an account has when its log holds no <c>account-settings</c> line.</summary>
    /// <param name="accountId">The account.</param>
    /// <returns>UTC, Monday, <see cref="AttributionSettings.Default"/>, in effect from <see cref="SupportedInstants.Start"/>.</returns>
    public static AccountSettings DefaultFor(AccountId accountId) => new(accountId, SupportedInstants.Start, null, null, null);

    /// <inheritdoc/>
    public override string ToString() => $"AccountSettings({AccountId}, from {At}, {TimeZone.Id}, week starts {FirstDayOfWeek}, {Attribution})";
}
