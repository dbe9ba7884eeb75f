namespace CustomerAgent.Cli.Tests;

/// <summary>
/// Issue 16, files: an output is compared with the log and the other outputs by identity (device and inode after every link),
/// not by path, and is renamed into place only when the command succeeds.
/// </summary>
public sealed class OutputFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-out-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private string Log()
    {
        var path = PathOf("log.jsonl");
        File.WriteAllLines(path, Cli.TwoAccounts);
        return path;
    }

    private static void HardLink(string existing, string link)
    {
        var ln = System.Diagnostics.Process.Start("ln", ["-f", existing, link])!;
        ln.WaitForExit();
        Assert.Equal(0, ln.ExitCode);
    }

    private void AssertRefused((int Code, string Out, string Err) result, string message)
    {
        Assert.Equal(2, result.Code);
        Assert.Contains(message, result.Err, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories)); // nothing was written
    }

    [Fact]
    public void An_out_hard_linked_to_the_log_is_refused_and_the_log_kept()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var log = Log();
        var before = File.ReadAllText(log);
        HardLink(log, PathOf("alias.jsonl"));

        AssertRefused(Cli.Run("conversations", "--log", log, "--format", "csv", "--out", PathOf("alias.jsonl")), "--out '" + PathOf("alias.jsonl") + "' is the input log");
        Assert.Equal(before, File.ReadAllText(log));
    }

    [Fact]
    public void Rejects_through_a_symlinked_folder_to_the_log_is_refused_and_the_log_kept()
    {
        var log = Log();
        var before = File.ReadAllText(log);
        Directory.CreateDirectory(PathOf("d"));
        Directory.CreateSymbolicLink(PathOf("d/link"), _dir);

        AssertRefused(Cli.Run("events", "--log", log, "--rejects", PathOf("d/link/log.jsonl")), "is the input log");
        AssertRefused(Cli.Run("events", "--log", PathOf("d/link/log.jsonl"), "--out", log), "is the input log");
        Assert.Equal(before, File.ReadAllText(log));
    }

    [Fact]
    public void Out_and_rejects_hard_linked_or_through_a_symlinked_folder_are_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var log = Log();
        File.WriteAllText(PathOf("a.jsonl"), "kept\n");
        HardLink(PathOf("a.jsonl"), PathOf("b.jsonl"));
        AssertRefused(Cli.Run("events", "--log", log, "--out", PathOf("a.jsonl"), "--rejects", PathOf("b.jsonl")), "--out and --rejects name the same file");
        Assert.Equal("kept\n", File.ReadAllText(PathOf("a.jsonl")));

        // two files still to be made, one named through a symlinked folder
        Directory.CreateSymbolicLink(PathOf("link"), _dir);
        AssertRefused(Cli.Run("events", "--log", log, "--out", PathOf("new.jsonl"), "--rejects", PathOf("link/new.jsonl")), "name the same file");
        Assert.False(File.Exists(PathOf("new.jsonl")));
    }

    [Fact]
    public void A_command_that_fails_after_reading_leaves_its_out_as_it_was()
    {
        var log = Log();
        var previous = PathOf("prev.jsonl");
        File.WriteAllText(previous, "yesterday's events\n");

        var (code, _, err) = Cli.Run("events", "--log", log, "--from", "1800-01-01T00:00:00Z", "--out", previous);

        Assert.Equal(2, code);
        Assert.Contains("1800-01-01", err, StringComparison.Ordinal);
        Assert.Equal("yesterday's events\n", File.ReadAllText(previous));
        Assert.Equal(["log.jsonl", "prev.jsonl"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Strict_keeps_the_out_as_it_was_and_the_rejects_file_with_the_line_it_stopped_at()
    {
        File.WriteAllLines(PathOf("log.jsonl"), [.. Cli.TwoAccounts, "{}"]);
        File.WriteAllText(PathOf("out.jsonl"), "before\n");

        var (code, _, _) = Cli.Run("events", "--log", PathOf("log.jsonl"), "--strict", "--out", PathOf("out.jsonl"), "--rejects", PathOf("rejects.jsonl"));

        Assert.Equal(1, code);
        Assert.Equal("before\n", File.ReadAllText(PathOf("out.jsonl")));
        Assert.Equal("{}", File.ReadAllLines(PathOf("rejects.jsonl"))[1]);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void A_successful_command_replaces_the_target_keeps_its_mode_and_a_symlink_to_it()
    {
        var log = Log();
        var target = PathOf("events.jsonl");
        File.WriteAllText(target, "old\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        }

        File.CreateSymbolicLink(PathOf("latest.jsonl"), target);

        var (code, _, _) = Cli.Run("events", "--log", log, "--out", PathOf("latest.jsonl"));

        Assert.Equal(0, code);
        Assert.NotNull(new FileInfo(PathOf("latest.jsonl")).LinkTarget); // still a link
        Assert.StartsWith("{\"data\"", File.ReadAllText(target), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(target));
        }

        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void A_device_is_written_in_place_never_replaced()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var (code, _, _) = Cli.Run("events", "--log", Log(), "--out", "/dev/null");

        Assert.Equal(0, code);
        Assert.Equal(FileKind.Other, FileIdentity.Of("/dev/null")!.Value.Kind);
    }

    [Fact]
    public void An_output_that_is_a_folder_or_in_a_missing_folder_says_so()
    {
        var log = Log();

        var folder = Cli.Run("report", "--log", log, "--rejects", _dir);
        Assert.Equal(3, folder.Code);
        Assert.Contains($"cannot write --rejects '{_dir}': it is a directory", folder.Err, StringComparison.Ordinal);

        var missing = Cli.Run("events", "--log", log, "--out", PathOf("no/such/events.jsonl"));
        Assert.Equal(3, missing.Code);
        Assert.Contains("does not exist", missing.Err, StringComparison.Ordinal);
    }
}
