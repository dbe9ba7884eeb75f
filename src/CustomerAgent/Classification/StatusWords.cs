namespace CustomerAgent.Classification;

/// <summary>
/// How the domain's own messages name a status: by its API name (D3). The wire names and their parsing live in
/// <c>Serialization/ApiNames</c>, which no domain folder uses (docs/architecture.md), so the words these messages need are
/// kept here; ApiNames' own names for these types are these words (one home).
/// </summary>
internal static class StatusWords
{
    /// <summary>The word for <paramref name="status"/>: <c>open</c>, <c>resolved-by-ai</c>, <c>routed-to-team</c> or <c>closed</c>.</summary>
    /// <exception cref="CustomerAgentException">The value is not a defined status (R1).</exception>
    internal static string Of(ConversationStatus status) => Preconditions.CheckDefined(status, "status", "R1") switch
    {
        ConversationStatus.Open => "open",
        ConversationStatus.ResolvedByAi => "resolved-by-ai",
        ConversationStatus.NotResolvedByAi => "routed-to-team",
        _ => "closed",
    };
}
