namespace CustomerAgent.Cli.Tests;

/// <summary>Issue 16, huge and endless input through the tool: never an internal error (exit 70).</summary>
public sealed class HugeInputTests
{
    [Fact]
    public void A_1200_MB_line_is_rejected_with_its_number_not_an_internal_error()
    {
        // truncate -s 1200M huge.jsonl: one line of 1,258,291,200 zero bytes (a sparse file: no disk used)
        using var log = new Cli.TempLog();
        using (var file = new FileStream(log.Path, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(1200L << 20);
        }

        var (code, _, err) = Cli.Run("counts", "--log", log.Path);

        Assert.Equal(1, code);
        Assert.Contains("line 1: LOG: line is 1,258,291,200 bytes long, over the maximum line length of 67,108,864 bytes", err, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endless_stream_ends_with_a_clear_error()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var (code, _, err) = Cli.Run("counts", "--log", "/dev/zero");

        Assert.Equal(3, code);
        Assert.StartsWith("customer-agent: cannot read the log '/dev/zero': line 1 (at byte 0) has no end after", err, StringComparison.Ordinal);
    }
}
