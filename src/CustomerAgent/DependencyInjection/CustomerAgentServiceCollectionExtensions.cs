using CustomerAgent.Attribution;
using CustomerAgent.Bulk;
using CustomerAgent.Classification;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.Events;
using CustomerAgent.Segments;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CustomerAgent.DependencyInjection;

/// <summary>Registers the SDK's services in a host's container.</summary>
public static class CustomerAgentServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SDK: the frozen <see cref="CustomerAgentOptions"/>, the one <see cref="ConversationPolicy"/> built from them,
    /// and, built on that policy, the <see cref="IConversationClassifier"/>, the <see cref="IMetricEventFactory"/>, the
    /// <see cref="BulkStatusClassifier"/>; the <see cref="AttributionSettings"/> of the options and, built on them, the
    /// attribution calculators (<see cref="IAttributionCalculator"/> is the composite <see cref="AiGeneratedSalesCalculator"/>);
    /// the <see cref="IOverviewDashboard"/>, the <see cref="IConversationQuery"/> and the <see cref="BulkDashboard"/> (on the
    /// classifier and the policy); the <see cref="IDataCollectionSwitch"/>; and an <see cref="IClock"/>
    /// (<see cref="SystemClock.Instance"/> unless one is already registered).
    /// </summary>
    /// <remarks>
    /// <para><b>One timeout everywhere.</b> Every service is built from the registered policy, so a conversation gets the same status
    /// and the same events from all of them. Start conversations with that policy (resolve <see cref="ConversationPolicy"/>); a
    /// conversation started under another is rejected by every service (D1).</para>
    /// <para><b>Calling it more than once composes</b>, as <c>services.Configure</c> does: the options are rebuilt from the
    /// defaults by running every call's <paramref name="configure"/> in call order (so a later call's value wins), validated,
    /// frozen, and the options and policy registrations are replaced. A call whose result is invalid throws and changes nothing.
    /// The services (classifier, factory, bulk classifier, switch, clock) are added with <c>TryAdd</c>, so a host's own
    /// registrations win; they read the policy from the container, so they always follow the last valid call.</para>
    /// </remarks>
    /// <param name="services">The container.</param>
    /// <param name="configure">Changes to the default options; omit for the vendor's defaults.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The options are invalid; the message lists every problem. Nothing is registered or changed.</exception>
    public static IServiceCollection AddCustomerAgent(this IServiceCollection services, Action<CustomerAgentOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var previous = services.LastOrDefault(d => d.ServiceType == typeof(Registration))?.ImplementationInstance as Registration;
        var configures = previous is null ? [configure] : previous.Configures.Append(configure).ToArray();
        var options = Build(configures);
        var policy = ConversationPolicy.Create(options.AutoCloseAfter);

        services.Replace(ServiceDescriptor.Singleton(new Registration(configures)));
        services.Replace(ServiceDescriptor.Singleton(options));
        services.Replace(ServiceDescriptor.Singleton(policy));
        services.Replace(ServiceDescriptor.Singleton(options.Attribution));
        services.Replace(ServiceDescriptor.Singleton(options.FollowUp));
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.TryAddSingleton<IConversationClassifier>(static sp => new ConversationClassifier(sp.GetRequiredService<ConversationPolicy>()));
        services.TryAddSingleton<IMetricEventFactory>(static sp => new MetricEventFactory(sp.GetRequiredService<IConversationClassifier>()));
        services.TryAddSingleton<IDataCollectionSwitch>(DataCollectionSwitch.Instance);
        services.TryAddSingleton(static sp => new BulkStatusClassifier(sp.GetRequiredService<ConversationPolicy>()));
        services.TryAddSingleton(static sp => new WebChatAttributionCalculator(sp.GetRequiredService<AttributionSettings>()));
        services.TryAddSingleton(static sp => new SmsLastTouchAttributionCalculator(sp.GetRequiredService<AttributionSettings>()));
        services.TryAddSingleton(static sp => new AiGeneratedSalesCalculator(sp.GetRequiredService<AttributionSettings>()));
        services.TryAddSingleton<IAttributionCalculator>(static sp => sp.GetRequiredService<AiGeneratedSalesCalculator>());
        services.TryAddSingleton<IAccountAttribution>(static sp => new AccountAttribution(sp.GetRequiredService<CustomerAgentOptions>()));
        services.TryAddSingleton<IOverviewDashboard>(static sp => new OverviewDashboard(sp.GetRequiredService<IConversationClassifier>()));
        services.TryAddSingleton<IConversationQuery>(static sp => new ConversationQuery(sp.GetRequiredService<IConversationClassifier>()));
        services.TryAddSingleton(static sp => new BulkDashboard(sp.GetRequiredService<ConversationPolicy>()));
        services.TryAddSingleton<ISegmentEvaluator>(SegmentEvaluator.Default);
        services.TryAddSingleton<IFollowUpFlow>(static sp => new FollowUpFlow(sp.GetRequiredService<FollowUpFlowSettings>()));
        return services;
    }

    /// <summary>Defaults, then every call's action in order, then one validation with every problem; frozen when valid.</summary>
    private static CustomerAgentOptions Build(IReadOnlyList<Action<CustomerAgentOptions>?> configures)
    {
        var options = new CustomerAgentOptions();
        foreach (var configure in configures)
        {
            configure?.Invoke(options);
        }

        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new CustomerAgentException("OPTIONS", nameof(CustomerAgentOptions), $"{problems.Count} problem(s)", "is invalid: " + string.Join("; ", problems));
        }

        options.Freeze();
        return options;
    }

    /// <summary>The configure actions of every call so far, kept in the container so that a later call can compose with them.</summary>
    private sealed class Registration(Action<CustomerAgentOptions>?[] configures)
    {
        internal IReadOnlyList<Action<CustomerAgentOptions>?> Configures { get; } = configures;
    }
}
