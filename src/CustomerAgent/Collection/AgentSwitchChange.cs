using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Collection;

/// <summary>The merchant enabled or disabled the agent on one channel at an instant (R12). The change applies from <see cref="At"/> on (inclusive).</summary>
/// <param name="At">When the change took effect.</param>
/// <param name="Channel">The channel it applies to.</param>
/// <param name="Enabled">Whether the agent is live on the channel from then on.</param>
public readonly record struct AgentSwitchChange(Instant At, Channel Channel, bool Enabled);
