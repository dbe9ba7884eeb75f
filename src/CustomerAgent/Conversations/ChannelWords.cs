namespace CustomerAgent.Conversations;

/// <summary>
/// How the domain's own messages (explanations, rule messages, <c>ToString</c>) name a channel: by its API name. The wire
/// names and their parsing live in <c>Serialization/ApiNames</c>, which no domain folder uses (docs/architecture.md), so the
/// words these messages need are kept here; ApiNames' own names for these types are these words (one home).
/// </summary>
internal static class ChannelWords
{
    /// <summary>The word for <paramref name="channel"/>: <c>web-chat</c>, <c>sms</c>, <c>email</c> or <c>whatsapp</c>.</summary>
    /// <exception cref="CustomerAgentException">The value is not a defined channel (R1).</exception>
    internal static string Of(Channel channel) => Preconditions.CheckDefined(channel, "channel", "R1") switch
    {
        Channel.WebChat => "web-chat",
        Channel.Sms => "sms",
        Channel.Email => "email",
        _ => "whatsapp",
    };
}
