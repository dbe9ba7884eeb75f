using NodaTime;

namespace CustomerAgent.Segments;

/// <summary>Whether a profile enters the follow-up flow again (R22).</summary>
public enum FollowUpReEntry
{
    /// <summary>Every recommendation enters the flow (the default): each is a moment to follow up on; the quiet period keeps one conversation's several cards from sending several follow-ups.</summary>
    EveryTrigger = 0,

    /// <summary>A recommendation enters only when the profile is not already waiting in the flow (entered, not yet sent nor exited by an order).</summary>
    WhenNotInFlow = 1,

    /// <summary>A profile enters the flow once, ever.</summary>
    Once = 2,
}

/// <summary>What a follow-up is sent by.</summary>
public enum FollowUpChannel
{
    /// <summary>An email (the events guide's follow-up): a profile without an email address is skipped.</summary>
    Email = 0,

    /// <summary>An SMS: a profile without a phone number is skipped.</summary>
    Sms = 1,
}

/// <summary>
/// The follow-up flow's settings (R22). Defaults: the follow-up 2 hours after the recommendation (the events guide), every
/// recommendation enters (<see cref="FollowUpReEntry.EveryTrigger"/>), a follow-up is skipped when the profile got one less
/// than 16 hours before (the vendor's default Smart Sending window for email), sent by email (the guide's follow-up is an
/// email).
/// </summary>
/// <remarks>Immutable and thread-safe; <see cref="Create"/> validates every field and reports every problem in one message.</remarks>
public sealed class FollowUpFlowSettings : IEquatable<FollowUpFlowSettings>
{
    /// <summary>The default delay: 2 hours (R22).</summary>
    public static readonly Duration DefaultDelay = Duration.FromHours(2);

    /// <summary>The default quiet period: 16 hours.</summary>
    public static readonly Duration DefaultQuietPeriod = Duration.FromHours(16);

    /// <summary>The longest delay or quiet period: 30 days.</summary>
    public static readonly Duration MaxDuration = Duration.FromDays(30);

    private FollowUpFlowSettings(Duration delay, FollowUpReEntry reEntry, Duration quietPeriod, FollowUpChannel channel)
    {
        Delay = delay;
        ReEntry = reEntry;
        QuietPeriod = quietPeriod;
        Channel = channel;
    }

    /// <summary>The defaults.</summary>
    public static FollowUpFlowSettings Default { get; } = new(DefaultDelay, FollowUpReEntry.EveryTrigger, DefaultQuietPeriod, FollowUpChannel.Email);

    /// <summary>How long after the recommendation the follow-up is sent.</summary>
    public Duration Delay { get; }

    /// <summary>Whether a profile enters again.</summary>
    public FollowUpReEntry ReEntry { get; }

    /// <summary>A follow-up is skipped when the profile's previous follow-up is less than this before it; zero sends every one.</summary>
    public Duration QuietPeriod { get; }

    /// <summary>What the follow-up is sent by.</summary>
    public FollowUpChannel Channel { get; }

    /// <summary>Validated settings; an omitted argument takes its default.</summary>
    /// <param name="delay">From 1 minute to 30 days; default 2 hours.</param>
    /// <param name="reEntry">Default <see cref="FollowUpReEntry.EveryTrigger"/>.</param>
    /// <param name="quietPeriod">From zero to 30 days; default 16 hours.</param>
    /// <param name="channel">Default <see cref="FollowUpChannel.Email"/>.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="CustomerAgentException">A value is out of range or undefined; the message lists every problem (R22).</exception>
    public static FollowUpFlowSettings Create(Duration? delay = null, FollowUpReEntry reEntry = FollowUpReEntry.EveryTrigger, Duration? quietPeriod = null, FollowUpChannel channel = FollowUpChannel.Email)
    {
        var d = delay ?? DefaultDelay;
        var q = quietPeriod ?? DefaultQuietPeriod;
        var problems = new List<string>();
        if (d < Duration.FromMinutes(1) || d > MaxDuration)
        {
            problems.Add($"delay = '{Preconditions.Format(d)}' must be from 1 minute to 30 days");
        }

        if (q < Duration.Zero || q > MaxDuration)
        {
            problems.Add($"quietPeriod = '{Preconditions.Format(q)}' must be from zero to 30 days");
        }

        if (reEntry is < FollowUpReEntry.EveryTrigger or > FollowUpReEntry.Once)
        {
            problems.Add($"reEntry = '{reEntry}' is not a defined FollowUpReEntry value");
        }

        if (channel is < FollowUpChannel.Email or > FollowUpChannel.Sms)
        {
            problems.Add($"channel = '{channel}' is not a defined FollowUpChannel value");
        }

        if (problems.Count > 0)
        {
            throw new CustomerAgentException("R22", "followUp", null, "has invalid settings: " + string.Join("; ", problems));
        }

        return new(d, reEntry, q, channel);
    }

    /// <inheritdoc/>
    public bool Equals(FollowUpFlowSettings? other) =>
        other is not null && Delay == other.Delay && ReEntry == other.ReEntry && QuietPeriod == other.QuietPeriod && Channel == other.Channel;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FollowUpFlowSettings);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Delay, ReEntry, QuietPeriod, Channel);

    /// <summary>The settings in words.</summary>
    public override string ToString() =>
        $"FollowUpFlowSettings(delay {Preconditions.Format(Delay)}, re-entry {ReEntry}, quiet period {Preconditions.Format(QuietPeriod)}, by {Channel})";
}
