namespace CustomerAgent.Web;

/// <summary>How each day's bar of the dashboard's chart is split (R14).</summary>
public enum DashboardGrouping
{
    /// <summary>By channel (<c>web-chat</c>, <c>sms</c>, …).</summary>
    Channel,

    /// <summary>By status as of the report's instant (<c>open</c>, <c>resolved-by-ai</c>, <c>routed-to-team</c>, <c>closed</c>).</summary>
    Status,

    /// <summary>By tag (a conversation with several tags counts under each; those without any under <c>untagged</c>).</summary>
    Tag,
}
