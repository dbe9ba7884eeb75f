using System.Text.RegularExpressions;
using CustomerAgent.Tests.Events;

namespace CustomerAgent.Tests;

/// <summary>
/// One home per rule, in the core: docs/rules.md ("Code homes") names, per rule code, the files that construct it (its home)
/// and the kernels that restate it on another representation; the code of every project under <c>src/</c>
/// (<see cref="RuleConstructions"/>) constructs each code only there, apart from the few listed as not yet at home.
/// </summary>
public sealed partial class RuleHomesTests
{
    private static RuleConstructions Code => RuleConstructions.Current;

    private static string Src => EventScenarios.FindRepoFile("src");

    [GeneratedRegex(@"`(?<name>[^`]+\.cs)`")]
    private static partial Regex TickedFile();

    /// <summary>A row of the "Code homes" table: the code, its homes and its kernels (files relative to <c>src/</c>).</summary>
    private sealed record Home(string Code, IReadOnlyList<string> Homes, IReadOnlyList<string> Kernels);

    /// <summary>What docs/rules.md's "Code homes" section says, with every file it names resolved against <c>src/</c>.</summary>
    private sealed record Doc(IReadOnlyList<Home> Rows, IReadOnlyList<(string Code, string File)> NotYetAtHome, IReadOnlyList<string> Factories, IReadOnlyList<string> Unresolved);

    private static readonly Lazy<Doc> Documented = new(Read);

    private static Doc Read()
    {
        var lines = File.ReadAllLines(EventScenarios.FindRepoFile(Path.Combine("docs", "rules.md")));
        var start = Array.IndexOf(lines, "## Code homes");
        Assert.True(start >= 0, "docs/rules.md has no section '## Code homes'");
        var section = lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)).ToList();
        var unresolved = new List<string>();

        List<string> Files(string text) => TickedFile().Matches(text).Select(m =>
        {
            var name = m.Groups["name"].Value;
            if (File.Exists(Path.Combine(Src, "CustomerAgent", name)))
            {
                return "CustomerAgent/" + name;
            }

            if (!File.Exists(Path.Combine(Src, name)))
            {
                unresolved.Add(name);
            }

            return name;
        }).ToList();

        var rows = new List<Home>();
        var notYet = new List<(string, string)>();
        var table = 0;
        foreach (var line in section)
        {
            if (line.StartsWith("| rule", StringComparison.Ordinal))
            {
                table++;
                continue;
            }

            if (!line.StartsWith("| ", StringComparison.Ordinal) || line.StartsWith("| ---", StringComparison.Ordinal))
            {
                continue;
            }

            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            var code = cells[1].Trim('*');
            if (table == 1)
            {
                rows.Add(new Home(code, Files(cells[2]), Files(cells[3])));
            }
            else
            {
                notYet.AddRange(Files(cells[2]).Select(f => (code, f)));
            }
        }

        // The paragraph that starts with "Factories".
        var factories = Files(string.Join(' ', section.SkipWhile(l => !l.StartsWith("Factories", StringComparison.Ordinal)).TakeWhile(l => l.Length > 0)));
        return new Doc(rows, notYet, factories, unresolved);
    }

    private static Doc Documentation => Documented.Value;

    [Fact]
    public void Every_file_the_code_homes_name_exists_and_every_rule_has_one_row()
    {
        Assert.True(Documentation.Unresolved.Count == 0, "docs/rules.md (Code homes) names files that do not exist under src/ or src/CustomerAgent/:\n" + string.Join('\n', Documentation.Unresolved));
        Assert.All(Documentation.Rows, r => Assert.Matches(RuleConstructions.RuleCode(), r.Code));
        var twice = Documentation.Rows.GroupBy(r => r.Code).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.True(!twice.Any(), "rules with two rows in Code homes: " + string.Join(", ", twice));
        Assert.True(Documentation.Rows.Count >= 30, $"only {Documentation.Rows.Count} rows in Code homes");
    }

    /// <summary>The test itself: a construction of a code in a file that is neither one of its homes nor one of its kernels fails.</summary>
    [Fact]
    public void Every_rule_is_constructed_only_in_its_home_or_a_kernel_that_restates_it()
    {
        var homes = Documentation.Rows.ToDictionary(r => r.Code, r => r.Homes.Concat(r.Kernels).ToHashSet(StringComparer.Ordinal));
        var pending = Documentation.NotYetAtHome.ToHashSet();
        var strays = Code.Found
            .Where(c => !(homes.TryGetValue(c.Code, out var files) && files.Contains(c.File)) && !pending.Contains((c.Code, c.File)))
            .Select(c => homes.TryGetValue(c.Code, out var files)
                ? $"{c}, but its code homes are {string.Join(", ", files.Order(StringComparer.Ordinal).Select(f => "src/" + f))}: call the home (or list a kernel in docs/rules.md, Code homes)"
                : $"{c}, a rule with no row in docs/rules.md (Code homes)")
            .ToList();
        Assert.True(strays.Count == 0, "a rule is implemented outside its home:\n" + string.Join('\n', strays));
    }

    [Fact]
    public void Every_rule_code_written_in_src_has_a_row()
    {
        var rows = Documentation.Rows.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        var missing = Code.Named.Select(n => n.Code).Concat(Code.Found.Select(f => f.Code)).Distinct().Where(c => !rows.Contains(c)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "rule codes written in src/ with no row in docs/rules.md (Code homes): " + string.Join(", ", missing));
    }

    /// <summary>The table says what the code does: a home that no longer constructs its code, nor names it to a factory, is gone from the code and must go from the table.</summary>
    [Fact]
    public void Every_home_listed_still_constructs_its_code_or_names_it_to_a_factory()
    {
        var stale = Documentation.Rows
            .SelectMany(r => r.Homes.Select(file => (r.Code, File: file)))
            .Where(h => !Code.Found.Any(c => c.Code == h.Code && c.File == h.File) && !Code.Named.Contains((h.Code, h.File)))
            .Select(h => $"{h.Code}: src/{h.File}")
            .ToList();
        Assert.True(stale.Count == 0, "docs/rules.md (Code homes) lists homes that no longer construct or name their rule; remove them:\n" + string.Join('\n', stale));
    }

    [Fact]
    public void The_rules_not_yet_at_home_are_still_where_the_list_says_and_nowhere_else_is_allowed()
    {
        var gone = Documentation.NotYetAtHome.Where(p => !Code.Found.Any(c => c.Code == p.Code && c.File == p.File)).Select(p => $"{p.Code}: src/{p.File}").ToList();
        Assert.True(gone.Count == 0, "these rules have moved home; remove them from 'Not yet at home' in docs/rules.md:\n" + string.Join('\n', gone));
        var listedTwice = Documentation.NotYetAtHome.Where(p => Documentation.Rows.Any(r => r.Code == p.Code && r.Homes.Concat(r.Kernels).Contains(p.File))).ToList();
        Assert.True(listedTwice.Count == 0, "a file is both a rule's home and not yet at home: " + string.Join(", ", listedTwice));
        Assert.All(Documentation.NotYetAtHome, p => Assert.StartsWith("CustomerAgent.", p.File, StringComparison.Ordinal));
    }

    /// <summary>A code must be visible where the rule is decided: a literal, or the caller's (a factory's parameter); the factories are the listed ones.</summary>
    [Fact]
    public void Every_construction_names_its_rule_and_the_factories_are_the_listed_ones()
    {
        Assert.True(Code.Unnamed.Count == 0, "constructions whose rule code is neither a literal nor the caller's (a parameter):\n" + string.Join('\n', Code.Unnamed));
        Assert.Equal(Documentation.Factories.Order(StringComparer.Ordinal), Code.Factories.Order(StringComparer.Ordinal));
    }

    /// <summary>The scanner on a small source tree holding every form it knows, and the forms it must not count.</summary>
    [Fact]
    public void The_scanner_finds_every_form_of_construction_and_only_those()
    {
        var root = Directory.CreateTempSubdirectory("rule-homes-");
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "P", "obj"));
            File.WriteAllText(Path.Combine(root.FullName, "P", "obj", "Generated.cs"), """class G { void M() => throw new CustomerAgentException("H1", "f", null, "e"); }""");
            File.WriteAllText(Path.Combine(root.FullName, "P", "Forms.cs"), """
                namespace X;
                // throw new CustomerAgentException("H9", "in a comment", null, "is no construction");
                internal static class Forms
                {
                    private const string Constant = "H1";

                    internal static void Explicit() => throw new CustomerAgentException("H2", "f", null, "e");

                    internal static void Qualified() => throw new CustomerAgent.CustomerAgentException("H3", "f", null, "e");

                    internal static void Named() => throw new CustomerAgentException(field: "f", rule: "R3", value: null, explanation: "e");

                    internal static void TargetTyped() { CustomerAgentException e = new("D2", "f", null, "e"); throw e; }

                    internal static CustomerAgentException Returned(string field) => new("LOG", field, null, "e");

                    internal static void Thrown() => throw Factory("R17", "f");

                    internal static CustomerAgentException Factory(string rule, string field) => new CustomerAgentException(rule, field, null, "e");

                    internal static void Hidden() { var code = "H4"; throw new CustomerAgentException(code, "f", null, "e"); }

                    internal static void ConstantCode() => throw new CustomerAgentException(Constant, "f", null, "e");

                    internal static void NamedToFactory() => Preconditions.CheckDefined(Channel.Sms, "channel", "R19");

                    internal static void Others() { _ = new Exception("R1"); _ = new System.Uri("http://x/"); throw Missing("type", "every line"); }
                }
                """);

            var scanned = RuleConstructions.Scan(root.FullName);

            Assert.Equal(
                ["D2 P/Forms.cs:13", "H2 P/Forms.cs:7", "H3 P/Forms.cs:9", "LOG P/Forms.cs:15", "R17 P/Forms.cs:17", "R3 P/Forms.cs:11"],
                scanned.Found.Select(f => $"{f.Code} {f.File}:{f.Line}").Order(StringComparer.Ordinal));
            Assert.Equal(["P/Forms.cs"], scanned.Factories);
            Assert.Equal(["src/P/Forms.cs:21", "src/P/Forms.cs:23"], scanned.Unnamed);
            Assert.Contains(("R19", "P/Forms.cs"), scanned.Named);
            Assert.Contains(("R1", "P/Forms.cs"), scanned.Named);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
