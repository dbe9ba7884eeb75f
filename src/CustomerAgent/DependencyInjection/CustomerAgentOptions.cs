using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.DependencyInjection;

/// <summary>
/// Options for <see cref="CustomerAgentServiceCollectionExtensions.AddCustomerAgent"/>. Every default is the vendor's rule;
/// the options are validated once, at registration, and every problem is reported in one message.
/// </summary>
public sealed class CustomerAgentOptions
{
    /// <summary>
    /// How long after its last message a conversation closes by itself (R2 c, D1).
    /// Default: 48 hours. Must be positive and at most <see cref="ConversationPolicy.MaxAutoCloseAfter"/> (30 days).
    /// </summary>
    public Duration AutoCloseAfter { get; set; } = ConversationPolicy.DefaultAutoCloseAfter;

    /// <summary>Checks every option and returns all problems found (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (AutoCloseAfter <= Duration.Zero || AutoCloseAfter > ConversationPolicy.MaxAutoCloseAfter)
        {
            problems.Add($"AutoCloseAfter = '{Preconditions.Format(AutoCloseAfter)}' must be positive and at most {Preconditions.Format(ConversationPolicy.MaxAutoCloseAfter)} (D1)");
        }

        return problems;
    }
}
