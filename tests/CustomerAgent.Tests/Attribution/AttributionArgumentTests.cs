using CustomerAgent.Attribution;
using NodaTime;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.Attribution;

/// <summary>
/// Arguments and texts of the attribution settings, their history and the period extension: each refusal names its rule and
/// field (R13, R17, H1, H6), and the descriptions name every touchpoint and change.
/// </summary>
public sealed class AttributionArgumentTests
{
    [Fact]
    public void R17_an_undefined_touchpoint_is_refused_by_the_indexer_and_the_defaults()
    {
        var settings = AttributionSettings.Create();

        Assert.Equal(("R17", "touchpoint"), RuleAndField(() => _ = settings[(Touchpoint)99]));
        Assert.Equal(("R17", "touchpoint"), RuleAndField(() => AttributionSettings.DefaultFor((Touchpoint)99)));
    }

    [Fact]
    public void R17_the_description_names_each_touchpoint_with_its_setting()
    {
        var text = AttributionSettings.Create().ToString();

        foreach (var touchpoint in Enum.GetValues<Touchpoint>())
        {
            Assert.Contains(TouchpointWords.Of(touchpoint) + ": ", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void R13_H6_the_period_extension_names_its_arguments()
    {
        var calculator = new AiGeneratedSalesCalculator();

        Assert.Equal("orders", Assert.Throws<ArgumentNullException>(() => calculator.AttributeBetween(null!, AttributionEvidence.Empty, T0, T0)).ParamName);
        Assert.Equal(("H6", "start"), RuleAndField(() => calculator.AttributeBetween([], AttributionEvidence.Empty, Instant.MinValue, T0)));
        Assert.Equal(("H6", "end"), RuleAndField(() => calculator.AttributeBetween([], AttributionEvidence.Empty, T0, Instant.MaxValue)));
        Assert.Equal(("R13", "end"), RuleAndField(() => calculator.AttributeBetween([], AttributionEvidence.Empty, T0, T0 - Duration.Epsilon)));
        Assert.Empty(calculator.AttributeBetween([], AttributionEvidence.Empty, T0, T0).Orders);
    }

    [Fact]
    public void H1_settings_lines_earlier_than_the_previous_ones_are_refused_and_equal_ones_accepted()
    {
        AttributionSettingsHistory.CheckInOrder(T0, T0);
        AttributionSettingsHistory.CheckInOrder(T0, T0 + Duration.Epsilon);

        var error = Assert.Throws<CustomerAgentException>(() => AttributionSettingsHistory.CheckInOrder(T0, T0 - Duration.Epsilon));

        Assert.Equal(("H1", "at"), (error.Rule, error.Field));
        Assert.Contains("previous settings at 2026-06-07T10:00:00Z", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_history_names_its_changes_and_refuses_a_null_list()
    {
        var initial = AttributionSettings.Create();
        var history = AttributionSettingsHistory.Create(initial, [new(T0, initial), new(T0 + Duration.FromHours(1), initial)]);

        Assert.Equal($"AttributionSettingsHistory({initial}, 2 changes)", history.ToString());
        Assert.Equal("changes", Assert.Throws<ArgumentNullException>(() => AttributionSettingsHistory.Create(initial, null!)).ParamName);
    }
}
