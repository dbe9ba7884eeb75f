using NodaTime;

namespace CustomerAgent.Live.Hosting;

/// <summary>
/// The service's clock when <c>Live:Clock</c> names an instant: it stands still at that instant until <c>PUT /v1/clock</c>
/// moves it (forward only). For replaying a historical log (a backfill) and for tests: with the system clock, a conversation of
/// an old log would be closed by inactivity after its first request, before its later lines arrive (docs/live-service.md).
/// </summary>
public sealed class ManualClock : IClock
{
    private long _nanoseconds;

    /// <summary>A clock standing at <paramref name="start"/>.</summary>
    /// <param name="start">The first instant.</param>
    public ManualClock(Instant start) => _nanoseconds = start.ToUnixTimeTicks() * 100;

    /// <inheritdoc/>
    public Instant GetCurrentInstant() => Instant.FromUnixTimeTicks(Interlocked.Read(ref _nanoseconds) / 100);

    /// <summary>Moves the clock to <paramref name="to"/> when that is later; never back.</summary>
    /// <param name="to">The new instant.</param>
    /// <returns>The clock's instant afterwards.</returns>
    public Instant MoveTo(Instant to)
    {
        var wanted = to.ToUnixTimeTicks() * 100;
        long seen;
        do
        {
            seen = Interlocked.Read(ref _nanoseconds);
            if (wanted <= seen)
            {
                break;
            }
        }
        while (Interlocked.CompareExchange(ref _nanoseconds, wanted, seen) != seen);

        return GetCurrentInstant();
    }
}
