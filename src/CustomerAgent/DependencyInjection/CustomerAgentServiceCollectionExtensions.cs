using CustomerAgent.Bulk;
using CustomerAgent.Classification;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using CustomerAgent.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace CustomerAgent.DependencyInjection;

/// <summary>Registers the SDK's services in a host's container.</summary>
public static class CustomerAgentServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SDK: the <see cref="ConversationPolicy"/> built from the options, the <see cref="IConversationClassifier"/>,
    /// the <see cref="IMetricEventFactory"/> (built on the registered classifier), the <see cref="IDataCollectionSwitch"/>, the <see cref="BulkStatusClassifier"/> (with the options' auto-close timeout), and an <see cref="IClock"/> (<see cref="SystemClock.Instance"/> unless one is already registered). Every registration uses
    /// <c>TryAdd</c>, so a host's own registrations win and calling this twice is harmless.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="configure">Changes to the default options; omit for the vendor's defaults.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The options are invalid; the message lists every problem.</exception>
    public static IServiceCollection AddCustomerAgent(this IServiceCollection services, Action<CustomerAgentOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new CustomerAgentOptions();
        configure?.Invoke(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new CustomerAgentException("OPTIONS", nameof(CustomerAgentOptions), $"{problems.Count} problem(s)", "is invalid: " + string.Join("; ", problems));
        }

        var policy = ConversationPolicy.Create(options.AutoCloseAfter);
        services.TryAddSingleton(options);
        services.TryAddSingleton(policy);
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.TryAddSingleton<IConversationClassifier>(ConversationClassifier.Instance);
        services.TryAddSingleton<IMetricEventFactory>(static sp => new MetricEventFactory(sp.GetRequiredService<IConversationClassifier>()));
        services.TryAddSingleton<IDataCollectionSwitch>(DataCollectionSwitch.Instance);
        services.TryAddSingleton(policy == ConversationPolicy.Default ? BulkStatusClassifier.Default : new BulkStatusClassifier(policy.AutoCloseAfter));
        return services;
    }
}
