using NodaTime;

namespace CustomerAgent.Attribution;

/// <summary>One touchpoint's attribution setting (R17): switched on with a window, or off.</summary>
/// <remarks>
/// Immutable and thread-safe. <c>default(TouchpointSetting)</c> is <see cref="Off"/>. A window is checked when the
/// settings are built (<see cref="AttributionSettings.Create"/>), together with every other setting, so one message lists every problem.
/// </remarks>
public readonly struct TouchpointSetting : IEquatable<TouchpointSetting>
{
    private TouchpointSetting(bool enabled, Duration window)
    {
        Enabled = enabled;
        Window = window;
    }

    /// <summary>The touchpoint switched off: its touches never win the last touch.</summary>
    public static TouchpointSetting Off => default;

    /// <summary>Whether the touchpoint's touches can win the last touch.</summary>
    public bool Enabled { get; }

    /// <summary>How long after the touch an order is still attributed to it (inclusive); zero when off.</summary>
    public Duration Window { get; }

    /// <summary>The touchpoint switched on with <paramref name="window"/>.</summary>
    /// <param name="window">Positive and at most <see cref="AttributionSettings.MaxWindow"/> (checked by <see cref="AttributionSettings.Create"/>).</param>
    public static TouchpointSetting On(Duration window) => new(true, window);

    /// <inheritdoc/>
    public bool Equals(TouchpointSetting other) => Enabled == other.Enabled && Window == other.Window;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TouchpointSetting other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Enabled, Window);

    /// <summary><c>on (window)</c> or <c>off</c>.</summary>
    public override string ToString() => Enabled ? $"on ({Preconditions.Format(Window)})" : "off";

    /// <summary>Same switch and window.</summary>
    public static bool operator ==(TouchpointSetting left, TouchpointSetting right) => left.Equals(right);

    /// <summary>Different switch or window.</summary>
    public static bool operator !=(TouchpointSetting left, TouchpointSetting right) => !left.Equals(right);
}
