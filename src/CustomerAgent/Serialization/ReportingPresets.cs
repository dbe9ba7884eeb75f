using CustomerAgent.Dashboard;

namespace CustomerAgent.Serialization;

/// <summary>The vendor API's names of the <see cref="ReportingPreset"/> values (the <c>timeframe.key</c> of a report request, R13).</summary>
public static class ReportingPresets
{
    /// <summary>The API name of a preset: <c>today</c>, <c>yesterday</c>, <c>this_week</c>, <c>last_week</c>, <c>last_7_days</c>, <c>last_30_days</c>, <c>last_90_days</c>, <c>this_month</c> or <c>last_month</c>.</summary>
    /// <param name="preset">The preset.</param>
    /// <returns>Its API name.</returns>
    /// <exception cref="CustomerAgentException">The value is not a defined preset (R13).</exception>
    public static string ToApiName(this ReportingPreset preset) => preset switch
    {
        ReportingPreset.Today => "today",
        ReportingPreset.Yesterday => "yesterday",
        ReportingPreset.ThisWeek => "this_week",
        ReportingPreset.LastWeek => "last_week",
        ReportingPreset.Last7Days => "last_7_days",
        ReportingPreset.Last30Days => "last_30_days",
        ReportingPreset.Last90Days => "last_90_days",
        ReportingPreset.ThisMonth => "this_month",
        ReportingPreset.LastMonth => "last_month",
        _ => throw new CustomerAgentException("R13", "preset", preset.ToString(), "is not a defined ReportingPreset value"),
    };

    /// <summary>Parses a preset's API name (exact, lower case).</summary>
    /// <param name="name">The API name.</param>
    /// <returns>The preset.</returns>
    /// <exception cref="CustomerAgentException">The name is not one of the nine preset names (R13).</exception>
    public static ReportingPreset Parse(string name) => name switch
    {
        "today" => ReportingPreset.Today,
        "yesterday" => ReportingPreset.Yesterday,
        "this_week" => ReportingPreset.ThisWeek,
        "last_week" => ReportingPreset.LastWeek,
        "last_7_days" => ReportingPreset.Last7Days,
        "last_30_days" => ReportingPreset.Last30Days,
        "last_90_days" => ReportingPreset.Last90Days,
        "this_month" => ReportingPreset.ThisMonth,
        "last_month" => ReportingPreset.LastMonth,
        _ => throw new CustomerAgentException("R13", "timeframe.key", name, "is not one of today, yesterday, this_week, last_week, last_7_days, last_30_days, last_90_days, this_month, last_month"),
    };
}
