using System.Collections.ObjectModel;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Collection;

/// <summary>
/// When an account's agent was enabled or disabled on each channel (R12): an immutable, time-ordered list of changes.
/// Before its first enable a channel is off ("never enabled"): no data appears while the agent is not live.
/// </summary>
/// <remarks>
/// Immutable and thread-safe; <see cref="Enable"/> and <see cref="Disable"/> return a new timeline. Changes are in time
/// order (equal instants allowed on different channels); one channel never has two changes at the same instant. Repeating
/// the current state (enable while enabled) is accepted and changes nothing.
/// </remarks>
public sealed class AgentSwitchTimeline
{
    private readonly AgentSwitchChange[] _array;
    private readonly ReadOnlyCollection<AgentSwitchChange> _changes;

    private AgentSwitchTimeline(AccountId accountId, AgentSwitchChange[] changes)
    {
        AccountId = accountId;
        _array = changes;
        _changes = changes.AsReadOnly();
    }

    /// <summary>The account whose agent this is.</summary>
    public AccountId AccountId { get; }

    /// <summary>Every change, in time order.</summary>
    public IReadOnlyList<AgentSwitchChange> Changes => _changes;

    /// <summary>A timeline with no change: the agent is disabled on every channel.</summary>
    /// <exception cref="CustomerAgentException">The account ID is <c>default</c>.</exception>
    public static AgentSwitchTimeline Empty(AccountId accountId) => Create(accountId, []);

    /// <summary>Creates a validated timeline.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="changes">The changes, in time order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="changes"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The account ID is <c>default</c>, a channel is undefined, a change is earlier than the one before it, or a channel changes twice at one instant (R12).</exception>
    public static AgentSwitchTimeline Create(AccountId accountId, IEnumerable<AgentSwitchChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        AccountId.CheckSet(accountId);

        var copy = changes.ToArray();
        for (var i = 0; i < copy.Length; i++)
        {
            Preconditions.CheckDefined(copy[i].Channel, $"changes[{i}].channel", "R12");
            Preconditions.CheckInstant(copy[i].At, $"changes[{i}].at");
            if (i == 0)
            {
                continue;
            }

            if (copy[i].At < copy[i - 1].At)
            {
                throw new CustomerAgentException("R12", $"changes[{i}].at", Preconditions.Format(copy[i].At), $"is earlier than the previous change at {Preconditions.Format(copy[i - 1].At)}; changes must be in time order");
            }

            for (var j = i - 1; j >= 0 && copy[j].At == copy[i].At; j--)
            {
                if (copy[j].Channel == copy[i].Channel)
                {
                    throw new CustomerAgentException("R12", $"changes[{i}].at", Preconditions.Format(copy[i].At), $"changes {ChannelWords.Of(copy[i].Channel)} a second time at the same instant (see changes[{j}])");
                }
            }
        }

        return new AgentSwitchTimeline(accountId, copy);
    }

    /// <summary>A new timeline with the agent enabled on <paramref name="channel"/> from <paramref name="at"/>.</summary>
    /// <exception cref="CustomerAgentException">The change would be out of time order or a second change of the channel at one instant.</exception>
    public AgentSwitchTimeline Enable(Channel channel, Instant at) => Create(AccountId, _changes.Append(new AgentSwitchChange(at, channel, true)));

    /// <summary>A new timeline with the agent disabled on <paramref name="channel"/> from <paramref name="at"/>.</summary>
    /// <exception cref="CustomerAgentException">The change would be out of time order or a second change of the channel at one instant.</exception>
    public AgentSwitchTimeline Disable(Channel channel, Instant at) => Create(AccountId, _changes.Append(new AgentSwitchChange(at, channel, false)));

    /// <summary>Whether the agent is live on <paramref name="channel"/> at <paramref name="at"/> (a change applies from its instant on).</summary>
    /// <exception cref="CustomerAgentException">As <see cref="Check"/>.</exception>
    public bool IsEnabled(Channel channel, Instant at)
    {
        // Check's answer without its decision object: the cohort asks this once per conversation.
        CheckQuery(channel, at);
        return IsCollected(channel, at);
    }

    /// <summary>
    /// Whether activity on <paramref name="channel"/> at <paramref name="at"/> is collected, and if not, why (R12): collected when
    /// the channel's latest change at or before <paramref name="at"/> is an enable; "never enabled" when no enable of the
    /// channel precedes it (disables before the first enable change nothing); otherwise "disabled" since the first disable
    /// that followed the latest enable.
    /// </summary>
    /// <param name="channel">The channel.</param>
    /// <param name="at">The instant of the activity.</param>
    /// <returns>The decision, with the reason when not collected.</returns>
    /// <exception cref="CustomerAgentException"><paramref name="channel"/> is undefined (R12) or <paramref name="at"/> is outside <see cref="SupportedInstants"/> (H6).</exception>
    public CollectionDecision Check(Channel channel, Instant at)
    {
        CheckQuery(channel, at);
        if (!StateAt(channel, at, out var disabledSince))
        {
            return CollectionDecision.NotCollected(channel, at, NotCollectedReason.AgentNeverEnabled);
        }

        return disabledSince is null
            ? CollectionDecision.Collected(channel, at)
            : CollectionDecision.NotCollected(channel, at, NotCollectedReason.AgentDisabled, disabledSince);
    }

    /// <summary>The arguments of a question to the timeline: a defined channel (R12) and a supported instant (H6).</summary>
    private static void CheckQuery(Channel channel, Instant at)
    {
        Preconditions.CheckDefined(channel, "channel", "R12");
        Preconditions.CheckInstant(at, "at");
    }

    /// <summary>
    /// <see cref="Check"/>'s answer alone, without allocating, for a defined channel and a supported instant the caller already
    /// holds (the compact events' per-event path, R12).
    /// </summary>
    internal bool IsCollected(Channel channel, Instant at) => StateAt(channel, at, out var disabledSince) && disabledSince is null;

    /// <summary>
    /// R12 on the changes up to <paramref name="at"/>: whether the channel was ever enabled by then (disables before the first
    /// enable change nothing), and since when it is disabled after its latest enable (null when it is enabled).
    /// </summary>
    private bool StateAt(Channel channel, Instant at, out Instant? disabledSince)
    {
        var everEnabled = false;
        disabledSince = null;
        foreach (var change in _array)
        {
            if (change.At > at)
            {
                break;
            }

            if (change.Channel != channel)
            {
                continue;
            }

            if (change.Enabled)
            {
                everEnabled = true;
                disabledSince = null;
            }
            else if (everEnabled)
            {
                disabledSince ??= change.At;
            }
        }

        return everEnabled;
    }

    /// <inheritdoc/>
    public override string ToString() => $"AgentSwitchTimeline(account {AccountId}, {_changes.Count} changes)";
}
