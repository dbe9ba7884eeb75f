using CustomerAgent.Web;
using NodaTime;

namespace CustomerAgent.Cli;

/// <summary>How the tool reads and writes instants on its command line and in its output (<see cref="InstantText"/>, shared with the web API).</summary>
internal static class LogInstants
{
    /// <summary>Parses an ISO 8601 instant, <c>2026-06-07T10:00:00Z</c> or with an offset.</summary>
    internal static Instant Parse(string text) => InstantText.Parse(text);

    /// <summary>How the log (and the report, CSV and JSON) writes an instant: ISO 8601 in UTC with its fraction of a second when it has one, <c>2026-06-07T10:00:00Z</c>, <c>2026-06-07T10:00:00.123Z</c>.</summary>
    internal static string Format(Instant instant) => InstantText.Format(instant);
}
