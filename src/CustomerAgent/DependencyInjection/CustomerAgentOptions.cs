using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.DependencyInjection;

/// <summary>
/// Options for <see cref="CustomerAgentServiceCollectionExtensions.AddCustomerAgent"/>. Every default is the vendor's rule;
/// the options are validated once, at registration, with every problem reported in one message, and then frozen: the
/// instance a container holds can never change.
/// </summary>
public sealed class CustomerAgentOptions
{
    private Duration _autoCloseAfter = ConversationPolicy.DefaultAutoCloseAfter;

    /// <summary>
    /// How long after its last message a conversation closes by itself (R2 c, D1): the one timeout of every service the
    /// container resolves (the registered <see cref="ConversationPolicy"/>).
    /// Default: 48 hours. Must be from <see cref="ConversationPolicy.MinAutoCloseAfter"/> (1 minute) to <see cref="ConversationPolicy.MaxAutoCloseAfter"/> (30 days).
    /// </summary>
    /// <exception cref="InvalidOperationException">Set after the options were validated and frozen by <c>AddCustomerAgent</c>.</exception>
    public Duration AutoCloseAfter
    {
        get => _autoCloseAfter;
        set
        {
            ThrowIfFrozen();
            _autoCloseAfter = value;
        }
    }

    /// <summary>Whether the options were validated and frozen (they are, once <c>AddCustomerAgent</c> registered them).</summary>
    public bool IsFrozen { get; private set; }

    /// <summary>Checks every option and returns all problems found (empty when valid).</summary>
    /// <returns>One line per problem.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ConversationPolicy.ProblemWith(AutoCloseAfter) is { } problem)
        {
            problems.Add($"AutoCloseAfter = '{Preconditions.Format(AutoCloseAfter)}' {problem} (D1)");
        }

        return problems;
    }

    /// <summary>Validated options become read-only.</summary>
    internal void Freeze() => IsFrozen = true;

    private void ThrowIfFrozen()
    {
        if (IsFrozen)
        {
            throw new InvalidOperationException("CustomerAgentOptions were validated and registered; they cannot change. Configure them in AddCustomerAgent(options => ...).");
        }
    }
}
