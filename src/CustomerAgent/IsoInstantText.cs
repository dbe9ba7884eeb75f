using NodaTime;
using NodaTime.Text;

namespace CustomerAgent;

/// <summary>
/// ISO 8601 instant texts as every reader of the library takes them (the activity log's <c>at</c>, the tool's and the web
/// page's <c>now</c>, event JSON's <c>time</c>): NodaTime's strict extended ISO patterns, made total. NodaTime's offset
/// parsing throws <see cref="ArgumentOutOfRangeException"/> for an offset beyond ±18:00 (<c>+19:00</c>) instead of failing
/// the parse; here such a text is simply not an instant.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class IsoInstantText
{
    /// <summary>
    /// Parses a date and time with an offset, <c>2026-06-07T12:00:00+02:00</c>, or an instant in UTC, <c>2026-06-07T10:00:00Z</c>,
    /// each with up to nine fraction digits (<see cref="OffsetDateTimePattern.ExtendedIso"/>, then <see cref="InstantPattern.ExtendedIso"/>).
    /// </summary>
    /// <param name="text">The text; null is no instant.</param>
    /// <param name="instant">The instant, or <c>default</c> when the text is none.</param>
    /// <returns>Whether the text is such an instant. Never throws; the instant may lie outside <see cref="SupportedInstants"/> (H6 is the caller's check).</returns>
    public static bool TryParse(string? text, out Instant instant)
    {
        if (text is null)
        {
            instant = default;
            return false;
        }

        if (TryParse(OffsetDateTimePattern.ExtendedIso, text, out instant))
        {
            return true;
        }

        var plain = InstantPattern.ExtendedIso.Parse(text);
        instant = plain.Success ? plain.Value : default;
        return plain.Success;
    }

    /// <summary><paramref name="pattern"/>'s parse of <paramref name="text"/>, false instead of NodaTime's exception for an offset beyond ±18:00.</summary>
    internal static bool TryParse(OffsetDateTimePattern pattern, string text, out Instant instant)
    {
        instant = default;
        ParseResult<OffsetDateTime> result;
        try
        {
            result = pattern.Parse(text);
        }
        catch (ArgumentOutOfRangeException)
        {
            // NodaTime builds the offset before checking its range (Offset.FromSeconds): such a text has no instant
            return false;
        }

        if (result.Success)
        {
            instant = result.Value.ToInstant();
        }

        return result.Success;
    }
}
