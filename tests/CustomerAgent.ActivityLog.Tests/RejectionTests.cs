using System.Text;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>
/// One test per reason a line is rejected: the line number, the reason naming the field, the bytes verbatim, and the rest applied;
/// each in both reader modes, which must give the same outcome byte for byte (<see cref="Modes"/>).
/// </summary>
public sealed class RejectionTests
{
    /// <summary>
    /// Reads the opening line, <paramref name="bad"/> and a valid line in <paramref name="mode"/> (after checking the other mode
    /// gives the same outcome byte for byte, <see cref="Modes.Read(ReaderMode, byte[], Conversations.ConversationPolicy?)"/>).
    /// </summary>
    internal static void AssertRejected(byte[] bad, string reason, ReaderMode mode)
    {
        var log = Modes.Read(mode, Logs.Join([Encoding.UTF8.GetBytes(Logs.Open), bad, Encoding.UTF8.GetBytes(Logs.Next)]));

        var rejection = Assert.Single(log.Rejections);
        Assert.Equal(2, rejection.LineNumber);
        Assert.Contains(reason, rejection.Reason, StringComparison.Ordinal);
        Assert.Equal(bad, rejection.Bytes.ToArray());
        Assert.Equal(2, Assert.Single(log.Accounts.SelectMany(a => a.Conversations)).MessageCount);
        if (mode == ReaderMode.KeepConversations)
        {
            Assert.Equal(2, Assert.Single(log.Conversations).History.Count);
        }
        else
        {
            Assert.Empty(log.Conversations);
        }

        Assert.Equal(2, log.AcceptedLineCount);
    }

    internal static void AssertRejected(string bad, string reason, ReaderMode mode) => AssertRejected(Encoding.UTF8.GetBytes(bad), reason, mode);

    [Theory]
    [InBothModes]
    public void A_lone_surrogate_escape_is_rejected(ReaderMode mode) =>
        AssertRejected("""{"conversation":"c2","account":"acme","channel":"web-chat","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"\ud800"}""", "LOG: field 'text' = '\\ud800' holds an escape that is not valid UTF-16", mode);

    [Theory]
    [InBothModes]
    public void Invalid_utf8_bytes_in_an_id_are_rejected_not_replaced(ReaderMode mode)
    {
        var bad = Encoding.UTF8.GetBytes("""{"conversation":"c1X","account":"acme","at":"2026-06-07T10:05:00Z","type":"tag","tag":"x"}""");
        bad[Array.IndexOf(bad, (byte)'X')] = 0xFF;
        AssertRejected(bad, "LOG: line is not valid UTF-8: byte 0xFF at column 20", mode);
    }

    [Theory]
    [InBothModes]
    public void A_number_where_a_string_belongs_is_rejected(ReaderMode mode) =>
        AssertRejected("""{"conversation":"c2","account":"acme","channel":"web-chat","mode":1,"at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"x"}""", "LOG: field 'mode' = 1 is a number; it must be a string.", mode);

    [Theory]
    [InBothModes]
    public void A_duplicate_key_is_rejected(ReaderMode mode) =>
        AssertRejected("""{"conversation":"c1","account":"acme","at":"2026-06-07T10:05:00Z","type":"tag","tag":"x","tag":"y"}""", "LOG: field 'tag' appears twice", mode);

    [Theory]
    [InBothModes]
    public void An_unknown_field_is_rejected(ReaderMode mode) =>
        AssertRejected("""{"conversation":"c1","account":"acme","at":"2026-06-07T10:05:00Z","type":"agent-message","text":"x","skill":"s","prodcts":["a"]}""", "LOG: field 'prodcts' is not a field", mode);

    [Theory]
    [InBothModes]
    public void A_field_of_another_type_is_rejected(ReaderMode mode) =>
        AssertRejected("""{"conversation":"c1","account":"acme","at":"2026-06-07T10:05:00Z","type":"tag","tag":"x","skill":"s"}""", "LOG: skill = <null> is not a field of a tag line", mode);

    [Theory]
    [InBothModes]
    public void H6_a_far_future_instant_is_rejected(ReaderMode mode) =>
        AssertRejected("""{"conversation":"c1","account":"acme","at":"9999-12-31T23:59:59Z","type":"tag","tag":"x"}""", "H6: at = '9999-12-31T23:59:59Z' is outside the supported range", mode);

    [Theory]
    [InBothModes]
    public void H6_an_offset_that_moves_an_instant_out_of_range_is_rejected(ReaderMode mode) =>
        AssertRejected("""{"conversation":"c1","account":"acme","at":"1900-01-01T00:30:00+01:00","type":"tag","tag":"x"}""", "H6: at = '1900-01-01T00:30:00+01:00'", mode);

    [Theory]
    [InBothModes]
    public void A_line_nesting_too_deep_is_rejected(ReaderMode mode) =>
        AssertRejected("""{"conversation":"c1","account":"acme","at":"2026-06-07T10:05:00Z","type":"tag","tag":{"a":{"b":{"c":{"d":1}}}}}""", "LOG: line nests deeper than 4 levels", mode);

    [Theory]
    [InBothModes]
    public void A_line_that_is_not_an_object_is_rejected(ReaderMode mode) => AssertRejected("[1,2]", "LOG: line = '[1,2]' is not a JSON object", mode);

    [Theory]
    [InBothModes]
    public void A_line_that_is_not_json_is_rejected(ReaderMode mode) => AssertRejected("""{"conversation":"c1", "account":""", "is not valid JSON", mode);

    [Theory]
    [InBothModes]
    public void An_unknown_enum_value_is_rejected(ReaderMode mode) =>
        AssertRejected("""{"conversation":"c1","account":"acme","at":"2026-06-07T10:05:00Z","type":"close","by":"robot"}""", "R2: by = 'robot' is not one of visitor, host", mode);

    [Theory]
    [InBothModes]
    public void An_unknown_type_is_rejected(ReaderMode mode) =>
        AssertRejected("""{"conversation":"c1","account":"acme","at":"2026-06-07T10:05:00Z","type":"wave"}""", "LOG: type = 'wave' is not one of", mode);

    /// <summary>Found by the fast-path property: a short unknown type starting with 't' crashed the type lookup (index out of range).</summary>
    [Theory]
    [InBothModes("tagg")]
    [InBothModes("tick")]
    [InBothModes("ticket")]
    public void An_unknown_type_close_to_a_known_one_is_rejected(string type, ReaderMode mode) =>
        AssertRejected($$"""{"conversation":"c1","account":"acme","at":"2026-06-07T10:05:00Z","type":"{{type}}"}""", $"LOG: type = '{type}' is not one of", mode);

    [Theory]
    [InBothModes]
    public void A_missing_field_is_rejected(ReaderMode mode) =>
        AssertRejected("""{"conversation":"c1","account":"acme","type":"tag","tag":"x"}""", "field 'at' is required on a tag line", mode);

    [Theory]
    [InBothModes]
    public void Not_an_instant_is_rejected(ReaderMode mode) =>
        AssertRejected("""{"conversation":"c1","account":"acme","at":"2026-02-30T10:00:00Z","type":"tag","tag":"x"}""", "LOG: at = '2026-02-30T10:00:00Z' is not an ISO 8601 instant", mode);

    [Theory]
    [InBothModes("2026-06-07T10:05:00+19:00")]
    [InBothModes("2026-06-07T10:05:00-18:01")]
    [InBothModes("2026-06-07T10:05:00+99:59")]
    public void An_offset_beyond_18_hours_is_no_instant_and_is_rejected(string at, ReaderMode mode) =>
        AssertRejected($$"""{"conversation":"c1","account":"acme","at":"{{at}}","type":"tag","tag":"x"}""", $"LOG: at = '{at}' is not an ISO 8601 instant", mode);

    [Theory]
    [InBothModes("""{"conversation":"c1","account":"acme","at":"2026-06-07T09:00:00Z","type":"tag","tag":"x"}""", "H1:")]
    [InBothModes("""{"conversation":"c1","account":"acme","at":"2026-06-07T10:05:00Z","type":"product-click","product":"SKU-9"}""", "H2: productId = 'SKU-9'")]
    [InBothModes("""{"conversation":"c1","account":"acme","at":"2026-06-07T10:05:00Z","type":"ticket-answer","accepted":true}""", "H3:")]
    [InBothModes("""{"conversation":"c1","account":"acme","at":"2026-06-07T10:05:00Z","type":"tag","tag":"  "}""", "H4: tag")]
    [InBothModes("""{"conversation":"c1","account":"acme","at":"2026-06-09T10:00:00Z","type":"shopper-message","text":"late"}""", "D2:")]
    [InBothModes("""{"conversation":"c9","account":"acme","at":"2026-06-07T10:05:00Z","type":"tag","tag":"x"}""", "H5:")]
    [InBothModes("""{"conversation":"c1","account":"acme","channel":"sms","at":"2026-06-07T10:05:00Z","type":"tag","tag":"x"}""", "R1:")]
    [InBothModes("""{"conversation":"c1","account":"acme","at":"2026-06-07T10:05:00Z","type":"handoff","kind":"ticket","mode":"hard","reason":"explicit-ask"}""", "R3:")]
    [InBothModes("""{"conversation":"c1","account":"acme","mode":"live","at":"2026-06-07T10:05:00Z","type":"shopper-message","text":"x"}""", "LOG: mode = <null> is only allowed on a conversation's opening line")]
    [InBothModes("""{"type":"order","account":"acme","at":"2026-06-07T10:05:00Z","order":"o1","shopper":{"email":"a@example.com"},"amount":-1,"currency":"EUR"}""", "D5:")]
    [InBothModes("""{"type":"order","account":"acme","at":"2026-06-07T10:05:00Z","order":"o1","shopper":{"email":"a@example.com"},"amount":"12.50","currency":"EUR"}""", "LOG: field 'amount' = 12.50 is a string")]
    [InBothModes("""{"type":"touch","account":"acme","at":"2026-06-07T10:05:00Z","channel":"fax","kind":"open","shopper":{"email":"a@example.com"}}""", "R17: channel = 'fax'")]
    [InBothModes("""{"type":"account-settings","account":"acme","at":"2026-06-07T10:05:00Z","timeZone":"Mars/Olympus"}""", "R13: timeZone = 'Mars/Olympus'")]
    [InBothModes("""{"type":"account-settings","account":"acme","at":"2026-06-07T10:05:00Z","attribution":{"touchpoints":{"fax-click":{"enabled":false}}}}""", "R17:")]
    [InBothModes("""{"type":"account-settings","account":"acme","at":"2026-06-07T10:05:00Z","attribution":{"touchpoints":{"sms-click":{"enabled":true,"windowHours":2147483647}}}}""", "R17: attribution.touchpoints.sms-click.windowHours = '2147483647' must be from 1 to 720 hours.")]
    [InBothModes("""{"type":"account-settings","account":"acme","at":"2026-06-07T10:05:00Z","attribution":{"webChatWindowHours":-2147483648}}""", "R17: attribution.webChatWindowHours = '-2147483648' must be from 1 to 720 hours.")]
    [InBothModes("""{"type":"agent-switch","account":"acme","at":"2026-06-07T10:05:00Z","channel":"sms","enabled":"yes"}""", "LOG: field 'enabled' = yes is a string; it must be true or false.")]
    public void A_line_breaking_a_rule_is_rejected_with_the_rule(string bad, string reason, ReaderMode mode) => AssertRejected(bad, reason, mode);

    [Theory]
    [InBothModes]
    public void Echoed_values_are_cut_to_a_readable_length(ReaderMode mode)
    {
        var log = Modes.Read(mode, Logs.Open, $$"""{"conversation":"c1","account":"acme","at":"2026-06-07T10:05:00Z","type":"close","by":"{{new string('x', 5000)}}"}""");

        var reason = Assert.Single(log.Rejections).Reason;
        Assert.True(reason.Length < 300, reason);
        Assert.Contains("(+4900 chars)", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InBothModes]
    public void H5_every_later_line_of_a_conversation_whose_opening_line_was_rejected_is_rejected_too(ReaderMode mode)
    {
        var log = Modes.Read(
            mode,
            """{"conversation":"c2","account":"acme","channel":"web-chat","at":"9999-06-07T10:00:00Z","type":"shopper-message","text":"x"}""",
            """{"conversation":"c2","account":"acme","at":"2026-06-07T10:01:00Z","type":"shopper-message","text":"a later start"}""",
            """{"conversation":"c2","account":"acme","at":"2026-06-07T10:02:00Z","type":"tag","tag":"x"}""",
            """{"conversation":"c2","account":"other","channel":"sms","at":"2026-06-07T10:01:00Z","type":"shopper-message","text":"another account"}""");

        Assert.Equal([1L, 2L, 3L], log.Rejections.Select(r => r.LineNumber));
        Assert.All(log.Rejections.Skip(1), r => Assert.StartsWith("H5: conversation = 'c2' cannot continue: its opening line (line 1) was rejected", r.Reason, StringComparison.Ordinal));
        Assert.Equal("other", Assert.Single(log.Accounts, a => a.Conversations.Count > 0).AccountId.Value);
    }

    [Theory]
    [InBothModes]
    public void H5_a_conversation_whose_first_line_is_not_a_shopper_message_stays_rejected(ReaderMode mode)
    {
        var log = Modes.Read(
            mode,
            """{"conversation":"c2","account":"acme","at":"2026-06-07T10:00:00Z","type":"tag","tag":"x"}""",
            """{"conversation":"c2","account":"acme","channel":"web-chat","at":"2026-06-07T10:01:00Z","type":"shopper-message","text":"late start"}""");

        Assert.Equal(2, log.Rejections.Count);
        Assert.Equal(0, log.ConversationCount);
    }

    [Theory]
    [InBothModes]
    public void Blank_and_comment_lines_are_skipped_but_counted(ReaderMode mode)
    {
        var log = Modes.Read(mode, "# a comment", "", Logs.Open, "{");

        Assert.Equal(1, log.ConversationCount);
        Assert.Equal(4, Assert.Single(log.Rejections).LineNumber);
        Assert.Equal(2, log.SkippedLineCount);
        Assert.Equal(4, log.LineCount);
    }

    /// <summary>
    /// R11 in both modes: the lean read checks the contact details in place and the aggregate read builds the profile, and
    /// they accept and reject the same opening lines with the same reasons.
    /// </summary>
    [Fact]
    public void R11_profiles_are_judged_alike_with_and_without_the_aggregates()
    {
        string[] profiles =
        [
            """{"email":"ann@example.com"}""", """{"email":" Ann@EXAMPLE.com "}""", """{"email":"nope"}""", """{"email":"a b@example.com"}""",
            """{"email":"   "}""", """{"email":""}""", """{"phone":"+33 6 12 34 56 78"}""", """{"phone":"+44 (0)20 7946 0958"}""",
            """{"phone":"06 12 34 56 78"}""", """{"phone":"+1 555 0100"}""", """{"phone":"12ab"}""", """{"phone":" "}""",
            """{"name":"Ann","email":"ann@example.com","phone":"+15550000002"}""", """{"email":"ann@example.com","phone":"nope"}""",
            "{\"email\":\"" + new string('a', 600) + "@example.com\"}", "{\"phone\":\"+33" + new string('1', 600) + "\"}",
            """{"email":"\u00e9l\u00e8ve@\u00e9cole.fr"}""", """{"externalId":"e-1"}""",
            """{"email":"\u00a0ann@example.com\u3000"}""", """{"email":"ann\t@example.com"}""", """{"phone":"\u2028+33 6 12 34 56 78\u00a0"}""",
            "{\"phone\":\"+33 6 12 34 56 78" + new string(' ', 100) + "\"}", "{\"phone\":\"+33" + string.Concat(Enumerable.Repeat(" 1", 40)) + "\"}",
            "{\"email\":\"" + new string('a', 240) + "@example.com\"}", "{\"email\":\"" + new string('a', 300) + "@example.com\"}",
        ];
        var lines = profiles.Select((p, i) =>
            $$"""{"conversation":"c{{i}}","account":"acme","channel":"web-chat","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"Hi","profile":{{p}}}""").ToArray();

        var (lean, full) = Modes.ReadBoth(Logs.Bytes(lines));

        Assert.Equal(full.Rejections.Select(r => r.ToString()), lean.Rejections.Select(r => r.ToString()));
        Assert.Equal(full.AcceptedLineCount, lean.AcceptedLineCount);
        Assert.Equal(11, lean.Rejections.Count);
        Assert.All(lean.Rejections, r => Assert.StartsWith("R11", r.Reason, StringComparison.Ordinal));
    }
}
