using System.Reflection;
using System.Text.RegularExpressions;
using CustomerAgent.Tests.Events;

namespace CustomerAgent.Tests;

/// <summary>docs/rules.md names, for every rule, the file and member that implement it and the tests that prove it: all must exist.</summary>
public sealed partial class RulesDocTests
{
    [GeneratedRegex(@"`(?<name>[^`]+)`")]
    private static partial Regex Ticked();

    [GeneratedRegex(@"public (?:void|Property|async Task) (?<name>\w+)\(")]
    private static partial Regex TestMethod();

    private static IEnumerable<string[]> Rows()
    {
        var doc = File.ReadAllLines(EventScenarios.FindRepoFile(Path.Combine("docs", "rules.md")));
        return doc.Where(l => l.StartsWith("| **", StringComparison.Ordinal) || (l.StartsWith("| ", StringComparison.Ordinal) && l.Count(c => c == '|') == 5 && !l.StartsWith("| rule", StringComparison.Ordinal) && !l.StartsWith("| ---", StringComparison.Ordinal)))
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray());
    }

    [Fact]
    public void Every_file_and_member_named_in_rules_md_exists()
    {
        var src = Path.GetDirectoryName(EventScenarios.FindRepoFile(Path.Combine("src", "CustomerAgent", "CustomerAgent.csproj")))!;
        var missing = new List<string>();
        var rows = Rows().ToList();
        Assert.True(rows.Count >= 30, $"only {rows.Count} rule rows found");
        foreach (var row in rows)
        {
            foreach (var part in row[3].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var names = Ticked().Matches(part).Select(m => m.Groups["name"].Value).ToList();
                if (names.Count == 0)
                {
                    continue;
                }

                var file = File.Exists(Path.Combine(src, names[0])) ? Path.Combine(src, names[0]) : Path.Combine(src, "..", names[0]);
                if (!File.Exists(file))
                {
                    missing.Add($"{row[1]}: file {names[0]}");
                    continue;
                }

                var text = File.ReadAllText(file);
                foreach (var member in names.Skip(1).Select(n => n.Split('(')[0]))
                {
                    var token = member == "op_Addition" ? "operator +" : member;
                    if (!text.Contains(token, StringComparison.Ordinal))
                    {
                        missing.Add($"{row[1]}: member {member} in {names[0]}");
                    }
                }
            }
        }

        Assert.True(missing.Count == 0, "docs/rules.md names code that does not exist:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Every_test_named_in_rules_md_exists()
    {
        var tests = typeof(RulesDocTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttributes().Any(a => a.GetType().Name is "FactAttribute" or "TheoryAttribute" or "PropertyAttribute"))
            .Select(m => m.Name)
            .ToHashSet();
        var testsRoot = Path.GetDirectoryName(Path.GetDirectoryName(EventScenarios.FindRepoFile(Path.Combine("tests", "CustomerAgent.ActivityLog.Tests", "CustomerAgent.ActivityLog.Tests.csproj"))))!;
        foreach (var file in Directory.GetFiles(testsRoot, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("CustomerAgent.Tests", StringComparison.Ordinal)))
        {
            tests.UnionWith(TestMethod().Matches(File.ReadAllText(file)).Select(m => m.Groups["name"].Value));
        }

        var named = Rows().SelectMany(r => Ticked().Matches(r[4]).Select(m => m.Groups["name"].Value)).Where(n => n.Contains('_', StringComparison.Ordinal)).ToList();

        Assert.True(named.Count >= 80, $"only {named.Count} tests named");
        var unknown = named.Where(n => !tests.Contains(n)).ToList();
        Assert.True(unknown.Count == 0, "docs/rules.md names tests that do not exist:\n" + string.Join('\n', unknown));
    }
}
