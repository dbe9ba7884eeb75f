using CustomerAgent.Collection;
using NodaTime;

namespace CustomerAgent.Dashboard;

/// <summary>
/// What a dashboard counts over, for paths that take it in one value (the bulk path): the period (account, zone, days),
/// the instant statuses are as of, and the account's agent switch timeline (R12) when the host has one.
/// </summary>
/// <remarks>Immutable and thread-safe. Build it with <see cref="Create"/>, which validates every field.</remarks>
public sealed class DashboardScope
{
    private DashboardScope(ReportingPeriod period, Instant asOf, AgentSwitchTimeline? timeline)
    {
        Period = period;
        AsOf = asOf;
        Timeline = timeline;
        ChannelToggles = timeline is null ? null : Toggles(timeline);
    }

    /// <summary>The period.</summary>
    public ReportingPeriod Period { get; }

    /// <summary>The instant statuses are as of ("now").</summary>
    public Instant AsOf { get; }

    /// <summary>The account's agent switch timeline, or <see langword="null"/> when every conversation given was collected.</summary>
    public AgentSwitchTimeline? Timeline { get; }

    /// <summary>Per channel (by value), the Unix nanoseconds at which the agent's state flips, starting from disabled (R12); null without a timeline.</summary>
    internal long[][]? ChannelToggles { get; }

    /// <summary>Creates a validated scope.</summary>
    /// <param name="period">The period.</param>
    /// <param name="asOf">The instant statuses are as of.</param>
    /// <param name="timeline">The account's agent switch timeline (R12), or null.</param>
    /// <returns>The scope.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="period"/> is null.</exception>
    /// <exception cref="CustomerAgentException"><paramref name="asOf"/> is outside the supported instants (H6), or the timeline belongs to another account (R12).</exception>
    public static DashboardScope Create(ReportingPeriod period, Instant asOf, AgentSwitchTimeline? timeline = null)
    {
        ArgumentNullException.ThrowIfNull(period);
        Preconditions.CheckInstant(asOf, "asOf");
        if (timeline is not null && timeline.AccountId != period.AccountId)
        {
            throw new CustomerAgentException("R12", "timeline.accountId", timeline.AccountId.Value, $"is not the period's account {Preconditions.Echo(period.AccountId.Value)}; one account's switch never decides for another's data");
        }

        return new DashboardScope(period, asOf, timeline);
    }

    /// <inheritdoc/>
    public override string ToString() => $"DashboardScope({Period}, as of {Preconditions.Format(AsOf)}{(Timeline is null ? string.Empty : ", " + Timeline)})";

    private static long[][] Toggles(AgentSwitchTimeline timeline)
    {
        var channels = Enum.GetValues<Conversations.Channel>().Length;
        var toggles = new List<long>[channels];
        var enabled = new bool[channels];
        for (var c = 0; c < channels; c++)
        {
            toggles[c] = [];
        }

        foreach (var change in timeline.Changes)
        {
            var c = (int)change.Channel;
            if (change.Enabled != enabled[c])
            {
                enabled[c] = change.Enabled;
                toggles[c].Add((change.At - NodaConstants.UnixEpoch).ToInt64Nanoseconds());
            }
        }

        return [.. toggles.Select(l => l.ToArray())];
    }
}
