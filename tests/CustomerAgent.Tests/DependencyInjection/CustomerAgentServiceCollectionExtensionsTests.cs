using CustomerAgent.Bulk;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CustomerAgent.Tests.DependencyInjection;

public sealed class CustomerAgentServiceCollectionExtensionsTests
{
    [Fact]
    public void Registers_the_classifier_the_default_policy_and_the_system_clock()
    {
        using var provider = new ServiceCollection().AddCustomerAgent().BuildServiceProvider();

        Assert.Same(ConversationClassifier.Instance, provider.GetRequiredService<IConversationClassifier>());
        Assert.Same(ConversationPolicy.Default, provider.GetRequiredService<ConversationPolicy>());
        Assert.Same(SystemClock.Instance, provider.GetRequiredService<IClock>());
    }

    [Fact]
    public void A_host_clock_registered_first_wins_and_a_second_call_changes_nothing()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 6, 7, 0, 0));
        var services = new ServiceCollection().AddSingleton<IClock>(clock);

        services.AddCustomerAgent().AddCustomerAgent(o => o.AutoCloseAfter = Duration.FromHours(1));
        using var provider = services.BuildServiceProvider();

        Assert.Same(clock, provider.GetRequiredService<IClock>());
        Assert.Equal(Duration.FromHours(48), provider.GetRequiredService<ConversationPolicy>().AutoCloseAfter);
        Assert.Single(services, d => d.ServiceType == typeof(IConversationClassifier));
    }

    [Fact]
    public void D1_configured_auto_close_becomes_the_policy()
    {
        using var provider = new ServiceCollection().AddCustomerAgent(o => o.AutoCloseAfter = Duration.FromHours(24)).BuildServiceProvider();

        Assert.Equal(Duration.FromHours(24), provider.GetRequiredService<ConversationPolicy>().AutoCloseAfter);
        Assert.Equal(Duration.FromHours(24), provider.GetRequiredService<BulkStatusClassifier>().AutoCloseAfter);
    }

    [Fact]
    public void D1_the_default_bulk_classifier_is_registered_with_the_48_hour_timeout()
    {
        using var provider = new ServiceCollection().AddCustomerAgent().BuildServiceProvider();

        Assert.Same(BulkStatusClassifier.Default, provider.GetRequiredService<BulkStatusClassifier>());
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
        var clock = new FakeClock(TestData.T0);
        using var provider = new ServiceCollection().AddSingleton<IClock>(clock).AddCustomerAgent().BuildServiceProvider();
        var classifier = provider.GetRequiredService<IConversationClassifier>();
        var now = provider.GetRequiredService<IClock>();
        var c = TestData.Started();
        c.RecordAgentMessage(TestData.T0, "Hello!", "general-qa");

        Assert.Equal(ConversationStatus.Open, classifier.Classify(c, now.GetCurrentInstant()).Status);
        clock.Advance(Duration.FromHours(48));
        Assert.Equal(ConversationStatus.ResolvedByAi, classifier.Classify(c, now.GetCurrentInstant()).Status);
    }
}
