using CustomerAgent.ActivityLog;
using CustomerAgent.Dashboard;
using CustomerAgent.Serialization;
using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.Cli;

/// <summary>What <c>--period</c> names: a preset (<c>last_7_days</c>), a range of local dates (<c>2026-06-01..2026-06-07</c>, both inclusive) or of instants (<c>start..end</c>, end exclusive).</summary>
internal sealed record PeriodSpec(ReportingPreset? Preset, LocalDate? First, LocalDate? Last, Instant? Start, Instant? End)
{
    internal const string Help = "The reporting period: today, yesterday, this_week, last_week, last_7_days, last_30_days, last_90_days, this_month, last_month, or dates FIRST..LAST (2026-06-01..2026-06-07, both inclusive, in the account's zone), or instants START..END (END exclusive)";

    internal static PeriodSpec Parse(string text)
    {
        var dots = text.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0)
        {
            try
            {
                return new PeriodSpec(ReportingPresets.Parse(text), null, null, null, null);
            }
            catch (CustomerAgentException)
            {
                throw new FormatException($"'{text}' is not a period: use a preset (today, yesterday, this_week, last_week, last_7_days, last_30_days, last_90_days, this_month, last_month) or FIRST..LAST dates such as 2026-06-01..2026-06-07");
            }
        }

        var (a, b) = (text[..dots], text[(dots + 2)..]);
        var first = LocalDatePattern.Iso.Parse(a);
        var last = LocalDatePattern.Iso.Parse(b);
        if (first.Success && last.Success)
        {
            return new PeriodSpec(null, first.Value, last.Value, null, null);
        }

        try
        {
            return new PeriodSpec(null, null, null, LogInstants.Parse(a), LogInstants.Parse(b));
        }
        catch (FormatException)
        {
            throw new FormatException($"'{text}' is not a period: FIRST..LAST takes two dates (2026-06-01..2026-06-07) or two ISO 8601 instants");
        }
    }

    /// <summary>The account's period: its zone (or <c>--tz</c>) and first day of the week, as of <paramref name="now"/>.</summary>
    internal ReportingPeriod For(AccountLog account, DateTimeZone? zone, Instant now)
    {
        // the zone and week in force at the instant the report is as of (a later settings line never moves earlier days)
        var inForce = account.SettingsAsOf(now);
        var settings = AccountReportingSettings.Create(account.AccountId, (zone ?? inForce.TimeZone).Id, inForce.FirstDayOfWeek);
        return this switch
        {
            { Preset: { } p } => ReportingPeriod.ForPreset(settings, p, now),
            { First: { } f, Last: { } l } => ReportingPeriod.ForDates(settings, f, l),
            _ => ReportingPeriod.ForInstants(settings, Start!.Value, End!.Value),
        };
    }

    /// <summary>The period as written on the command line (<c>last_7_days</c>, <c>2026-06-01..2026-06-07</c>): what help shows as the default.</summary>
    public override string ToString() =>
        Preset is { } preset ? preset.ToApiName()
        : First is { } first ? $"{LocalDatePattern.Iso.Format(first)}..{LocalDatePattern.Iso.Format(Last!.Value)}"
        : $"{LogInstants.Format(Start!.Value)}..{LogInstants.Format(End!.Value)}";

    /// <summary>How the report names the period.</summary>
    internal static string Describe(ReportingPeriod period) =>
        (period.Preset is { } p ? p.ToApiName() + ": " : string.Empty) +
        $"{LocalDatePattern.Iso.Format(period.FirstDate)} to {LocalDatePattern.Iso.Format(period.LastDate)} in {period.Zone.Id}";

    /// <summary>Parses <c>--tz</c>: an IANA zone ID known to NodaTime's TZDB.</summary>
    internal static DateTimeZone ParseZone(string id) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) ?? throw new FormatException($"'{id}' is not an IANA time zone (such as Europe/Paris or America/New_York) known to this tool's time zone data ({DateTimeZoneProviders.Tzdb.VersionId})");
}
