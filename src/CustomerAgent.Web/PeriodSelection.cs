using CustomerAgent.Dashboard;
using CustomerAgent.Serialization;
using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.Web;

/// <summary>
/// A reporting period as a person names it, before an account's zone makes it a <see cref="ReportingPeriod"/>: a preset
/// (<c>last_7_days</c>), local dates (<c>2026-06-01..2026-06-07</c>, both inclusive, in the account's zone) or instants
/// (<c>2026-06-01T00:00:00Z..2026-06-08T00:00:00Z</c>, end exclusive). The tool's <c>--period</c> and the API's <c>period</c>
/// parameter take this text.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class PeriodSelection
{
    /// <summary>What the text may be, for help and error messages.</summary>
    public const string Help = "The reporting period: today, yesterday, this_week, last_week, last_7_days, last_30_days, last_90_days, this_month, last_month, or dates FIRST..LAST (2026-06-01..2026-06-07, both inclusive, in the account's zone), or instants START..END (END exclusive)";

    private PeriodSelection(ReportingPreset? preset, LocalDate? firstDate, LocalDate? lastDate, Instant? start, Instant? end)
    {
        Preset = preset;
        FirstDate = firstDate;
        LastDate = lastDate;
        Start = start;
        End = end;
    }

    /// <summary>The preset, or null.</summary>
    public ReportingPreset? Preset { get; }

    /// <summary>The first local date (inclusive) of a range of dates, or null.</summary>
    public LocalDate? FirstDate { get; }

    /// <summary>The last local date (inclusive) of a range of dates, or null.</summary>
    public LocalDate? LastDate { get; }

    /// <summary>The start (inclusive) of a range of instants, or null.</summary>
    public Instant? Start { get; }

    /// <summary>The end (exclusive) of a range of instants, or null.</summary>
    public Instant? End { get; }

    /// <summary>A preset.</summary>
    /// <param name="preset">The preset.</param>
    /// <returns>The selection.</returns>
    public static PeriodSelection Of(ReportingPreset preset) => new(preset, null, null, null, null);

    /// <summary>Parses a preset's wire name, <c>FIRST..LAST</c> dates or <c>START..END</c> instants.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The selection (not yet checked against an account's zone or the 12-month limit: <see cref="For"/> does).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is none of those (the message quotes it and says what is accepted).</exception>
    public static PeriodSelection Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dots = text.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0)
        {
            try
            {
                return Of(ReportingPresets.Parse(text));
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
            return new PeriodSelection(null, first.Value, last.Value, null, null);
        }

        try
        {
            return new PeriodSelection(null, null, null, InstantText.Parse(a), InstantText.Parse(b));
        }
        catch (FormatException)
        {
            throw new FormatException($"'{text}' is not a period: FIRST..LAST takes two dates (2026-06-01..2026-06-07) or two ISO 8601 instants");
        }
    }

    /// <summary>The account's period: days in <paramref name="settings"/>' zone (or <paramref name="zone"/>), weeks from its first day, a preset counted from <paramref name="now"/> (R13).</summary>
    /// <param name="settings">The account's reporting settings in force at <paramref name="now"/>.</param>
    /// <param name="now">The instant the report is as of.</param>
    /// <param name="zone">Another zone to count the days in (the tool's <c>--tz</c>, the API's <c>tz</c>), or null for the account's.</param>
    /// <returns>The period.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The core's period rules refuse it (R13: reversed, or longer than 12 months).</exception>
    public ReportingPeriod For(AccountReportingSettings settings, Instant now, DateTimeZone? zone = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (zone is not null)
        {
            settings = AccountReportingSettings.Create(settings.AccountId, zone.Id, settings.FirstDayOfWeek);
        }

        return this switch
        {
            { Preset: { } p } => ReportingPeriod.ForPreset(settings, p, now),
            { FirstDate: { } f, LastDate: { } l } => ReportingPeriod.ForDates(settings, f, l),
            _ => ReportingPeriod.ForInstants(settings, Start!.Value, End!.Value),
        };
    }

    /// <summary>The period as written (<c>last_7_days</c>, <c>2026-06-01..2026-06-07</c>); <see cref="Parse"/> reads it back.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Preset is { } preset ? preset.ToApiName()
        : FirstDate is { } first ? $"{LocalDatePattern.Iso.Format(first)}..{LocalDatePattern.Iso.Format(LastDate!.Value)}"
        : $"{InstantText.Format(Start!.Value)}..{InstantText.Format(End!.Value)}";

    /// <summary>How a report names a period: <c>last_7_days: 2026-06-01 to 2026-06-07 in Europe/Paris</c>.</summary>
    /// <param name="period">The period.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="period"/> is null.</exception>
    public static string Describe(ReportingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return (period.Preset is { } p ? p.ToApiName() + ": " : string.Empty) +
            $"{LocalDatePattern.Iso.Format(period.FirstDate)} to {LocalDatePattern.Iso.Format(period.LastDate)} in {period.Zone.Id}";
    }

    /// <summary>An IANA time zone known to NodaTime's TZDB.</summary>
    /// <param name="id">The zone ID, such as <c>Europe/Paris</c>.</param>
    /// <returns>The zone.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    /// <exception cref="FormatException">The ID is not a known zone (the message quotes it).</exception>
    public static DateTimeZone ParseZone(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) ?? throw new FormatException($"'{id}' is not an IANA time zone (such as Europe/Paris or America/New_York) known to this build's time zone data ({DateTimeZoneProviders.Tzdb.VersionId})");
    }
}
