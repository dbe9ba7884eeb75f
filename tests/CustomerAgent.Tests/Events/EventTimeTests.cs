using CustomerAgent.Events;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CustomerAgent.Tests.Events;

/// <summary>An event's time is its instant to the second (R6–R9 events carry whole seconds), whichever representation it is computed from.</summary>
public sealed class EventTimeTests
{
    private static readonly Gen<long> Nanoseconds =
        from seconds in Gen.Choose(-2_000_000_000, 2_000_000_000)
        from nanos in Gen.Elements(0, 1, 999_999_999, 500_000_000, -1, -999_999_999)
        select (seconds * 1_000_000_000L) + nanos;

    [Property(MaxTest = 2000)]
    public Property R6_an_instant_in_nanoseconds_truncates_to_the_second_as_the_instant_does()
    {
        return Prop.ForAll(Nanoseconds.ToArbitrary(), nanos =>
        {
            var instant = NodaConstants.UnixEpoch.PlusNanoseconds(nanos);
            // independent of the code under test: the whole seconds at or before the instant
            var expected = Instant.FromUnixTimeTicks(instant.ToUnixTimeTicks() - (((instant.ToUnixTimeTicks() % NodaConstants.TicksPerSecond) + NodaConstants.TicksPerSecond) % NodaConstants.TicksPerSecond));
            Assert.Equal(expected, MetricEvent.TruncateToSecond(nanos));
            Assert.Equal(expected, MetricEvent.TruncateToSecond(instant));
        });
    }
}
