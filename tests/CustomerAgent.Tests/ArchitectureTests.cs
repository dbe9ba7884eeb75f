using System.Text.RegularExpressions;
using System.Xml.Linq;
using CustomerAgent.Tests.Events;

namespace CustomerAgent.Tests;

/// <summary>
/// Folders of the core depend one way (docs/architecture.md). The graph is derived from the code by Roslyn
/// (<see cref="CoreDependencies"/>): it has no cycle, it stays within the documented map, which in turn lists no
/// dependency the code does not have, and the domain never knows its wire format or its container (no folder but
/// Serialization and DependencyInjection uses Serialization or DependencyInjection).
/// </summary>
public sealed partial class ArchitectureTests
{
    private const string Root = CoreDependencies.Root;

    /// <summary>The documented layering, exactly as docs/architecture.md draws it: what each folder may use.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        [Root] = [],
        ["Conversations"] = [Root],
        ["Classification"] = [Root, "Conversations"],
        ["Collection"] = [Root, "Conversations"],
        ["Attribution"] = [Root, "Collection", "Conversations"],
        ["Events"] = [Root, "Classification", "Collection", "Conversations"],
        ["Dashboard"] = [Root, "Attribution", "Classification", "Collection", "Conversations"],
        ["Bulk"] = [Root, "Classification", "Collection", "Conversations", "Dashboard"],
        ["Serialization"] = [Root, "Attribution", "Classification", "Conversations", "Dashboard", "Events", "Segments"],
        ["Segments"] = [Root, "Attribution", "Collection", "Conversations", "Dashboard", "Events"],
        ["DependencyInjection"] = [Root, "Attribution", "Bulk", "Classification", "Collection", "Conversations", "Dashboard", "Events", "Segments"],
    };

    /// <summary>The folders that hold the domain's wire format and its container; no other folder may use them.</summary>
    private static readonly string[] Outer = ["Serialization", "DependencyInjection"];

    private static CoreDependencies Code => CoreDependencies.Current;

    private static string Edges(IEnumerable<(string From, string To)> edges) =>
        string.Join(Environment.NewLine, edges.Order().Select(e => Code.Edges.TryGetValue(e, out var use) ? $"{e.From} → {e.To}: {use}" : $"{e.From} → {e.To}"));

    [Fact]
    public void The_core_compiles_from_its_sources_so_every_name_resolves()
    {
        Assert.True(Code.CompilationErrors.Count == 0, "the dependency graph is derived from a compilation with errors:\n" + string.Join('\n', Code.CompilationErrors.Take(20)));
        Assert.True(Code.MisplacedTypes.Count == 0, "a type's namespace is not its folder:\n" + string.Join('\n', Code.MisplacedTypes));
    }

    [Fact]
    public void The_derived_dependency_graph_of_the_core_has_no_cycle()
    {
        var cycles = Code.Cycles();
        Assert.True(cycles.Count == 0, "folders of the core use each other:\n" + string.Join('\n', cycles.Select(Code.Describe)));
    }

    [Fact]
    public void Folders_of_the_core_depend_one_way()
    {
        var unknown = Code.Folders.Where(f => !Allowed.ContainsKey(f)).ToList();
        Assert.True(unknown.Count == 0, $"src/CustomerAgent has folders that have no place in the dependency map of ArchitectureTests and docs/architecture.md: {string.Join(", ", unknown)}");

        var wrong = Code.Edges.Keys.Where(e => !Allowed[e.From].Contains(e.To));
        Assert.True(!wrong.Any(), "folders depend the wrong way (not in the map of docs/architecture.md):\n" + Edges(wrong));
    }

    [Fact]
    public void Every_dependency_in_the_map_is_in_the_code()
    {
        var gone = Allowed.SelectMany(a => a.Value.Select(to => (From: a.Key, To: to))).Where(e => !Code.Edges.ContainsKey(e));
        Assert.True(!gone.Any(), "the map of ArchitectureTests and docs/architecture.md lists dependencies the code no longer has; remove them:\n" + Edges(gone));
        var folders = Allowed.Keys.Where(f => !Code.Folders.Contains(f));
        Assert.True(!folders.Any(), "the map lists folders that hold no code: " + string.Join(", ", folders));
    }

    [Fact]
    public void The_dependency_map_has_no_cycle()
    {
        foreach (var start in Allowed.Keys)
        {
            var seen = new HashSet<string>();
            var stack = new Stack<string>(Allowed[start]);
            while (stack.Count > 0)
            {
                var next = stack.Pop();
                Assert.NotEqual(start, next);
                if (seen.Add(next))
                {
                    foreach (var dependency in Allowed[next])
                    {
                        stack.Push(dependency);
                    }
                }
            }
        }
    }

    [Fact]
    public void Domain_folders_never_use_Serialization_or_DependencyInjection()
    {
        var wrong = Code.Edges.Keys.Where(e => !Outer.Contains(e.From) && Outer.Contains(e.To));
        Assert.True(!wrong.Any(), "the domain uses its wire format or its container:\n" + Edges(wrong));
        Assert.DoesNotContain(Allowed, a => !Outer.Contains(a.Key) && a.Value.Intersect(Outer).Any());
    }

    [GeneratedRegex(@"^(?<folder>\w+)[ ]*(?:→[ ]*(?<uses>\w+(?:,[ ]*\w+)*))?")]
    private static partial Regex MapLine();

    [Fact]
    public void The_map_is_the_one_drawn_in_docs_architecture_md()
    {
        var doc = File.ReadAllLines(EventScenarios.FindRepoFile(Path.Combine("docs", "architecture.md")));
        var heading = Array.IndexOf(doc, "## Folders depend one way");
        Assert.True(heading >= 0, "docs/architecture.md has a '## Folders depend one way' section");
        var open = Array.FindIndex(doc, heading, l => l.StartsWith("```", StringComparison.Ordinal));
        var close = Array.FindIndex(doc, open + 1, l => l.StartsWith("```", StringComparison.Ordinal));
        var drawn = doc[(open + 1)..close]
            .Select(l => MapLine().Match(l))
            .Where(m => m.Success)
            .ToDictionary(
                m => m.Groups["folder"].Value,
                m => m.Groups["uses"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal).ToList());

        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), drawn.Keys.Order(StringComparer.Ordinal));
        foreach (var (folder, uses) in Allowed)
        {
            Assert.True(uses.Order(StringComparer.Ordinal).SequenceEqual(drawn[folder]), $"docs/architecture.md draws {folder} → {string.Join(", ", drawn[folder])}, the test's map {string.Join(", ", uses)}");
        }
    }

    /// <summary>
    /// The src projects as whole nodes: the compiler forbids a cycle between assemblies, so the project references pin the
    /// direction: the core references no other project of src, and the references have no cycle.
    /// </summary>
    [Fact]
    public void Projects_of_src_depend_one_way_and_the_core_on_none()
    {
        var src = Path.GetDirectoryName(Path.GetDirectoryName(EventScenarios.FindRepoFile(Path.Combine("src", "CustomerAgent", "CustomerAgent.csproj"))))!;
        var references = Directory.GetFiles(src, "*.csproj", SearchOption.AllDirectories).ToDictionary(
            p => Path.GetFileNameWithoutExtension(p),
            p => XDocument.Load(p).Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value)).ToList());

        Assert.Contains("CustomerAgent.ActivityLog", references.Keys);
        Assert.Contains("CustomerAgent.Cli", references.Keys);
        Assert.Empty(references["CustomerAgent"]);
        foreach (var start in references.Keys)
        {
            var seen = new HashSet<string>();
            var stack = new Stack<string>(references[start]);
            while (stack.Count > 0)
            {
                var next = stack.Pop();
                Assert.NotEqual(start, next);
                if (seen.Add(next))
                {
                    references[next].ForEach(stack.Push);
                }
            }
        }
    }
}
