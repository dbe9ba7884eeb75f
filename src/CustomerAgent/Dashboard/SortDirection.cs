namespace CustomerAgent.Dashboard;

/// <summary>The direction of a sort.</summary>
public enum SortDirection
{
    /// <summary>Smallest first (oldest first for instants, A to Z for texts).</summary>
    Ascending = 0,

    /// <summary>Largest first (newest first for instants).</summary>
    Descending = 1,
}
