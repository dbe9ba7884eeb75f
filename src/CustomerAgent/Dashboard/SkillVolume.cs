namespace CustomerAgent.Dashboard;

/// <summary>The volume of one skill in the period (the vendor's skill values report): counted per invocation, so one conversation that runs several skills counts under each.</summary>
/// <remarks>Immutable and thread-safe; built by <see cref="DashboardAccumulator"/>.</remarks>
public sealed record SkillVolume
{
    internal SkillVolume(string skill, long volume)
    {
        Skill = skill;
        Volume = volume;
    }

    /// <summary>The skill.</summary>
    public string Skill { get; }

    /// <summary>Its invocations in the cohort's conversations (at least 1).</summary>
    public long Volume { get; }
}
