using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using CustomerAgent.Segments;
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
    private AttributionSettings _attribution = AttributionSettings.Default;
    private FollowUpFlowSettings _followUp = FollowUpFlowSettings.Default;

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

    private readonly Dictionary<AccountId, AttributionSettingsHistory> _accountAttribution = [];

    /// <summary>
    /// The account's attribution settings (R16, R17): the web chat click window and, per touchpoint, on/off and window.
    /// Default: the vendor's public defaults (<see cref="AttributionSettings.Default"/>). Build other settings with
    /// <see cref="AttributionSettings.Create"/>, which validates them and reports every problem in one message.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set after the options were validated and frozen by <c>AddCustomerAgent</c>.</exception>
    public AttributionSettings Attribution
    {
        get => _attribution;
        set
        {
            ThrowIfFrozen();
            _attribution = value;
        }
    }

    /// <summary>
    /// The follow-up flow's settings (R22): the delay, re-entry, quiet period and channel of the registered
    /// <see cref="IFollowUpFlow"/>. Default: <see cref="FollowUpFlowSettings.Default"/> (2 hours, every recommendation enters,
    /// 16 hours quiet, by email). Build others with <see cref="FollowUpFlowSettings.Create"/>, which validates them.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set after the options were validated and frozen by <c>AddCustomerAgent</c>.</exception>
    public FollowUpFlowSettings FollowUp
    {
        get => _followUp;
        set
        {
            ThrowIfFrozen();
            _followUp = value;
        }
    }

    /// <summary>
    /// Attribution settings per account (R17 makes them per account), each over time (<see cref="AttributionSettingsHistory"/>:
    /// an order is judged by those in force when it was placed); an account not listed uses <see cref="Attribution"/>.
    /// Read them with <see cref="AttributionFor"/>; set them with <see cref="SetAttribution"/>.
    /// </summary>
    public IReadOnlyDictionary<AccountId, AttributionSettingsHistory> AccountAttribution => _accountAttribution.AsReadOnly();

    /// <summary>Gives <paramref name="accountId"/> its own attribution settings over time (the last call for an account wins).</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="history">Its settings over time (<see cref="AttributionSettingsHistory.Of"/> for one setting).</param>
    /// <returns>These options, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The account is <c>default</c> (ID).</exception>
    /// <exception cref="InvalidOperationException">The options were validated and frozen by <c>AddCustomerAgent</c>.</exception>
    public CustomerAgentOptions SetAttribution(AccountId accountId, AttributionSettingsHistory history)
    {
        ThrowIfFrozen();
        AccountId.CheckSet(accountId);
        ArgumentNullException.ThrowIfNull(history);
        _accountAttribution[accountId] = history;
        return this;
    }

    /// <summary>The attribution settings over time of <paramref name="accountId"/>: its own, else <see cref="Attribution"/> for all time.</summary>
    /// <param name="accountId">The account.</param>
    /// <returns>The settings over time.</returns>
    public AttributionSettingsHistory AttributionFor(AccountId accountId) =>
        _accountAttribution.TryGetValue(accountId, out var history) ? history : AttributionSettingsHistory.Of(Attribution);

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

        if (Attribution is null)
        {
            problems.Add("Attribution = <null> must be set (AttributionSettings.Default for the vendor's defaults) (R17)");
        }

        if (FollowUp is null)
        {
            problems.Add("FollowUp = <null> must be set (FollowUpFlowSettings.Default for the defaults) (R22)");
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
