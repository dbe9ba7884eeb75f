using System.Text.RegularExpressions;
using CustomerAgent.Tests.Events;

namespace CustomerAgent.Tests;

/// <summary>
/// Folders of the core depend one way (docs/architecture.md): a folder uses only the folders listed for it, so no two folders
/// use each other, and the domain types never know their wire format (nothing outside Serialization and DependencyInjection
/// uses Serialization).
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Conversations"] = [],
        ["Classification"] = ["Conversations"],
        ["Collection"] = ["Conversations"],
        ["Events"] = ["Classification", "Collection", "Conversations"],
        ["Attribution"] = ["Collection", "Conversations"],
        ["Dashboard"] = ["Attribution", "Classification", "Collection", "Conversations"],
        ["Bulk"] = ["Classification", "Conversations", "Dashboard"],
        ["Serialization"] = ["Attribution", "Bulk", "Classification", "Collection", "Conversations", "Dashboard", "Events"],
        ["DependencyInjection"] = ["Attribution", "Bulk", "Classification", "Collection", "Conversations", "Dashboard", "Events", "Serialization"],
    };

    [GeneratedRegex(@"\bCustomerAgent\.(?<folder>[A-Z][A-Za-z]+)\b")]
    private static partial Regex Reference();

    [Fact]
    public void Folders_of_the_core_depend_one_way()
    {
        var root = Path.GetDirectoryName(EventScenarios.FindRepoFile(Path.Combine("src", "CustomerAgent", "CustomerAgent.csproj")))!;
        var violations = new List<string>();
        foreach (var folder in Directory.GetDirectories(root).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")))
        {
            Assert.True(Allowed.ContainsKey(folder!), $"src/CustomerAgent/{folder} has no place in the dependency map of ArchitectureTests and docs/architecture.md");
            foreach (var file in Directory.GetFiles(Path.Combine(root, folder!), "*.cs", SearchOption.AllDirectories))
            {
                var code = File.ReadLines(file).Where(line => !line.TrimStart().StartsWith("///", StringComparison.Ordinal));
                foreach (Match m in Reference().Matches(string.Join('\n', code)))
                {
                    var used = m.Groups["folder"].Value;
                    if (used != folder && Allowed.ContainsKey(used) && !Allowed[folder!].Contains(used))
                    {
                        violations.Add($"{folder}/{Path.GetFileName(file)} uses {used}");
                    }
                }
            }
        }

        Assert.True(violations.Count == 0, "folders depend the wrong way:\n" + string.Join('\n', violations.Distinct()));
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
}
