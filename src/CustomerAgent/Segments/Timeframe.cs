using System.Globalization;
using CustomerAgent.Dashboard;
using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.Segments;

/// <summary>The kind of a <see cref="Timeframe"/>.</summary>
public enum TimeframeKind
{
    /// <summary>Everything up to the as-of instant.</summary>
    AllTime = 0,

    /// <summary>The last N local days of the account, today included (R13), up to the as-of instant.</summary>
    InTheLastDays = 1,

    /// <summary>From the start of a local date of the account up to the as-of instant.</summary>
    Since = 2,

    /// <summary>From the start of a local date to the end of another, both inclusive (R13), never past the as-of instant.</summary>
    Between = 3,

    /// <summary>From the profile's latest event of another metric (inclusive) up to the as-of instant.</summary>
    SinceLatest = 4,
}

/// <summary>
/// The stretch of time a segment condition counts in (R21): over all time, in the last N days, since a date, between two
/// dates, or since the profile's latest event of another metric. Days are the account's local days (R13): "in the last 7
/// days" as of June 7 is June 1 through June 7 in the account's zone, today included, as the dashboard's preset; a date
/// starts at the start of that day in the zone (a day that begins in a daylight-saving gap begins when it begins). Every
/// timeframe ends at the as-of instant, inclusive (D1: a segment never sees later facts).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class Timeframe : IEquatable<Timeframe>
{
    /// <summary>The most days <see cref="InTheLast"/> may name (about 100 years).</summary>
    public const int MaxDays = 36_525;

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    private Timeframe(TimeframeKind kind, int days, LocalDate first, LocalDate last, SegmentMetric anchor)
    {
        Kind = kind;
        Days = days;
        FirstDate = first;
        LastDate = last;
        Anchor = anchor;
    }

    /// <summary>Everything up to the as-of instant.</summary>
    public static Timeframe AllTime { get; } = new(TimeframeKind.AllTime, 0, default, default, default);

    /// <summary>The kind of timeframe.</summary>
    public TimeframeKind Kind { get; }

    /// <summary>The number of days of <see cref="TimeframeKind.InTheLastDays"/>; 0 otherwise.</summary>
    public int Days { get; }

    /// <summary>The first local date of <see cref="TimeframeKind.Since"/> and <see cref="TimeframeKind.Between"/>; <c>default</c> otherwise.</summary>
    public LocalDate FirstDate { get; }

    /// <summary>The last local date of <see cref="TimeframeKind.Between"/>; <c>default</c> otherwise.</summary>
    public LocalDate LastDate { get; }

    /// <summary>The metric whose latest event starts a <see cref="TimeframeKind.SinceLatest"/> timeframe; <c>default</c> otherwise.</summary>
    public SegmentMetric Anchor { get; }

    /// <summary>The last <paramref name="days"/> local days, today included (R13).</summary>
    /// <param name="days">From 1 to <see cref="MaxDays"/>.</param>
    /// <returns>The timeframe.</returns>
    /// <exception cref="CustomerAgentException">The number of days is out of range (R21).</exception>
    public static Timeframe InTheLast(int days) =>
        days is >= 1 and <= MaxDays
            ? new(TimeframeKind.InTheLastDays, days, default, default, default)
            : throw new CustomerAgentException("R21", "days", days.ToString(CultureInfo.InvariantCulture), $"must be from 1 to {MaxDays.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>From the start of <paramref name="date"/> in the account's zone.</summary>
    /// <param name="date">A date from 1900 to 2199 (H6).</param>
    /// <returns>The timeframe.</returns>
    /// <exception cref="CustomerAgentException">The date is outside the supported years (H6).</exception>
    public static Timeframe Since(LocalDate date) => new(TimeframeKind.Since, 0, CheckDate(date, "date"), default, default);

    /// <summary>From the start of <paramref name="firstDate"/> to the end of <paramref name="lastDate"/>, both inclusive, in the account's zone.</summary>
    /// <param name="firstDate">The first date, from 1900 to 2199 (H6).</param>
    /// <param name="lastDate">The last date, on or after <paramref name="firstDate"/>, before 2200 (H6).</param>
    /// <returns>The timeframe.</returns>
    /// <exception cref="CustomerAgentException">A date is outside the supported years (H6), or the range is reversed (R21).</exception>
    public static Timeframe Between(LocalDate firstDate, LocalDate lastDate)
    {
        CheckDate(firstDate, "firstDate");
        CheckDate(lastDate, "lastDate");
        if (lastDate < firstDate)
        {
            throw new CustomerAgentException("R21", "lastDate", DatePattern.Format(lastDate), $"must be on or after firstDate {DatePattern.Format(firstDate)} (both dates are inclusive)");
        }

        return new(TimeframeKind.Between, 0, firstDate, lastDate, default);
    }

    /// <summary>
    /// From the profile's latest event of <paramref name="anchor"/> at or before the as-of instant, inclusive: "placed an
    /// order zero times since the latest recommendation". A profile that never did <paramref name="anchor"/> has no such
    /// timeframe, so a condition over it does not hold for that profile.
    /// </summary>
    /// <param name="anchor">The metric whose latest event starts the timeframe.</param>
    /// <returns>The timeframe.</returns>
    /// <exception cref="CustomerAgentException">The metric is not defined (R21).</exception>
    public static Timeframe SinceLatest(SegmentMetric anchor) =>
        new(TimeframeKind.SinceLatest, 0, default, default, SegmentMetricNames.Check(anchor, "anchor"));

    /// <summary>
    /// The fixed window as of <paramref name="asOf"/> in <paramref name="zone"/>: its first instant and its last instant
    /// (inclusive); empty when the first is after the last. Not for <see cref="TimeframeKind.SinceLatest"/>, whose start is
    /// per profile.
    /// </summary>
    internal (Instant First, Instant Last) Window(DateTimeZone zone, Instant asOf)
    {
        var first = Kind switch
        {
            TimeframeKind.InTheLastDays => StartOf(zone, asOf.InZone(zone).Date.PlusDays(1 - Days)),
            TimeframeKind.Since or TimeframeKind.Between => StartOf(zone, FirstDate),
            _ => SupportedInstants.Start,
        };
        var last = Kind == TimeframeKind.Between
            ? Min(StartOf(zone, LastDate.PlusDays(1)) - Duration.Epsilon, asOf)
            : asOf;
        return (first, last);
    }

    /// <inheritdoc/>
    public bool Equals(Timeframe? other) =>
        other is not null && Kind == other.Kind && Days == other.Days && FirstDate == other.FirstDate && LastDate == other.LastDate && Anchor == other.Anchor;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Timeframe);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Days, FirstDate, LastDate, Anchor);

    /// <summary>The timeframe in words: <c>over all time</c>, <c>in the last 7 days</c>, <c>since 2026-06-01</c>, …</summary>
    public override string ToString() => Kind switch
    {
        TimeframeKind.InTheLastDays => Days == 1 ? "today" : $"in the last {Days.ToString(CultureInfo.InvariantCulture)} days",
        TimeframeKind.Since => "since " + DatePattern.Format(FirstDate),
        TimeframeKind.Between => $"between {DatePattern.Format(FirstDate)} and {DatePattern.Format(LastDate)}",
        TimeframeKind.SinceLatest => $"since the latest {Anchor.ToMetricName()}",
        _ => "over all time",
    };

    /// <summary>The start of a local date in the zone (R13's one home), never before the supported range (H6).</summary>
    private static Instant StartOf(DateTimeZone zone, LocalDate date) =>
        date.Year < SupportedYearFirst ? SupportedInstants.Start : Max(ReportingPeriod.StartOfDay(zone, date), SupportedInstants.Start);

    private const int SupportedYearFirst = 1900;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static LocalDate CheckDate(LocalDate date, string field) =>
        date.Year is >= SupportedYearFirst and <= 2199
            ? date
            : throw SupportedInstants.OutOfRange(field, DatePattern.Format(date));
}
