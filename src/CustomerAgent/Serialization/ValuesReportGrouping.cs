namespace CustomerAgent.Serialization;

/// <summary>How the values report's rows are bucketed (the vendor's <c>groupings</c>): one overall row, or one row per channel or per status.</summary>
public enum ValuesReportGrouping
{
    /// <summary>One row for the whole cohort (<c>groupings</c> omitted).</summary>
    Overall = 0,

    /// <summary>One row per channel (<c>channel</c>), every channel present.</summary>
    Channel = 1,

    /// <summary>One row per status (<c>status</c>), every status present.</summary>
    Status = 2,
}
