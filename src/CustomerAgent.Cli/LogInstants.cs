using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.Cli;

/// <summary>How the tool reads and writes instants on its command line and in its output.</summary>
internal static class LogInstants
{
    /// <summary>Parses an ISO 8601 instant, <c>2026-06-07T10:00:00Z</c> or with an offset.</summary>
    internal static Instant Parse(string text)
    {
        var result = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (result.Success)
        {
            return result.Value.ToInstant();
        }

        var instant = InstantPattern.ExtendedIso.Parse(text);
        return instant.Success
            ? instant.Value
            : throw new FormatException($"'{text}' is not an ISO 8601 instant such as 2026-06-07T10:00:00Z");
    }

    /// <summary>How the log (and the report, CSV and JSON) writes an instant: ISO 8601 in UTC with its fraction of a second when it has one, <c>2026-06-07T10:00:00Z</c>, <c>2026-06-07T10:00:00.123Z</c>.</summary>
    internal static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}
