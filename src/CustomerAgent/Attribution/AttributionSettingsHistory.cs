using NodaTime;

namespace CustomerAgent.Attribution;

/// <summary>
/// An account's attribution settings over time (R16, R17): each order is judged by the settings in force when it was placed,
/// so changing a window or switching a touchpoint off never rewrites the attribution of earlier orders.
/// </summary>
/// <remarks>Immutable and thread-safe. Build it with <see cref="Of"/> (one setting for all time) or <see cref="Create"/>.</remarks>
public sealed class AttributionSettingsHistory
{
    private readonly Instant[] _from;
    private readonly AttributionSettings[] _settings;

    private AttributionSettingsHistory(AttributionSettings initial, Instant[] from, AttributionSettings[] settings)
    {
        Initial = initial;
        _from = from;
        _settings = settings;
    }

    /// <summary>The vendor's defaults for all time.</summary>
    public static AttributionSettingsHistory Default { get; } = Of(AttributionSettings.Default);

    /// <summary>The settings in force before the first change.</summary>
    public AttributionSettings Initial { get; }

    /// <summary>The changes, in time order: from each instant (inclusive) on, its settings apply.</summary>
    public IReadOnlyList<KeyValuePair<Instant, AttributionSettings>> Changes =>
        _from.Select((at, i) => KeyValuePair.Create(at, _settings[i])).ToArray();

    /// <summary>One setting for all time.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The history.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is null.</exception>
    public static AttributionSettingsHistory Of(AttributionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(settings, [], []);
    }

    /// <summary>Settings that change over time.</summary>
    /// <param name="initial">The settings before the first change (the account's defaults when it never set any).</param>
    /// <param name="changes">From each instant on (inclusive), its settings; in time order, one per instant.</param>
    /// <returns>The history.</returns>
    /// <exception cref="ArgumentNullException">An argument or a change's settings is null.</exception>
    /// <exception cref="CustomerAgentException">A change is outside the supported instants (H6), or the changes are not in strictly increasing time order (H1).</exception>
    public static AttributionSettingsHistory Create(AttributionSettings initial, IEnumerable<KeyValuePair<Instant, AttributionSettings>> changes)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(changes);
        var list = changes.ToArray();
        var from = new Instant[list.Length];
        var settings = new AttributionSettings[list.Length];
        for (var i = 0; i < list.Length; i++)
        {
            from[i] = Preconditions.CheckInstant(list[i].Key, $"changes[{i}].at");
            settings[i] = list[i].Value ?? throw new ArgumentNullException(nameof(changes), $"changes[{i}] has no settings");
            if (i > 0 && from[i] <= from[i - 1])
            {
                throw new CustomerAgentException("H1", $"changes[{i}].at", Preconditions.Format(from[i]), $"is not after the previous change at {Preconditions.Format(from[i - 1])}; settings change in time order, once per instant");
            }
        }

        return new(initial, from, settings);
    }

    /// <summary>The settings in force at <paramref name="instant"/>: the latest change at or before it, else <see cref="Initial"/>.</summary>
    /// <param name="instant">The instant (an order's placement).</param>
    /// <returns>The settings.</returns>
    public AttributionSettings At(Instant instant)
    {
        var i = Array.BinarySearch(_from, instant);
        i = i >= 0 ? i : ~i - 1;
        return i < 0 ? Initial : _settings[i];
    }

    /// <summary>H1: an account's settings change in time order; a change earlier than the one before it is rejected.</summary>
    /// <param name="previous">When the previous settings took effect.</param>
    /// <param name="next">When the next settings take effect.</param>
    /// <exception cref="CustomerAgentException"><paramref name="next"/> is before <paramref name="previous"/> (H1).</exception>
    internal static void CheckInOrder(Instant previous, Instant next)
    {
        if (next < previous)
        {
            throw new CustomerAgentException("H1", "at", Preconditions.Format(next), $"is earlier than the account's previous settings at {Preconditions.Format(previous)}; settings lines are in time order");
        }
    }

    /// <summary>Whether the settings ever change (else <see cref="Initial"/> holds for all time).</summary>
    internal bool HasChanges => _from.Length > 0;

    /// <summary>The distinct settings, each with the indexes of <paramref name="orders"/> placed while it was in force.</summary>
    internal IEnumerable<(AttributionSettings Settings, bool[] Orders)> Partition(Order[] orders)
    {
        var groups = new Dictionary<AttributionSettings, bool[]>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < orders.Length; i++)
        {
            var settings = At(orders[i].PlacedAt);
            if (!groups.TryGetValue(settings, out var member))
            {
                groups.Add(settings, member = new bool[orders.Length]);
            }

            member[i] = true;
        }

        foreach (var (settings, member) in groups)
        {
            yield return (settings, member);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"AttributionSettingsHistory({Initial}, {_from.Length} changes)";
}
