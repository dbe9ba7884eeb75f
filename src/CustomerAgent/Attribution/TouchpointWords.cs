namespace CustomerAgent.Attribution;

/// <summary>
/// How the domain's own messages (<see cref="AttributionSettings"/>' problems and <c>ToString</c>) name a touchpoint: by its
/// API name. The wire names and their parsing live in <c>Serialization/ApiNames</c>, which no domain folder uses
/// (docs/architecture.md), so the words these messages need are kept here; ApiNames' own names for these types are these words (one home).
/// </summary>
internal static class TouchpointWords
{
    /// <summary>The word for <paramref name="touchpoint"/>: <c>sms-click</c>, <c>sms-open</c>, <c>sms-delivery</c>, <c>email-click</c>, <c>email-open</c>, <c>push-open</c>, <c>whatsapp-click</c> or <c>whatsapp-open</c>.</summary>
    /// <exception cref="CustomerAgentException">The touchpoint is undefined (R17).</exception>
    internal static string Of(Touchpoint touchpoint) => Preconditions.CheckDefined(touchpoint, "touchpoint", "R17") switch
    {
        Touchpoint.SmsClick => "sms-click",
        Touchpoint.SmsOpen => "sms-open",
        Touchpoint.SmsDelivery => "sms-delivery",
        Touchpoint.EmailClick => "email-click",
        Touchpoint.EmailOpen => "email-open",
        Touchpoint.PushOpen => "push-open",
        Touchpoint.WhatsAppClick => "whatsapp-click",
        _ => "whatsapp-open",
    };
}
