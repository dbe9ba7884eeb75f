using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CustomerAgent.Cli.Tests;

/// <summary>Issue 16, packages: what a publisher of a serious .NET library ships, checked on the packed packages.</summary>
[Collection(PackedPackagesGroup.Name)]
public sealed partial class PackageTests(PackedPackages packed)
{
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    [GeneratedRegex(@"\]\((?!https://)[^)]*\)")]
    private static partial Regex RelativeLink();

    private static XElement Nuspec(ZipArchive package)
    {
        using var stream = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var root = XDocument.Load(stream).Root!;
        return root.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string? Value(XElement metadata, string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

    private static string Text(ZipArchive package, string name)
    {
        using var reader = new StreamReader(package.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    [Theory]
    [InlineData("CustomerAgent", "lib/net10.0/CustomerAgent")]
    [InlineData("CustomerAgent.ActivityLog", "lib/net10.0/CustomerAgent.ActivityLog")]
    [InlineData("CustomerAgent.Cli", "tools/net10.0/any/customer-agent")]
    public void Every_package_has_symbols_sourcelink_urls_licence_readme_and_release_notes(string id, string assembly)
    {
        using var package = ZipFile.OpenRead(packed.Package(id));
        var metadata = Nuspec(package);

        // repository and project URLs, the commit
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        var url = repository.Attribute("url")!.Value;
        Assert.StartsWith("https://", url, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")!.Value);
        Assert.Equal(url, Value(metadata, "projectUrl"));
        Assert.Equal(url + "/blob/main/CHANGELOG.md", Value(metadata, "releaseNotes"));

        // the licence: the MIT expression, and the LICENSE file saying the same
        Assert.Equal("MIT", Value(metadata, "license"));
        Assert.StartsWith("MIT License", Text(package, "LICENSE"), StringComparison.Ordinal);
        Assert.StartsWith("MIT License", File.ReadAllText(Path.Combine(packed.Root, "LICENSE")), StringComparison.Ordinal);

        // a short readme of its own, every link absolute (a package page has no docs/ folder)
        Assert.Equal("README.md", Value(metadata, "readme"));
        var readme = Text(package, "README.md");
        Assert.InRange(readme.Length, 200, 4000);
        Assert.Empty(RelativeLink().Matches(readme));
        Assert.Contains(url, readme, StringComparison.Ordinal);

        // symbols: a portable PDB in the .snupkg, with SourceLink to the repository at the commit
        using var symbols = ZipFile.OpenRead(packed.Package(id, "snupkg"));
        using var pdb = new MemoryStream();
        using (var entry = symbols.GetEntry(assembly + ".pdb")!.Open())
        {
            entry.CopyTo(pdb);
        }

        pdb.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(pdb);
        var reader = provider.GetMetadataReader();
        var sourceLink = reader.CustomDebugInformation
            .Select(reader.GetCustomDebugInformation)
            .Single(c => reader.GetGuid(c.Kind) == SourceLinkKind);
        var json = System.Text.Encoding.UTF8.GetString(reader.GetBlobBytes(sourceLink.Value));
        Assert.Contains("https://raw.githubusercontent.com/", json, StringComparison.Ordinal);
        Assert.Contains(repository.Attribute("commit")!.Value, json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tool_package_is_tagged_and_rolls_forward()
    {
        using var package = ZipFile.OpenRead(packed.Package("CustomerAgent.Cli"));
        var metadata = Nuspec(package);

        Assert.Contains("dotnet-tool", Value(metadata, "tags")!.Split(' '));
        Assert.Contains("\"rollForward\": \"Major\"", Text(package, "tools/net10.0/any/customer-agent.runtimeconfig.json"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_core_declares_the_lowest_nodatime_its_tests_run_on()
    {
        using var package = ZipFile.OpenRead(packed.Package("CustomerAgent"));
        var dependencies = Nuspec(package).Descendants().Where(e => e.Name.LocalName == "dependency").ToDictionary(e => e.Attribute("id")!.Value, e => e.Attribute("version")!.Value);

        // the core's and the reader's tests run on NodaTime 3.2.2 (Directory.Packages.props): the floor is tested
        Assert.Equal("3.2.2", dependencies["NodaTime"]);
    }

    [Fact]
    public void The_changelog_has_an_unreleased_section()
    {
        var changelog = File.ReadAllText(Path.Combine(packed.Root, "CHANGELOG.md"));

        Assert.Contains("## [Unreleased]", changelog, StringComparison.Ordinal);
    }
}
