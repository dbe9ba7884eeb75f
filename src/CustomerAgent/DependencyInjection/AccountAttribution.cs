using System.Collections.Concurrent;
using CustomerAgent.Attribution;
using CustomerAgent.Conversations;

namespace CustomerAgent.DependencyInjection;

/// <summary>
/// The AI-generated sales calculator of each account (R15 4, R16, R17), from the container's one
/// <see cref="CustomerAgentOptions"/>: an account's own settings over time when set (<see cref="CustomerAgentOptions.SetAttribution"/>),
/// else the common <see cref="CustomerAgentOptions.Attribution"/>. A host with several accounts resolves this instead of building
/// calculators itself, so no two services can judge one account's orders by different settings.
/// </summary>
public interface IAccountAttribution
{
    /// <summary>The calculator of <paramref name="accountId"/> (the same instance for every call).</summary>
    /// <param name="accountId">The account.</param>
    /// <returns>Its calculator.</returns>
    /// <exception cref="CustomerAgentException">The account is <c>default</c> (ID).</exception>
    IAttributionCalculator CalculatorFor(AccountId accountId);
}

/// <summary>The container's <see cref="IAccountAttribution"/>. Thread-safe.</summary>
internal sealed class AccountAttribution(CustomerAgentOptions options) : IAccountAttribution
{
    private readonly ConcurrentDictionary<AccountId, IAttributionCalculator> _calculators = new();

    public IAttributionCalculator CalculatorFor(AccountId accountId)
    {
        AccountId.CheckSet(accountId);
        return _calculators.GetOrAdd(accountId, static (account, o) => new AiGeneratedSalesCalculator(o.AttributionFor(account)), options);
    }
}
