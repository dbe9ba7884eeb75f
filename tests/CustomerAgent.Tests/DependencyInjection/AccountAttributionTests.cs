using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using CustomerAgent.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CustomerAgent.Tests.DependencyInjection;

/// <summary>R17: attribution settings are per account, in the container too (one front door for a host with several accounts).</summary>
public sealed class AccountAttributionTests
{
    private static readonly AccountId Acme = AccountId.From("acme");
    private static readonly AccountId Globex = AccountId.From("globex");
    private static readonly Instant T0 = Instant.FromUtc(2026, 6, 1, 10, 0);

    private static (Order Order, AttributionEvidence Evidence) ClickThenOrder(AccountId account, Duration gap)
    {
        var ann = ShopperIdentity.Create(account, email: "ann@example.com");
        var click = ProductCardClick.Create(ann, ConversationId.From("c1"), T0, "SKU-1");
        var order = Order.Create("o-1", ann, T0 + gap, Money.Of(10m, "EUR"), ["SKU-1"]);
        return (order, AttributionEvidence.Create(clicks: [click]));
    }

    [Fact]
    public void R17_each_account_is_judged_by_its_own_settings_and_others_by_the_common_ones()
    {
        var twoHours = AttributionSettings.Create(webChatWindow: Duration.FromHours(2));
        using var provider = new ServiceCollection()
            .AddCustomerAgent(o => o.SetAttribution(Acme, AttributionSettingsHistory.Of(twoHours)))
            .BuildServiceProvider();
        var accounts = provider.GetRequiredService<IAccountAttribution>();

        var (acmeOrder, acmeEvidence) = ClickThenOrder(Acme, Duration.FromHours(3));
        var (globexOrder, globexEvidence) = ClickThenOrder(Globex, Duration.FromHours(3));

        Assert.Empty(accounts.CalculatorFor(Acme).Attribute([acmeOrder], acmeEvidence).Orders); // 3 h > acme's 2 h window
        Assert.Single(accounts.CalculatorFor(Globex).Attribute([globexOrder], globexEvidence).Orders); // the common 24 h
        Assert.Same(accounts.CalculatorFor(Acme), accounts.CalculatorFor(Acme));
    }

    [Fact]
    public void R17_settings_over_time_in_the_container_judge_each_order_by_those_in_force_when_placed()
    {
        var change = T0 + Duration.FromHours(1);
        var history = AttributionSettingsHistory.Create(AttributionSettings.Default, [KeyValuePair.Create(change, AttributionSettings.Create(webChatWindow: Duration.FromMinutes(30)))]);
        using var provider = new ServiceCollection().AddCustomerAgent(o => o.SetAttribution(Acme, history)).BuildServiceProvider();
        var calculator = provider.GetRequiredService<IAccountAttribution>().CalculatorFor(Acme);

        var (before, evidence) = ClickThenOrder(Acme, Duration.FromMinutes(45)); // placed before the change: 24 h window
        Assert.Single(calculator.Attribute([before], evidence).Orders);
        var (after, evidence2) = ClickThenOrder(Acme, Duration.FromMinutes(75)); // placed after it: 30 min window
        Assert.Empty(calculator.Attribute([after], evidence2).Orders);
    }

    [Fact]
    public void Options_reject_a_default_account_and_changes_once_frozen()
    {
        Assert.Equal("ID", Assert.Throws<CustomerAgentException>(() => new CustomerAgentOptions().SetAttribution(default, AttributionSettingsHistory.Default)).Rule);
        using var provider = new ServiceCollection().AddCustomerAgent().BuildServiceProvider();
        var options = provider.GetRequiredService<CustomerAgentOptions>();
        Assert.Throws<InvalidOperationException>(() => options.SetAttribution(Acme, AttributionSettingsHistory.Default));
        Assert.Same(AttributionSettings.Default, options.AttributionFor(Acme).Initial);
        Assert.Equal("ID", Assert.Throws<CustomerAgentException>(() => provider.GetRequiredService<IAccountAttribution>().CalculatorFor(default)).Rule);
    }

    [Fact]
    public void R17_R22_every_setter_refuses_a_change_once_frozen_and_the_arguments_are_named()
    {
        using var provider = new ServiceCollection().AddCustomerAgent().BuildServiceProvider();
        var options = provider.GetRequiredService<CustomerAgentOptions>();
        Assert.Throws<InvalidOperationException>(() => options.Attribution = AttributionSettings.Default);
        Assert.Throws<InvalidOperationException>(() => options.FollowUp = CustomerAgent.Segments.FollowUpFlowSettings.Default);
        Assert.Equal("history", Assert.Throws<ArgumentNullException>(() => new CustomerAgentOptions().SetAttribution(Acme, null!)).ParamName);
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => CustomerAgentServiceCollectionExtensions.AddCustomerAgent(null!)).ParamName);
        var open = new CustomerAgentOptions { FollowUp = CustomerAgent.Segments.FollowUpFlowSettings.Create(delay: Duration.FromHours(3)) };
        Assert.Equal(Duration.FromHours(3), open.FollowUp.Delay);
        Assert.False(open.IsFrozen);
    }
}
