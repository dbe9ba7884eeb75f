using System.Text;
using System.Text.RegularExpressions;

namespace CustomerAgent.Cli.Tests;

/// <summary>
/// Issue 16, paste-and-run docs: every C# block of the README and of each package's readme is a complete program. Each is
/// pasted into a console project outside the <c>CustomerAgent</c> namespaces that references the packed packages (not the
/// projects), which is built and run; the output is what the blocks' comments say.
/// </summary>
[Collection(PackedPackagesGroup.Name)]
public sealed partial class ReadmeTests(PackedPackages packed) : IDisposable
{
    private readonly string _host = Directory.CreateTempSubdirectory("ca-readme-host-").FullName;

    public void Dispose() => Directory.Delete(_host, recursive: true);

    [GeneratedRegex(@"^using [A-Za-z][A-Za-z0-9.]*;$")]
    private static partial Regex UsingDirective();

    /// <summary>The C# blocks of a markdown file, each with where it is.</summary>
    private static IEnumerable<(string Where, string[] Lines)> Blocks(string root, string file)
    {
        var lines = File.ReadAllLines(Path.Combine(root, file));
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```csharp")
            {
                continue;
            }

            var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
            yield return ($"{file}:{i + 1}", lines[(i + 1)..end]);
            i = end;
        }
    }

    /// <summary>A block as a class of the host: its using directives at the top of the file, the rest as the body of Run.</summary>
    private static string AsClass(string name, string[] block)
    {
        var usings = block.TakeWhile(l => UsingDirective().IsMatch(l.Trim()) || l.Trim().Length == 0).ToList();
        var body = block[usings.Count..];
        var source = new StringBuilder();
        foreach (var u in usings.Where(u => u.Trim().Length > 0))
        {
            source.AppendLine(u.Trim());
        }

        source.AppendLine().AppendLine("namespace ReadmeHost;").AppendLine()
            .AppendLine($"internal static class {name}").AppendLine("{").AppendLine("    internal static void Run()").AppendLine("    {");
        foreach (var line in body)
        {
            source.AppendLine("        " + line);
        }

        return source.AppendLine("    }").AppendLine("}").ToString();
    }

    [Fact]
    public void R2_R5_D1_quick_start_prints_what_its_comments_promise()
    {
        var blocks = new[] { "README.md", "src/CustomerAgent/README.md", "src/CustomerAgent.ActivityLog/README.md" }
            .SelectMany(f => Blocks(packed.Root, f))
            .ToList();
        Assert.True(blocks.Count >= 9, $"only {blocks.Count} C# blocks found");
        Assert.DoesNotContain(blocks, b => b.Lines.Any(l => l.Contains("namespace CustomerAgent", StringComparison.Ordinal)));

        // the host: outside the repository (none of its MSBuild files apply), the packed packages from a local source
        File.WriteAllText(Path.Combine(_host, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(_host, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(_host, "Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>");
        File.WriteAllText(Path.Combine(_host, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="packed" value="{packed.Folder}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(_host, "ReadmeHost.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <NoWarn>$(NoWarn);CS0168;CS0219;IDE0059</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="CustomerAgent" Version="{packed.Version}" />
                <PackageReference Include="CustomerAgent.ActivityLog" Version="{packed.Version}" />
                <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.0" />
              </ItemGroup>
            </Project>
            """);
        File.Copy(Path.Combine(packed.Root, "samples", "activity-log.jsonl"), Path.Combine(_host, "activity-log.jsonl"));
        var program = new StringBuilder();
        for (var i = 0; i < blocks.Count; i++)
        {
            File.WriteAllText(Path.Combine(_host, $"Snippet{i}.cs"), AsClass($"Snippet{i}", blocks[i].Lines));
            program.AppendLine($"Console.WriteLine(\"== {blocks[i].Where}\");").AppendLine($"ReadmeHost.Snippet{i}.Run();");
        }

        File.WriteAllText(Path.Combine(_host, "Program.cs"), program.ToString());

        var (code, output) = PackedPackages.Dotnet(_host, TimeSpan.FromMinutes(5), "run", "-c", "Release");

        Assert.True(code == 0, "the README host did not build or run:\n" + output);
        var lines = output.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd()).ToList();
        string[] Of(string where) => lines.SkipWhile(l => l != $"== {where}").Skip(1).TakeWhile(l => !l.StartsWith("== ", StringComparison.Ordinal)).Where(l => l.Length > 0).ToArray();
        var readme = blocks.Where(b => b.Where.StartsWith("README.md:", StringComparison.Ordinal)).Select(b => b.Where).ToList();

        Assert.Equal(["Open", "ResolvedByAi", "2026-06-09T10:01:00Z", "resolved-by-ai"], Of(readme[0])); // quick start
        Assert.Equal(["Closed"], Of(readme[1]));                                                        // one timeout with DI
        Assert.Equal(["acme:conv-42:started", "acme:conv-42:recommendation:1"], Of(readme[2]));         // metric events
        Assert.Equal(["1 counted: ResolvedByAi"], Of(readme[3]));                                       // bulk
        Assert.Equal(["40 EUR from c3"], Of(readme[4]));                                                // AI-generated sales
        Assert.Equal(["1 conversation, 0 resolved by AI, first row c1"], Of(readme[5]));                // the dashboard
        Assert.Equal(["acme: 160 conversations"], Of(readme[6]));                                       // the reader
        Assert.Equal(["resolved-by-ai"], Of(blocks.Single(b => b.Where.StartsWith("src/CustomerAgent/", StringComparison.Ordinal)).Where));
        Assert.Equal(["acme: 160 conversations", "globex: 25 conversations"], Of(blocks.Single(b => b.Where.StartsWith("src/CustomerAgent.ActivityLog/", StringComparison.Ordinal)).Where));
    }
}
