using CustomerAgent.Conversations;
using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.Dashboard;

/// <summary>
/// A dashboard period (R13): whole local days of the account's time zone, inclusive of the first and the last date, as the
/// exact instant interval [<see cref="Start"/>, <see cref="End"/>): from the start of the first local day to the start of the
/// day after the last. Also the report API's explicit form, instants <c>start</c> (inclusive) and <c>end</c> (exclusive).
/// </summary>
/// <remarks>
/// <para>
/// A local day starts at its midnight, or, where the zone skips midnight on that date (a daylight-saving change at 00:00, as
/// in America/Santiago, America/Havana or historically Asia/Beirut), at the first instant that exists on that date. So a day
/// lasts 23 or 25 hours across a change, and the days of a period tile it with no gap and no overlap.
/// </para>
/// <para>
/// A range of dates is at most <see cref="MaxMonths"/> months long: the last date is before the first date plus 12 months
/// (January 1 to December 31 is accepted, January 1 to the next January 1 is not). Immutable and thread-safe.
/// </para>
/// </remarks>
public sealed class ReportingPeriod : IEquatable<ReportingPeriod>
{
    /// <summary>The longest range accepted, in months (the vendor's dashboards cap custom ranges at 12 months).</summary>
    public const int MaxMonths = 12;

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    private readonly Instant[] _dayStarts;

    private ReportingPeriod(AccountReportingSettings settings, LocalDate firstDate, LocalDate lastDate, Instant start, Instant end, ReportingPreset? preset)
    {
        Settings = settings;
        FirstDate = firstDate;
        LastDate = lastDate;
        Start = start;
        End = end;
        Preset = preset;
        var days = Period.DaysBetween(firstDate, lastDate) + 1;
        _dayStarts = new Instant[days + 1];
        _dayStarts[0] = start;
        for (var i = 1; i < days; i++)
        {
            // Clamped to the period: with the API form, start or end can fall in minutes a clock repeated across midnight.
            var dayStart = StartOfDay(settings.Zone, firstDate.PlusDays(i));
            _dayStarts[i] = dayStart < start ? start : dayStart > end ? end : dayStart;
        }

        _dayStarts[days] = end;
    }

    /// <summary>The account settings (account, zone, first day of week) the period was built with.</summary>
    public AccountReportingSettings Settings { get; }

    /// <summary>The account the period belongs to.</summary>
    public AccountId AccountId => Settings.AccountId;

    /// <summary>The time zone the days are counted in.</summary>
    public DateTimeZone Zone => Settings.Zone;

    /// <summary>The first local date of the period (inclusive).</summary>
    public LocalDate FirstDate { get; }

    /// <summary>The last local date of the period (inclusive).</summary>
    public LocalDate LastDate { get; }

    /// <summary>The first instant of the period (inclusive).</summary>
    public Instant Start { get; }

    /// <summary>The end of the period (exclusive).</summary>
    public Instant End { get; }

    /// <summary>The preset the period was built from, or <see langword="null"/> for a custom range.</summary>
    public ReportingPreset? Preset { get; }

    /// <summary>The number of local days (bars of the chart, R14), from <see cref="FirstDate"/> to <see cref="LastDate"/>.</summary>
    public int DayCount => _dayStarts.Length - 1;

    /// <summary>Whether <paramref name="instant"/> lies in [<see cref="Start"/>, <see cref="End"/>).</summary>
    /// <param name="instant">The instant.</param>
    /// <returns><see langword="true"/> inside the period.</returns>
    public bool Contains(Instant instant) => instant >= Start && instant < End;

    /// <summary>The local date of day <paramref name="index"/> (0 is <see cref="FirstDate"/>).</summary>
    /// <param name="index">0 to <see cref="DayCount"/> − 1.</param>
    /// <returns>The date.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the period.</exception>
    public LocalDate DateOfDay(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, DayCount);
        return FirstDate.PlusDays(index);
    }

    /// <summary>The instants of day <paramref name="index"/> inside the period: [start of that local day, start of the next), clipped to the period.</summary>
    /// <param name="index">0 to <see cref="DayCount"/> − 1.</param>
    /// <returns>The day's interval (23, 24 or 25 hours for a whole day across a daylight-saving change).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the period.</exception>
    public Interval DayInterval(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, DayCount);
        return new Interval(_dayStarts[index], _dayStarts[index + 1]);
    }

    /// <summary>The index of the local day that holds <paramref name="instant"/>, or −1 outside the period.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>0 to <see cref="DayCount"/> − 1, or −1.</returns>
    public int DayIndexOf(Instant instant)
    {
        if (!Contains(instant))
        {
            return -1;
        }

        // The last day whose start is at or before the instant (a date the zone skips entirely has an empty interval).
        var lo = 0;
        var hi = _dayStarts.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >>> 1;
            if (_dayStarts[mid] <= instant)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    /// <summary>
    /// The first instant of <paramref name="date"/> in <paramref name="zone"/>: its midnight, or the first instant that exists
    /// that day when midnight is skipped; for a date the zone skips entirely (Pacific/Apia, 2011-12-30) the start of the next
    /// date, so that day is empty.
    /// </summary>
    internal static Instant StartOfDay(DateTimeZone zone, LocalDate date)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                return zone.AtStartOfDay(date.PlusDays(i)).ToInstant();
            }
            catch (SkippedTimeException) when (i < 3)
            {
                // The whole date is skipped: its day is empty and ends where the next date starts.
            }
        }
    }

    /// <summary>The boundaries of the days: <see cref="DayCount"/> + 1 instants, from <see cref="Start"/> to <see cref="End"/>.</summary>
    internal ReadOnlySpan<Instant> DayStarts => _dayStarts;

    /// <summary>The period of a preset (R13), counted from the local date of <paramref name="now"/> in the account's zone (today).</summary>
    /// <param name="settings">The account's zone and first day of week.</param>
    /// <param name="preset">The preset.</param>
    /// <param name="now">The current instant, from the host's clock.</param>
    /// <returns>The period.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The preset is undefined (R13), or <paramref name="now"/> or the period lies outside the supported instants (H6).</exception>
    public static ReportingPeriod ForPreset(AccountReportingSettings settings, ReportingPreset preset, Instant now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Preconditions.CheckInstant(now, "now");
        var today = now.InZone(settings.Zone).Date;
        var (first, last) = PresetDates(preset, today, settings.FirstDayOfWeek);
        return Build(settings, first, last, preset);
    }

    /// <summary>The period of a preset (R13) as of the clock's current instant.</summary>
    /// <param name="settings">The account's zone and first day of week.</param>
    /// <param name="preset">The preset.</param>
    /// <param name="clock">The host's clock (a <c>FakeClock</c> in tests).</param>
    /// <returns>The period.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="CustomerAgentException">As <see cref="ForPreset(AccountReportingSettings, ReportingPreset, Instant)"/>.</exception>
    public static ReportingPeriod ForPreset(AccountReportingSettings settings, ReportingPreset preset, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return ForPreset(settings, preset, clock.GetCurrentInstant());
    }

    /// <summary>A custom range of local dates, both inclusive (R13).</summary>
    /// <param name="settings">The account's zone.</param>
    /// <param name="firstDate">The first date.</param>
    /// <param name="lastDate">The last date, on or after <paramref name="firstDate"/>, before <paramref name="firstDate"/> plus <see cref="MaxMonths"/> months.</param>
    /// <returns>The period.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The range is reversed or longer than 12 months (R13), or lies outside the supported instants (H6).</exception>
    public static ReportingPeriod ForDates(AccountReportingSettings settings, LocalDate firstDate, LocalDate lastDate)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Build(settings, firstDate, lastDate, null);
    }

    /// <summary>
    /// The report API's explicit form: <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive). The days
    /// (chart bars) are the local dates the interval touches; the first and last are clipped to the interval.
    /// </summary>
    /// <param name="settings">The account's zone.</param>
    /// <param name="start">The first instant (inclusive).</param>
    /// <param name="end">The end (exclusive), after <paramref name="start"/>.</param>
    /// <returns>The period.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is null.</exception>
    /// <exception cref="CustomerAgentException">An instant is outside the supported range (H6), the interval is empty or reversed, or it spans more than 12 months of local dates (R13).</exception>
    public static ReportingPeriod ForInstants(AccountReportingSettings settings, Instant start, Instant end)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Preconditions.CheckInstant(start, "start");
        Preconditions.CheckInstant(end, "end");
        if (end <= start)
        {
            throw new CustomerAgentException("R13", "end", Preconditions.Format(end), $"must be after start {Preconditions.Format(start)} (start is inclusive, end exclusive)");
        }

        var first = start.InZone(settings.Zone).Date;
        var last = (end - Duration.Epsilon).InZone(settings.Zone).Date;
        CheckLength(first, last, "end", Preconditions.Format(end));
        return new ReportingPeriod(settings, first, last, start, end, null);
    }

    /// <inheritdoc/>
    public bool Equals(ReportingPeriod? other) =>
        other is not null && Settings.Equals(other.Settings) && Start == other.Start && End == other.End && FirstDate == other.FirstDate && LastDate == other.LastDate;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ReportingPeriod);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Settings, Start, End);

    /// <inheritdoc/>
    public override string ToString() =>
        $"ReportingPeriod({DatePattern.Format(FirstDate)} to {DatePattern.Format(LastDate)} in {Zone.Id} = [{Preconditions.Format(Start)}, {Preconditions.Format(End)}), account {AccountId})";

    /// <summary>The inclusive local dates of a preset, from today (R13).</summary>
    internal static (LocalDate First, LocalDate Last) PresetDates(ReportingPreset preset, LocalDate today, IsoDayOfWeek firstDayOfWeek)
    {
        var weekStart = today.PlusDays(-(((int)today.DayOfWeek - (int)firstDayOfWeek + 7) % 7));
        var monthStart = new LocalDate(today.Year, today.Month, 1);
        return preset switch
        {
            ReportingPreset.Today => (today, today),
            ReportingPreset.Yesterday => (today.PlusDays(-1), today.PlusDays(-1)),
            ReportingPreset.ThisWeek => (weekStart, today),
            ReportingPreset.LastWeek => (weekStart.PlusDays(-7), weekStart.PlusDays(-1)),
            ReportingPreset.Last7Days => (today.PlusDays(-6), today),
            ReportingPreset.Last30Days => (today.PlusDays(-29), today),
            ReportingPreset.Last90Days => (today.PlusDays(-89), today),
            ReportingPreset.ThisMonth => (monthStart, today),
            ReportingPreset.LastMonth => (monthStart.PlusMonths(-1), monthStart.PlusDays(-1)),
            _ => throw new CustomerAgentException("R13", "preset", preset.ToString(), "is not a defined ReportingPreset value"),
        };
    }

    private static ReportingPeriod Build(AccountReportingSettings settings, LocalDate first, LocalDate last, ReportingPreset? preset)
    {
        if (first.Calendar != CalendarSystem.Iso || last.Calendar != CalendarSystem.Iso)
        {
            throw new CustomerAgentException("R13", first.Calendar != CalendarSystem.Iso ? "firstDate" : "lastDate", (first.Calendar != CalendarSystem.Iso ? first : last).Calendar.Id, "must be an ISO calendar date");
        }

        if (last < first)
        {
            throw new CustomerAgentException("R13", "lastDate", DatePattern.Format(last), $"is before the first date {DatePattern.Format(first)}; a period runs from its first to its last date, both inclusive");
        }

        CheckYear(first, "firstDate");
        CheckYear(last, "lastDate");
        CheckLength(first, last, "lastDate", DatePattern.Format(last));
        var start = StartOfDay(settings.Zone, first);
        var end = StartOfDay(settings.Zone, last.PlusDays(1));
        Preconditions.CheckInstant(start, "firstDate");
        if (end > SupportedInstants.End)
        {
            throw new CustomerAgentException("H6", "lastDate", DatePattern.Format(last), $"ends after the supported range [{Preconditions.Format(SupportedInstants.Start)}, {Preconditions.Format(SupportedInstants.End)})");
        }

        return new ReportingPeriod(settings, first, last, start, end, preset);
    }

    private static void CheckYear(LocalDate date, string field)
    {
        if (date.Year is < 1899 or > 2200)
        {
            throw SupportedInstants.OutOfRange(field, DatePattern.Format(date));
        }
    }

    private static void CheckLength(LocalDate first, LocalDate last, string field, string value)
    {
        if (last >= first.PlusMonths(MaxMonths))
        {
            throw new CustomerAgentException("R13", field, value, $"makes the period longer than {MaxMonths} months (from {DatePattern.Format(first)} the last date can be {DatePattern.Format(first.PlusMonths(MaxMonths).PlusDays(-1))} at the latest)");
        }
    }
}
