using System.Text.Json.Nodes;

namespace CustomerAgent.Cli.Tests;

/// <summary>Issue 16, terminal: control characters and bidirectional overrides from the log reach a person's terminal escaped; JSON, CSV and JSON Lines keep the exact text.</summary>
public sealed class TerminalTextTests
{
    private const string Clear = "\u001b[2J";
    private const string Title = "\u001b]0;pwned\u0007";
    private const string Bidi = "\u202egnp.exe";
    private const string Csi = "\u009b31m";
    private static readonly string Hostile = Clear + "Hi" + Title + Bidi + Csi + "\u007f";

    private static string Line(string json) => json.Replace("HOSTILE", System.Text.Json.JsonEncodedText.Encode(Hostile).Value, StringComparison.Ordinal);

    private static readonly string[] Log =
    [
        """{"type":"account-settings","account":"acme","at":"2026-06-01T00:00:00Z","timeZone":"Europe/Paris"}""",
        Line("""{"conversation":"c1","account":"acme","channel":"web-chat","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"HOSTILE","profile":{"name":"HOSTILE"}}"""),
        Line("""{"conversation":"c1","account":"acme","at":"2026-06-07T10:01:00Z","type":"agent-message","text":"HOSTILE","skill":"general-qa"}"""),
        Line("""{"conversation":"c1","account":"acme","at":"2026-06-07T10:02:00Z","type":"tag","tag":"HOSTILE"}"""),
        Line("""{"conversation":"c1","account":"acme","at":"2026-06-07T10:03:00Z","type":"HOSTILE"}"""),
        "{\"raw\":\"" + Clear + Title + "\"}",
    ];

    private static void AssertNoRawControl(string text)
    {
        foreach (var c in text)
        {
            Assert.False(c is < ' ' and not '\n' and not '\r' || c is >= '\u007f' and <= '\u009f' || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069', $"raw U+{(int)c:X4} in: {text}");
        }
    }

    [Fact]
    public void Rejected_lines_are_echoed_escaped_on_stderr_and_kept_verbatim_in_the_rejects_file()
    {
        using var log = new Cli.TempLog(Log);
        var rejects = log.Sibling(".rejects");

        var (code, _, err) = Cli.Run("counts", "--log", log.Path, "--rejects", rejects);

        Assert.Equal(1, code);
        AssertNoRawControl(err);
        Assert.Contains("\\u001B[2J", err, StringComparison.Ordinal);
        Assert.Contains("\\u001B]0;pwned\\u0007", err, StringComparison.Ordinal);
        Assert.Contains("line 6:", err, StringComparison.Ordinal);
        Assert.Contains(Log[5], File.ReadAllText(rejects), StringComparison.Ordinal);
    }

    [Fact]
    public void The_thread_as_text_and_the_tables_show_control_characters_escaped()
    {
        using var log = new Cli.TempLog(Log[..4]);

        var thread = Cli.Run("conversation", "c1", "--log", log.Path);
        Assert.Equal(0, thread.Code);
        AssertNoRawControl(thread.Out);
        Assert.Contains("shopper: \\u001B[2JHi\\u001B]0;pwned\\u0007\\u202Egnp.exe\\u009B31m\\u007F", thread.Out, StringComparison.Ordinal);

        var table = Cli.Run("conversations", "--log", log.Path);
        Assert.Equal(0, table.Code);
        AssertNoRawControl(table.Out);
        Assert.Contains("\\u001B[2JHi", table.Out, StringComparison.Ordinal);

        var report = Cli.Run("report", "--log", log.Path);
        Assert.Equal(0, report.Code);
        AssertNoRawControl(report.Out);
    }

    [Fact]
    public void Json_and_csv_keep_the_exact_text()
    {
        using var log = new Cli.TempLog(Log[..4]);

        var json = JsonNode.Parse(Cli.Run("conversation", "c1", "--log", log.Path, "--format", "json").Out)!;
        Assert.Equal(Hostile, (string)json["data"]![0]!["attributes"]!["content"]!);

        var csv = Cli.Run("conversations", "--log", log.Path, "--format", "csv").Out;
        Assert.Contains(Hostile, csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain text é ✓", "plain text é ✓")]
    [InlineData("a\tb\nc\rd", "a\\tb\\nc\\rd")]
    [InlineData("\u001b[31m", "\\u001B[31m")]
    [InlineData("\u0085\u009f\u200e", "\\u0085\\u009F\u200e")]
    [InlineData("\u2066x\u2069", "\\u2066x\\u2069")]
    public void Escape_shows_every_unsafe_character_and_nothing_else(string text, string shown) =>
        Assert.Equal(shown, TerminalText.Escape(text));
}
