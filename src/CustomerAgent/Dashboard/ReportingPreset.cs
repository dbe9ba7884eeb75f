namespace CustomerAgent.Dashboard;

/// <summary>
/// The date-range selector's named periods, as the vendor's report API names them (R13). Each is a range of whole local
/// days in the account's time zone, counted from the local date of "now" (today); see <see cref="ReportingPeriod.ForPreset(AccountReportingSettings, ReportingPreset, NodaTime.Instant)"/>.
/// API names: <c>today</c>, <c>yesterday</c>, <c>this_week</c>, <c>last_week</c>, <c>last_7_days</c>, <c>last_30_days</c>,
/// <c>last_90_days</c>, <c>this_month</c>, <c>last_month</c> (see <see cref="Serialization.ReportingPresets"/>).
/// </summary>
public enum ReportingPreset
{
    /// <summary>Today, from its local midnight (or first instant) to the start of tomorrow.</summary>
    Today = 0,

    /// <summary>Yesterday, the whole local day.</summary>
    Yesterday = 1,

    /// <summary>From the first day of the current week (an account setting) through today.</summary>
    ThisWeek = 2,

    /// <summary>The seven days of the previous week, from its first day (an account setting).</summary>
    LastWeek = 3,

    /// <summary>The last 7 days, today included: today − 6 through today (R13's example: June 1 to June 7 when today is June 7).</summary>
    Last7Days = 4,

    /// <summary>The last 30 days, today included: today − 29 through today.</summary>
    Last30Days = 5,

    /// <summary>The last 90 days, today included: today − 89 through today.</summary>
    Last90Days = 6,

    /// <summary>From the first day of the current month through today.</summary>
    ThisMonth = 7,

    /// <summary>The whole previous calendar month.</summary>
    LastMonth = 8,
}
