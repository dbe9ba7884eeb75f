namespace CustomerAgent.Live.Grains;

/// <summary>The names the grains use for their providers.</summary>
public static class LiveStorage
{
    /// <summary>The grain storage provider's name.</summary>
    public const string Name = "customer-agent";
}
