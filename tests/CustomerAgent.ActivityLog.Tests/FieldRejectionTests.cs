using System.Text;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>
/// The strict path's field checks, inside nested values (an account's attribution and its touchpoints, a profile, a touch's shopper,
/// an agent message's products): one bad line each, rejected with the reason naming the nested field, in both reader modes
/// (<see cref="RejectionTests.AssertRejected(string, string, ReaderMode)"/>: the line number, the bytes, the rest applied).
/// </summary>
public sealed class FieldRejectionTests
{
    [Theory]
    [InBothModes("{\"type\":\"account-settings\",\"account\":\"acme\",\"at\":\"2026-06-07T10:01:00Z\",\"attribution\":5}", "LOG: field 'attribution' = 5 is a number; it must be an object.")]
    [InBothModes("{\"type\":\"account-settings\",\"account\":\"acme\",\"at\":\"2026-06-07T10:01:00Z\",\"attribution\":{\"webChatWindowHours\":[6]}}", "LOG: field 'attribution.webChatWindowHours' is an array; it must be a whole number of hours.")]
    [InBothModes("{\"type\":\"account-settings\",\"account\":\"acme\",\"at\":\"2026-06-07T10:01:00Z\",\"attribution\":{\"webChatWindowHours\":6,\"webChatWindowHours\":7}}", "LOG: field 'attribution.webChatWindowHours' appears twice; a line holds each field once.")]
    [InBothModes("{\"type\":\"account-settings\",\"account\":\"acme\",\"at\":\"2026-06-07T10:01:00Z\",\"attribution\":{\"touchpoints\":{},\"touchpoints\":{}}}", "LOG: field 'attribution.touchpoints' appears twice; a line holds each field once.")]
    [InBothModes("{\"type\":\"account-settings\",\"account\":\"acme\",\"at\":\"2026-06-07T10:01:00Z\",\"attribution\":{\"window\":6}}", "LOG: field 'attribution.window' is not a field of attribution (known: webChatWindowHours, touchpoints).")]
    [InBothModes("{\"type\":\"account-settings\",\"account\":\"acme\",\"at\":\"2026-06-07T10:01:00Z\",\"attribution\":{\"touchpoints\":[]}}", "LOG: field 'attribution.touchpoints' is an array; it must be an object of touchpoint name → {enabled, windowHours}.")]
    [InBothModes("{\"type\":\"account-settings\",\"account\":\"acme\",\"at\":\"2026-06-07T10:01:00Z\",\"attribution\":{\"touchpoints\":{\"sms-click\":{\"enabled\":true,\"windowHours\":6},\"sms-click\":{\"enabled\":false}}}}", "LOG: field 'attribution.touchpoints.sms-click' appears twice; a line holds each field once.")]
    [InBothModes("{\"type\":\"account-settings\",\"account\":\"acme\",\"at\":\"2026-06-07T10:01:00Z\",\"attribution\":{\"touchpoints\":{\"sms-click\":[]}}}", "LOG: field 'attribution.touchpoints.sms-click' is an array; it must be an object {\"enabled\": true|false, \"windowHours\": N}.")]
    [InBothModes("{\"type\":\"account-settings\",\"account\":\"acme\",\"at\":\"2026-06-07T10:01:00Z\",\"attribution\":{\"touchpoints\":{\"sms-click\":{\"enabled\":true,\"enabled\":true,\"windowHours\":6}}}}", "LOG: field 'attribution.touchpoints.sms-click.enabled' appears twice; a line holds each field once.")]
    [InBothModes("{\"type\":\"account-settings\",\"account\":\"acme\",\"at\":\"2026-06-07T10:01:00Z\",\"attribution\":{\"touchpoints\":{\"sms-click\":{\"enabled\":true,\"windowHours\":6,\"windowHours\":6}}}}", "LOG: field 'attribution.touchpoints.sms-click.windowHours' appears twice; a line holds each field once.")]
    [InBothModes("{\"type\":\"account-settings\",\"account\":\"acme\",\"at\":\"2026-06-07T10:01:00Z\",\"attribution\":{\"touchpoints\":{\"sms-click\":{\"enabled\":5,\"windowHours\":6}}}}", "LOG: field 'attribution.touchpoints.sms-click.enabled' = 5 is a number; it must be true or false.")]
    [InBothModes("{\"type\":\"account-settings\",\"account\":\"acme\",\"at\":\"2026-06-07T10:01:00Z\",\"attribution\":{\"touchpoints\":{\"sms-click\":{\"enabled\":true,\"windowHours\":6.5}}}}", "LOG: field 'attribution.touchpoints.sms-click.windowHours' = 6.5 is a number; it must be a whole number of hours.")]
    [InBothModes("{\"type\":\"account-settings\",\"account\":\"acme\",\"at\":\"2026-06-07T10:01:00Z\",\"attribution\":{\"touchpoints\":{\"sms-click\":{\"enabled\":true,\"windowHours\":6,\"on\":true}}}}", "LOG: field 'attribution.touchpoints.sms-click.on' is not a field of a touchpoint (known: enabled, windowHours).")]
    [InBothModes("{\"type\":\"account-settings\",\"account\":\"acme\",\"at\":\"2026-06-07T10:01:00Z\",\"attribution\":{\"touchpoints\":{\"sms-click\":{\"windowHours\":6}}}}", "LOG: field 'attribution.touchpoints.sms-click.enabled' is missing (required on every touchpoint).")]
    [InBothModes("{\"type\":\"account-settings\",\"account\":\"acme\",\"at\":\"2026-06-07T10:01:00Z\",\"attribution\":{\"touchpoints\":{\"sms-click\":{\"enabled\":true}}}}", "LOG: field 'attribution.touchpoints.sms-click.windowHours' is missing (required when the touchpoint is enabled).")]
    [InBothModes("{\"type\":\"account-settings\",\"account\":\"acme\",\"at\":\"2026-06-07T10:01:00Z\",\"attribution\":{\"touchpoints\":{\"sms-click\":{\"enabled\":false,\"windowHours\":6}}}}", "LOG: field 'attribution.touchpoints.sms-click.windowHours' is not allowed on a disabled touchpoint.")]
    [InBothModes("{\"conversation\":\"c2\",\"account\":\"acme\",\"channel\":\"web-chat\",\"at\":\"2026-06-07T10:02:00Z\",\"type\":\"shopper-message\",\"text\":\"x\",\"profile\":[]}", "LOG: field 'profile' is an array; it must be an object.")]
    [InBothModes("{\"conversation\":\"c2\",\"account\":\"acme\",\"channel\":\"web-chat\",\"at\":\"2026-06-07T10:02:00Z\",\"type\":\"shopper-message\",\"text\":\"x\",\"profile\":{\"nick\":\"A\"}}", "LOG: field 'profile.nick' is not a field of profile (known: name, email, phone, externalId).")]
    [InBothModes("{\"conversation\":\"c2\",\"account\":\"acme\",\"channel\":\"web-chat\",\"at\":\"2026-06-07T10:02:00Z\",\"type\":\"shopper-message\",\"text\":\"x\",\"profile\":{\"email\":\"a@example.com\",\"email\":\"b@example.com\"}}", "LOG: field 'profile.email' appears twice; a line holds each field once.")]
    [InBothModes("{\"conversation\":\"c2\",\"account\":\"acme\",\"channel\":\"web-chat\",\"at\":\"2026-06-07T10:02:00Z\",\"type\":\"shopper-message\",\"text\":\"x\",\"profile\":{\"name\":\"A\",\"name\":\"B\"}}", "LOG: field 'profile.name' appears twice; a line holds each field once.")]
    [InBothModes("{\"conversation\":\"c2\",\"account\":\"acme\",\"channel\":\"web-chat\",\"at\":\"2026-06-07T10:02:00Z\",\"type\":\"shopper-message\",\"text\":\"x\",\"profile\":{\"phone\":\"+33612345678\",\"phone\":\"+33612345679\"}}", "LOG: field 'profile.phone' appears twice; a line holds each field once.")]
    [InBothModes("{\"conversation\":\"c2\",\"account\":\"acme\",\"channel\":\"web-chat\",\"at\":\"2026-06-07T10:02:00Z\",\"type\":\"shopper-message\",\"text\":\"x\",\"profile\":{\"externalId\":\"x1\",\"externalId\":\"x2\"}}", "LOG: field 'profile.externalId' appears twice; a line holds each field once.")]
    [InBothModes("{\"conversation\":\"c2\",\"account\":\"acme\",\"channel\":\"web-chat\",\"at\":\"2026-06-07T10:02:00Z\",\"type\":\"shopper-message\",\"text\":\"x\",\"profile\":{\"phone\":[5]}}", "LOG: field 'profile.phone' is an array; it must be a string.")]
    [InBothModes("{\"conversation\":\"c2\",\"account\":\"acme\",\"channel\":\"web-chat\",\"at\":\"2026-06-07T10:02:00Z\",\"type\":\"shopper-message\",\"text\":\"x\",\"profile\":{\"name\":{}}}", "LOG: field 'profile.name' is an object; it must be a string.")]
    [InBothModes("{\"conversation\":\"c2\",\"account\":\"acme\",\"channel\":\"web-chat\",\"at\":\"2026-06-07T10:02:00Z\",\"type\":\"shopper-message\",\"text\":\"x\",\"profile\":{\"externalId\":[]}}", "LOG: field 'profile.externalId' is an array; it must be a string.")]
    [InBothModes("{\"conversation\":\"c2\",\"account\":\"acme\",\"channel\":\"web-chat\",\"at\":\"2026-06-07T10:02:00Z\",\"type\":\"shopper-message\",\"text\":\"x\",\"profile\":{\"email\":{}}}", "LOG: field 'profile.email' is an object; it must be a string.")]
    [InBothModes("{\"type\":\"touch\",\"account\":\"acme\",\"at\":\"2026-06-07T10:03:00Z\",\"channel\":\"email\",\"kind\":\"open\",\"shopper\":{\"name\":\"Ann\"}}", "LOG: field 'shopper.name' is not a field of shopper (known: email, phone, externalId).")]
    [InBothModes("{\"type\":\"touch\",\"account\":\"acme\",\"at\":\"2026-06-07T10:03:00Z\",\"channel\":\"email\",\"kind\":\"open\",\"shopper\":[]}", "LOG: field 'shopper' is an array; it must be an object.")]
    [InBothModes("{\"conversation\":\"c1\",\"account\":\"acme\",\"at\":\"2026-06-07T10:04:00Z\",\"type\":\"agent-message\",\"text\":\"ok\",\"skill\":\"general-qa\",\"products\":{}}", "LOG: field 'products' is an object; it must be an array of strings.")]
    [InBothModes("{\"conversation\":\"c1\",\"account\":\"acme\",\"at\":\"2026-06-07T10:04:00Z\",\"type\":\"agent-message\",\"text\":\"ok\",\"skill\":\"general-qa\",\"products\":[\"SKU-1\",2]}", "LOG: field 'products[1]' = 2 is a number; it must be a string.")]
    [InBothModes("{\"conversation\":\"c1\",\"account\":\"acme\",\"at\":\"2026-06-07T10:04:00Z\",\"type\":\"agent-message\",\"text\":\"ok\",\"skill\":\"general-qa\",\"products\":[\"SKU-1\",[\"SKU-2\"]]}", "LOG: field 'products[1]' is an array; it must be a string.")]
    public void A_nested_field_of_the_wrong_kind_twice_unknown_or_missing_is_rejected_naming_it(string line, string reason, ReaderMode mode) =>
        RejectionTests.AssertRejected(line, reason, mode);

    /// <summary>The line-level checks of the strict path's last stage: type, required and allowed fields, IDs, instants, texts, windows.</summary>
    [Theory]
    [InBothModes("{\"account\":\"acme\",\"at\":\"2026-06-07T10:05:00Z\"}", "LOG: type = <null> is missing (field 'type' is required on every line).")]
    [InBothModes("{\"conversation\":\" \",\"account\":\"acme\",\"at\":\"2026-06-07T10:05:00Z\",\"type\":\"tag\",\"tag\":\"x\"}", "ID: conversation = ' ' must be a non-empty, non-blank string.")]
    [InBothModes("{\"conversation\":\"c1\",\"account\":\" \",\"at\":\"2026-06-07T10:05:00Z\",\"type\":\"tag\",\"tag\":\"x\"}", "ID: account = ' ' must be a non-empty, non-blank string.")]
    [InBothModes("{\"conversation\":\"c1\",\"account\":\"acme\",\"at\":\"2026-06-07T10:05:00Z\",\"type\":\"agent-message\",\"text\":\" \",\"skill\":\"general-qa\"}", "H4: text = ' ' must be a non-empty, non-blank string.")]
    [InBothModes("{\"conversation\":\"c1\",\"account\":\"acme\",\"at\":\"2026-06-07T10:05:00Z\",\"type\":\"agent-message\",\"text\":\"ok\",\"skill\":\" \"}", "H4: skill = ' ' must be a non-empty, non-blank string.")]
    [InBothModes("{\"conversation\":\"c1\",\"account\":\"acme\",\"at\":\"2026-06-07T10:05:00Z\",\"type\":\"agent-message\",\"text\":\"ok\",\"skill\":\"general-qa\",\"products\":[\"SKU-1\",\" \"]}", "H4: products[1] = ' ' must be a non-empty, non-blank string.")]
    [InBothModes("{\"conversation\":\"c1\",\"account\":\"acme\",\"at\":\"2026-06-07T10:05:00Z\",\"type\":\"product-click\",\"product\":\" \"}", "H4: productId = ' ' must be a non-empty, non-blank string.")]
    [InBothModes("{\"conversation\":\"c1\",\"account\":\"acme\",\"at\":\"2026-06-07T10:05:00Z\",\"type\":\"tag\",\"tag\":\" \"}", "H4: tag = ' ' must be a non-empty, non-blank string.")]
    [InBothModes("{\"conversation\":\"c1\",\"account\":\"acme\",\"at\":\"2026-06-07T10:05:00Z\",\"type\":\"tag\",\"tag\":\"x\",\"skill\":\"y\"}", "LOG: skill = <null> is not a field of a tag line (see docs/activity-log.md).")]
    [InBothModes("{\"conversation\":\"c1\",\"account\":\"acme\",\"at\":\"2026-06-07T10:05:00Z\",\"type\":\"tag\"}", "LOG: tag = <null> is missing (field 'tag' is required on a tag line).")]
    [InBothModes("{\"conversation\":\"c1\",\"account\":\"acme\",\"at\":\"2026-06-07T10:05:00Z\",\"type\":\"tagg\",\"tag\":\"x\"}", "LOG: type = 'tagg' is not one of shopper-message, agent-message, product-click, tag, handoff, ticket-offer, ticket-answer, close, account-settings, agent-switch, order, touch.")]
    [InBothModes("{\"conversation\":\"c1\",\"account\":\"acme\",\"at\":\"2026-13-07T10:05:00Z\",\"type\":\"tag\",\"tag\":\"x\"}", "LOG: at = '2026-13-07T10:05:00Z' is not an ISO 8601 instant such as 2026-06-07T10:00:00Z or 2026-06-07T12:00:00+02:00.")]
    [InBothModes("{\"conversation\":\"c1\",\"account\":\"acme\",\"at\":\"2300-06-07T10:05:00Z\",\"type\":\"tag\",\"tag\":\"x\"}", "H6: at = '2300-06-07T10:05:00Z' is outside the supported range [1900-01-01T00:00:00Z, 2200-01-01T00:00:00Z).")]
    [InBothModes("{\"type\":\"account-settings\",\"account\":\"acme\",\"at\":\"2026-06-07T10:01:00Z\",\"attribution\":{\"touchpoints\":{\"fax-click\":{\"enabled\":true,\"windowHours\":6}}}}", "R17: attributionSettings = '1 problem(s)' is invalid: touchpoint 'fax-click' is unknown (known: sms-click, sms-open, sms-delivery, email-click, email-open, push-open, whatsapp-click, whatsapp-open).")]
    [InBothModes("{\"type\":\"account-settings\",\"account\":\"acme\",\"at\":\"2026-06-07T10:01:00Z\",\"attribution\":{\"touchpoints\":{\"sms-click\":{\"enabled\":true,\"windowHours\":100000}}}}", "R17: attribution.touchpoints.sms-click.windowHours = '100000' must be from 1 to 720 hours.")]
    [InBothModes("{\"type\":\"account-settings\",\"account\":\"acme\",\"at\":\"2026-06-07T10:01:00Z\",\"attribution\":{\"webChatWindowHours\":0}}", "R17: attribution.webChatWindowHours = '0' must be from 1 to 720 hours.")]
    [InBothModes("{\"conversation\":\"c1\",\"account\":\"acme\",\"at\":\"2026-06-07T10:05:00Z\",\"\\ud800\":\"x\",\"type\":\"tag\",\"tag\":\"x\"}", "LOG: field '�' is not a field of the activity log (see docs/activity-log.md; names are case-sensitive).")]
    [InBothModes("{\"conversation\":\"c1\",\"account\":\"acme\",\"at\":\"2026-06-07T10:05:00Z\",\"type\":\"tag\",\"tag\":\"x\",\"tag\":{\"a\":[1]}}", "LOG: field 'tag' appears twice; a line holds each field once.")]
    [InBothModes("{\"conversation\":\"c1\",\"account\":\"acme\",\"at\":\"2026-06-07T10:05:00Z\",\"type\":\"ticket-answer\",\"accepted\":1}", "LOG: field 'accepted' = 1 is a number; it must be true or false.")]
    [InBothModes("{\"conversation\":\"c1\",\"account\":\"acme\",\"at\":\"2026-06-07T10:05:00Z\",\"zzz\":1,\"account\":5,\"type\":\"tag\",\"tag\":\"x\"}", "LOG: field 'zzz' is not a field of the activity log (see docs/activity-log.md; names are case-sensitive).")]
    [InBothModes("{\"conversation\":\"c1\",\"account\":\"acme\",\"at\":\"2026-06-07T10:05:00Z\",\"zzz\":{\"a\":[1]},\"type\":\"tag\",\"tag\":\"x\"}", "LOG: field 'zzz' is not a field of the activity log (see docs/activity-log.md; names are case-sensitive).")]
    [InBothModes("{\"type\":\"agent-switch\",\"account\":\"acme\",\"at\":\"2026-06-07T10:05:00Z\",\"channel\":\"sms\",\"enabled\":\"yes\"}", "LOG: field 'enabled' = yes is a string; it must be true or false.")]
    [InBothModes("{\"type\":\"order\",\"account\":\"acme\",\"at\":\"2026-06-07T10:05:00Z\",\"order\":\"o-1\",\"shopper\":{\"email\":\"ann@example.com\"},\"currency\":\"EUR\",\"amount\":5,\"items\":{}}", "LOG: field 'items' is an object; it must be an array of strings.")]
    [InBothModes("{\"type\":\"order\",\"account\":\"acme\",\"at\":\"2026-06-07T10:05:00Z\",\"order\":\"o-1\",\"shopper\":{\"email\":\"ann@example.com\"},\"currency\":\"EUR\",\"items\":[\"SKU-1\"],\"amount\":\"5\"}", "LOG: field 'amount' = 5 is a string; it must be a JSON number (a decimal amount such as 59.90).")]
    [InBothModes("{\"type\":\"order\",\"account\":\"acme\",\"at\":\"2026-06-07T10:05:00Z\",\"order\":\"o-1\",\"shopper\":{\"email\":\"ann@example.com\"},\"currency\":\"EUR\",\"items\":[\"SKU-1\"],\"amount\":1.00000000000000000000000000001}", "D5: amount = '1.00000000000000000000000000001' cannot be held exactly by a decimal (at most 29 significant digits, 28 of them after the point, up to 79228162514264337593543950335): an amount is never rounded.")]
    public void A_line_failing_a_check_of_its_type_fields_ids_instant_texts_or_windows_is_rejected_with_the_rule(string line, string reason, ReaderMode mode) =>
        RejectionTests.AssertRejected(line, reason, mode);

    /// <summary>More products than the chunk's first room for them (256): the room grows and every product is kept, in order.</summary>
    [Fact]
    public void An_agent_message_recommending_300_products_keeps_them_all()
    {
        var products = Enumerable.Range(0, 300).Select(i => $"SKU-{i}").ToArray();
        var line = """{"conversation":"c1","account":"acme","at":"2026-06-07T10:04:00Z","type":"agent-message","text":"ok","skill":"general-qa","products":[""" + string.Join(",", products.Select(p => $"\"{p}\"")) + "]}";
        var log = Modes.Read(ReaderMode.KeepConversations, Logs.Bytes(Logs.Open, line));

        Assert.Empty(log.Rejections);
        var message = Assert.IsType<Conversations.AgentMessageSent>(Assert.Single(log.Conversations).History[^1]);
        Assert.Equal(products, message.Products);
    }

    /// <summary>A field name written with escapes is the field it spells (JSON names are compared after unescaping).</summary>
    [Theory]
    [InBothModes]
    public void A_field_name_with_escapes_names_the_field_it_spells(ReaderMode mode)
    {
        var tag = """{"conversation":"c1","account":"acme","at":"2026-06-07T10:05:00Z","t\u0079pe":"tag","\u0074ag":"x"}""";
        var log = Modes.Read(mode, Logs.Bytes(Logs.Open, tag, Logs.Next));

        Assert.Empty(log.Rejections);
        Assert.Equal(3, log.AcceptedLineCount);
    }
}
