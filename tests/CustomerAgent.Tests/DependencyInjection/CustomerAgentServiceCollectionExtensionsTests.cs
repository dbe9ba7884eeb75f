using CustomerAgent.Attribution;
using CustomerAgent.Bulk;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.DependencyInjection;
using CustomerAgent.Events;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.DependencyInjection;

public sealed class CustomerAgentServiceCollectionExtensionsTests
{
    [Fact]
    public void Registers_the_classifier_the_default_policy_and_the_system_clock()
    {
        using var provider = new ServiceCollection().AddCustomerAgent().BuildServiceProvider();

        Assert.Equal(ConversationPolicy.Default, provider.GetRequiredService<IConversationClassifier>().Policy);
        Assert.Same(ConversationPolicy.Default, provider.GetRequiredService<ConversationPolicy>());
        Assert.Same(SystemClock.Instance, provider.GetRequiredService<IClock>());
        Assert.True(provider.GetRequiredService<CustomerAgentOptions>().IsFrozen);
    }

    [Fact]
    public void A_host_clock_registered_first_wins()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 6, 7, 0, 0));
        var services = new ServiceCollection().AddSingleton<IClock>(clock);

        services.AddCustomerAgent().AddCustomerAgent();
        using var provider = services.BuildServiceProvider();

        Assert.Same(clock, provider.GetRequiredService<IClock>());
        Assert.Single(services, d => d.ServiceType == typeof(IConversationClassifier));
        Assert.Single(services, d => d.ServiceType == typeof(ConversationPolicy));
    }

    [Fact]
    public void D1_calling_twice_composes_in_order_and_the_last_value_applies_everywhere()
    {
        var services = new ServiceCollection();
        services.AddCustomerAgent(o => o.AutoCloseAfter = Duration.FromHours(24)).AddCustomerAgent(o => o.AutoCloseAfter = Duration.FromHours(72)).AddCustomerAgent();
        using var provider = services.BuildServiceProvider();

        var h72 = Duration.FromHours(72);
        Assert.Equal(h72, provider.GetRequiredService<ConversationPolicy>().AutoCloseAfter);
        Assert.Equal(h72, provider.GetRequiredService<CustomerAgentOptions>().AutoCloseAfter);
        Assert.Equal(h72, provider.GetRequiredService<IConversationClassifier>().Policy.AutoCloseAfter);
        Assert.Equal(h72, provider.GetRequiredService<BulkStatusClassifier>().Policy.AutoCloseAfter);
    }

    [Fact]
    public void D1_an_invalid_later_call_throws_and_leaves_the_earlier_registration_as_it_was()
    {
        var services = new ServiceCollection().AddCustomerAgent(o => o.AutoCloseAfter = Duration.FromHours(24));
        var before = services.ToList();

        Assert.Equal("OPTIONS", Assert.Throws<CustomerAgentException>(() => services.AddCustomerAgent(o => o.AutoCloseAfter = Duration.Zero)).Rule);

        Assert.Equal(before, services.ToList());
        services.AddCustomerAgent();
        using var provider = services.BuildServiceProvider();
        Assert.Equal(Duration.FromHours(24), provider.GetRequiredService<ConversationPolicy>().AutoCloseAfter);
    }

    [Fact]
    public void The_options_a_container_holds_cannot_change_after_validation()
    {
        CustomerAgentOptions? captured = null;
        using var provider = new ServiceCollection().AddCustomerAgent(o => captured = o).BuildServiceProvider();
        var held = provider.GetRequiredService<CustomerAgentOptions>();

        Assert.Same(captured, held);
        Assert.Throws<InvalidOperationException>(() => held.AutoCloseAfter = Duration.FromHours(1));
        Assert.Equal(ConversationPolicy.DefaultAutoCloseAfter, provider.GetRequiredService<ConversationPolicy>().AutoCloseAfter);
    }

    [Fact]
    public void D1_one_timeout_every_service_of_the_container_gives_the_same_status_and_events()
    {
        // Issue #7 reproduction: with a 1 h timeout, a conversation was Open in the single classifier, Resolved in the bulk one,
        // and its Resolved event never came. Now every service uses the container's policy.
        using var provider = new ServiceCollection().AddCustomerAgent(o => o.AutoCloseAfter = Duration.FromHours(1)).BuildServiceProvider();
        var policy = provider.GetRequiredService<ConversationPolicy>();
        var c = Conversation.Start(Header(), T0, "Where is my order?", policy);
        c.RecordAgentMessage(Min(1), "On its way.", "order-tracking");
        var asOf = Min(1) + Duration.FromHours(1);

        var single = provider.GetRequiredService<IConversationClassifier>().Classify(c, asOf).Status;
        var batch = ConversationBatch.FromConversations(c.Header.AccountId, policy, [c]);
        var bulk = new ConversationStatus[1];
        provider.GetRequiredService<BulkStatusClassifier>().Classify(batch, asOf, bulk);
        var events = provider.GetRequiredService<IMetricEventFactory>().EventsAsOf(c, asOf);

        Assert.Equal(ConversationStatus.ResolvedByAi, single);
        Assert.Equal(single, bulk[0]);
        Assert.Contains(events, e => e.Kind == MetricKind.ConversationResolved && e.Time == asOf);
    }

    [Fact]
    public void D1_a_conversation_started_under_another_policy_is_rejected_loudly_by_every_service()
    {
        using var provider = new ServiceCollection().AddCustomerAgent(o => o.AutoCloseAfter = Duration.FromHours(1)).BuildServiceProvider();
        var c = Started(); // the default 48 h policy, not the container's
        var policy = provider.GetRequiredService<ConversationPolicy>();

        AssertD1(() => provider.GetRequiredService<IConversationClassifier>().Classify(c, Min(5)));
        AssertD1(() => provider.GetRequiredService<IMetricEventFactory>().EventsAsOf(c, Min(5)));
        AssertD1(() => ConversationBatch.FromConversations(c.Header.AccountId, policy, [c]));
        var defaultBatch = ConversationBatch.FromConversations(c.Header.AccountId, ConversationPolicy.Default, [c]);
        AssertD1(() => provider.GetRequiredService<BulkStatusClassifier>().CountByStatus(defaultBatch, Min(5)));

        static void AssertD1(Action call)
        {
            var ex = Assert.Throws<CustomerAgentException>(call);
            Assert.Equal("D1", ex.Rule);
            Assert.Contains("policy", ex.Field, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Invalid_options_are_rejected_once_with_one_message_and_nothing_registered()
    {
        var services = new ServiceCollection();

        var ex = Assert.Throws<CustomerAgentException>(() => services.AddCustomerAgent(o => o.AutoCloseAfter = Duration.FromHours(-1)));

        Assert.Equal("OPTIONS", ex.Rule);
        Assert.Contains("AutoCloseAfter = '-0:01:00:00'", ex.Message, StringComparison.Ordinal);
        Assert.Empty(services);
    }

    [Fact]
    public void Null_services_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => CustomerAgentServiceCollectionExtensions.AddCustomerAgent(null!));
    }

    [Fact]
    public void The_injected_clock_drives_classification_as_of_now()
    {
        var clock = new FakeClock(T0);
        using var provider = new ServiceCollection().AddSingleton<IClock>(clock).AddCustomerAgent().BuildServiceProvider();
        var classifier = provider.GetRequiredService<IConversationClassifier>();
        var now = provider.GetRequiredService<IClock>();
        var c = Started();
        c.RecordAgentMessage(T0, "Hello!", "general-qa");

        Assert.Equal(ConversationStatus.Open, classifier.Classify(c, now.GetCurrentInstant()).Status);
        clock.Advance(Duration.FromHours(48));
        Assert.Equal(ConversationStatus.ResolvedByAi, classifier.Classify(c, now.GetCurrentInstant()).Status);
    }

    [Fact]
    public void R16_R17_attribution_settings_come_from_the_options_and_every_calculator_uses_them()
    {
        var settings = AttributionSettings.Create(webChatWindow: Duration.FromHours(12));
        using var provider = new ServiceCollection().AddCustomerAgent(o => o.Attribution = settings).BuildServiceProvider();

        Assert.Same(settings, provider.GetRequiredService<AttributionSettings>());
        Assert.Same(settings, provider.GetRequiredService<WebChatAttributionCalculator>().Settings);
        Assert.Same(settings, provider.GetRequiredService<SmsLastTouchAttributionCalculator>().Settings);
        Assert.Same(provider.GetRequiredService<AiGeneratedSalesCalculator>(), provider.GetRequiredService<IAttributionCalculator>());
        Assert.Same(settings, provider.GetRequiredService<AiGeneratedSalesCalculator>().Settings);
    }

    [Fact]
    public void R17_missing_attribution_settings_are_an_options_problem()
    {
        var ex = Assert.Throws<CustomerAgentException>(() => new ServiceCollection().AddCustomerAgent(o => o.Attribution = null!));
        Assert.Equal("OPTIONS", ex.Rule);
        Assert.Contains("Attribution", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void D1_R13_R18_the_dashboard_services_are_built_on_the_containers_policy()
    {
        using var provider = new ServiceCollection().AddCustomerAgent(o => o.AutoCloseAfter = Duration.FromHours(6)).BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<IOverviewDashboard>());
        Assert.NotNull(provider.GetRequiredService<IConversationQuery>());
        Assert.Equal(Duration.FromHours(6), provider.GetRequiredService<BulkDashboard>().Policy.AutoCloseAfter);
    }
}
