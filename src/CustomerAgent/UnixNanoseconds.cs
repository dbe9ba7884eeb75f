using NodaTime;

namespace CustomerAgent;

/// <summary>
/// Instants as Unix nanoseconds in a <see cref="long"/>: the one conversion between NodaTime and the compact representations
/// (the facts table, the bulk columns, the attribution sweep, the activity-log reader). Exact at NodaTime's precision; every
/// supported instant (H6) fits.
/// </summary>
internal static class UnixNanoseconds
{
    /// <summary>The Unix nanoseconds of <paramref name="instant"/> (within the supported range, H6).</summary>
    internal static long From(Instant instant) => (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();

    /// <summary>The instant of <paramref name="unixNanoseconds"/>.</summary>
    internal static Instant ToInstant(long unixNanoseconds) => NodaConstants.UnixEpoch.PlusNanoseconds(unixNanoseconds);

    /// <summary>An instant in Unix nanoseconds formatted as extended ISO (for messages).</summary>
    internal static string Format(long unixNanoseconds) => Preconditions.Format(ToInstant(unixNanoseconds));
}
