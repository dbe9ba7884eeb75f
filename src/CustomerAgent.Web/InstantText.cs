using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.Web;

/// <summary>How the dashboard (the tool's output, the JSON API and its query parameters) reads and writes instants.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class InstantText
{
    /// <summary>Parses an ISO 8601 instant, <c>2026-06-07T10:00:00Z</c>, or a date and time with an offset, <c>2026-06-07T12:00:00+02:00</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The instant.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is not such an instant (the message quotes it).</exception>
    public static Instant Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IsoInstantText.TryParse(text, out var instant)
            ? instant
            : throw new FormatException($"'{CustomerAgentException.Cut(text)}' is not an ISO 8601 instant such as 2026-06-07T10:00:00Z");
    }

    /// <summary>ISO 8601 in UTC with its fraction of a second when it has one: <c>2026-06-07T10:00:00Z</c>, <c>2026-06-07T10:00:00.123Z</c> (as the activity log writes instants).</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The text.</returns>
    public static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}
