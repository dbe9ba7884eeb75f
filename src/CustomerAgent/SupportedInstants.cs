using NodaTime;

namespace CustomerAgent;

/// <summary>
/// The range of instants the library accepts (rule <c>H6</c>): from <see cref="Start"/> (inclusive) to <see cref="End"/>
/// (exclusive), that is the years 1900 to 2199 in UTC. Every entry point that takes an instant (recording an activity,
/// classifying, emitting events, the bulk columns) rejects one outside it with <see cref="CustomerAgentException"/>.
/// </summary>
/// <remarks>
/// The range lies well inside what every computation needs: NodaTime's own range (years −9998 to 9999), the bulk path's
/// Unix nanoseconds in a <see cref="long"/> (about 1677 to 2262), an instant plus the longest auto-close timeout
/// (<see cref="Conversations.ConversationPolicy.MaxAutoCloseAfter"/>), attribution windows and local days in any time zone.
/// So no accepted input can overflow anywhere. Immutable and thread-safe.
/// </remarks>
public static class SupportedInstants
{
    /// <summary>The first supported instant: 1900-01-01T00:00:00Z (inclusive).</summary>
    public static Instant Start { get; } = Instant.FromUtc(1900, 1, 1, 0, 0);

    /// <summary>The end of the supported range: 2200-01-01T00:00:00Z (exclusive).</summary>
    public static Instant End { get; } = Instant.FromUtc(2200, 1, 1, 0, 0);

    /// <summary>Whether <paramref name="instant"/> lies in [<see cref="Start"/>, <see cref="End"/>).</summary>
    /// <param name="instant">The instant to test.</param>
    /// <returns><see langword="true"/> when the library accepts the instant.</returns>
    public static bool Contains(Instant instant) => instant >= Start && instant < End;

    /// <summary><see cref="Start"/> in Unix seconds.</summary>
    internal const long StartUnixSeconds = -2_208_988_800L;

    /// <summary><see cref="End"/> in Unix seconds.</summary>
    internal const long EndUnixSeconds = 7_258_118_400L;

    /// <summary>
    /// Whether the instants of the Unix second <paramref name="unixSeconds"/> (that second plus any fraction of it) lie in
    /// [<see cref="Start"/>, <see cref="End"/>): the range check on Unix time for readers that compute an instant's seconds
    /// before its nanoseconds (an instant out of range, say in 9999, overflows Unix nanoseconds in a <see cref="long"/>).
    /// </summary>
    internal static bool ContainsUnixSeconds(long unixSeconds) => unixSeconds >= StartUnixSeconds && unixSeconds < EndUnixSeconds;

    /// <summary>The H6 rejection of <paramref name="field"/>, whose value (as the caller read or formatted it) is outside the range.</summary>
    internal static CustomerAgentException OutOfRange(string field, string? value) =>
        new("H6", field, value, $"is outside the supported range [{Preconditions.Format(Start)}, {Preconditions.Format(End)})");
}
