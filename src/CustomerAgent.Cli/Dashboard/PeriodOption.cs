using CustomerAgent.ActivityLog;
using CustomerAgent.Dashboard;
using CustomerAgent.Web;
using NodaTime;

namespace CustomerAgent.Cli;

/// <summary>What <c>--period</c> names (<see cref="PeriodSelection"/>, shared with the web API's <c>period</c>): a preset (<c>last_7_days</c>), a range of local dates (<c>2026-06-01..2026-06-07</c>, both inclusive) or of instants (<c>start..end</c>, end exclusive).</summary>
internal sealed record PeriodSpec(PeriodSelection Selection)
{
    internal const string Help = PeriodSelection.Help;

    internal static PeriodSpec Parse(string text) => new(PeriodSelection.Parse(text));

    /// <summary>The account's period: its zone (or <c>--tz</c>) and first day of the week in force at <paramref name="now"/> (a later settings line never moves earlier days).</summary>
    internal ReportingPeriod For(AccountLog account, DateTimeZone? zone, Instant now) =>
        Selection.For(ActivityLogDashboardSource.ReportingSettingsOf(account, now), now, zone);

    /// <summary>The period as written on the command line (<c>last_7_days</c>, <c>2026-06-01..2026-06-07</c>): what help shows as the default.</summary>
    public override string ToString() => Selection.ToString();

    /// <summary>How the report names the period.</summary>
    internal static string Describe(ReportingPeriod period) => PeriodSelection.Describe(period);

    /// <summary>Parses <c>--tz</c>: an IANA zone ID known to NodaTime's TZDB.</summary>
    internal static DateTimeZone ParseZone(string id) => PeriodSelection.ParseZone(id);
}
