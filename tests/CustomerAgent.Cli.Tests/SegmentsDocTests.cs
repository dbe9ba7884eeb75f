using System.Text.RegularExpressions;

namespace CustomerAgent.Cli.Tests;

/// <summary>docs/segments.md's worked example: its log, run through the commands it names, gives exactly the outputs it shows (R21, R22).</summary>
public sealed partial class SegmentsDocTests
{
    [Fact]
    public void R21_R22_the_worked_example_of_docs_segments_md_gives_its_outputs()
    {
        var doc = File.ReadAllText(Path.Combine(PackedPackages.RepositoryRoot(), "docs", "segments.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var log = Block(doc, "example-log");
        using var file = new Cli.TempLog(log.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var checkedCommands = 0;
        foreach (Match m in Example().Matches(doc))
        {
            var args = m.Groups["command"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var (code, output, err) = Cli.Run([.. args, "--log", file.Path]);
            Assert.True(code == 0, $"{m.Groups["command"].Value}: exit code {code}: {err}");
            Assert.Equal(m.Groups["body"].Value, output.Replace("\r\n", "\n", StringComparison.Ordinal));
            checkedCommands++;
        }

        Assert.Equal(2, checkedCommands);
    }

    private static string Block(string doc, string marker)
    {
        var start = doc.IndexOf($"<!-- {marker} -->", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/segments.md has no <!-- {marker} --> block");
        var open = doc.IndexOf("```", start, StringComparison.Ordinal);
        var body = doc.IndexOf('\n', open) + 1;
        return doc[body..doc.IndexOf("```", body, StringComparison.Ordinal)];
    }

    [GeneratedRegex(@"<!-- example: (?<command>[^>]+?) -->\n```csv\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Example();
}
