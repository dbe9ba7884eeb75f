using System.Diagnostics;

namespace CustomerAgent.Cli.Tests;

/// <summary>
/// The three packages, packed once per test run from the projects this test run built (<c>dotnet pack --no-build</c>, the
/// same configuration), under a version of their own so that NuGet's cache never serves an older copy; the version's copies
/// are removed from the cache afterwards.
/// </summary>
public sealed class PackedPackages : IDisposable
{
#if DEBUG
    internal const string Configuration = "Debug";
#else
    internal const string Configuration = "Release";
#endif

    public PackedPackages()
    {
        Root = RepositoryRoot();
        Version = $"0.1.0-readme.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        Folder = Directory.CreateTempSubdirectory("ca-packed-").FullName;
        var (code, output) = Dotnet(Root, TimeSpan.FromMinutes(5), "pack", "CustomerAgent.Tests.slnf", "-c", Configuration, "--no-build", "-o", Folder, $"-p:Version={Version}");
        Assert.True(code == 0, "dotnet pack failed:\n" + output);
    }

    /// <summary>The repository's root (the folder of CustomerAgent.sln).</summary>
    internal string Root { get; }

    /// <summary>The version the packages were packed under.</summary>
    internal string Version { get; }

    /// <summary>The folder holding the .nupkg and .snupkg files: a local NuGet source.</summary>
    internal string Folder { get; }

    internal string Package(string id, string extension = "nupkg") => Path.Combine(Folder, $"{id}.{Version}.{extension}");

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "customeragent", "customeragent.activitylog", "customeragent.cli" })
        {
            var copy = Path.Combine(cache, id, Version.ToLowerInvariant());
            if (Directory.Exists(copy))
            {
                Directory.Delete(copy, recursive: true);
            }

            if (Directory.Exists(Path.GetDirectoryName(copy)) && !Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(copy)!).Any())
            {
                Directory.Delete(Path.GetDirectoryName(copy)!);
            }
        }
    }

    /// <summary>Runs <c>dotnet</c> in <paramref name="directory"/>; its exit code and its output (stdout then stderr).</summary>
    internal static (int Code, string Output) Dotnet(string directory, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}:\n{output.Result}\n{error.Result}");
        }

        return (process.ExitCode, output.Result + error.Result);
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CustomerAgent.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CustomerAgent.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The tests that read the packed packages share one packing.</summary>
[CollectionDefinition(Name)]
public sealed class PackedPackagesGroup : ICollectionFixture<PackedPackages>
{
    internal const string Name = "Packed packages";
}
