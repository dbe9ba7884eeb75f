namespace CustomerAgent.Cli.Tests;

public sealed class ArgumentErrorTests
{
    private static void AssertUserError(int expected, (int Code, string Out, string Err) result, string message)
    {
        Assert.Equal(expected, result.Code);
        Assert.Contains(message, result.Err, StringComparison.Ordinal);
        Assert.StartsWith("customer-agent: ", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal); // never a stack trace
        Assert.DoesNotContain("Exception", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report", "--as-off", "2026-06-01T00:00:00Z")]
    [InlineData("events", "--form", "2026-06-01T00:00:00Z")]
    [InlineData("conversations", "--stauts", "open")]
    [InlineData("frobnicate")]
    public void Unknown_options_and_commands_are_errors(params string[] args) =>
        AssertUserError(2, Cli.Run(args), "Unrecognized command or argument");

    [Theory]
    [InlineData("report", "--period", "last_7_days", "--period", "today")]
    [InlineData("events", "--strict", "--strict")]
    [InlineData("sample", "--seed", "1", "--seed", "2")]
    [InlineData("conversations", "--format", "csv", "--format", "json")]
    public void Repeated_options_are_errors(params string[] args)
    {
        var result = Cli.Run(args);
        Assert.Equal(2, result.Code);
        Assert.Contains(args[1], result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report", "--period", "last_8_days", "is not a period")]
    [InlineData("report", "--period", "2026-06-07..2026-06-01", "is before the first date")]
    [InlineData("report", "--period", "2026-01-01..2027-01-01", "longer than 12 months")]
    [InlineData("report", "--tz", "Mars/Olympus", "is not an IANA time zone")]
    [InlineData("report", "--group-by", "skill", "skill")]
    [InlineData("report", "--now", "soon", "is not an ISO 8601 instant")]
    [InlineData("report", "--now", "2026-06-07T10:00:00+19:00", "is not an ISO 8601 instant")]
    [InlineData("conversations", "--status", "happy", "'happy' is not a status")]
    [InlineData("conversations", "--page-size", "500", "must be an integer from 1 to 100")]
    [InlineData("conversations", "--channel", "fax", "is not one of web-chat, sms, email, whatsapp")]
    [InlineData("report", "--account", "initech", "--account 'initech' is not in the bundled sample")]
    [InlineData("events", "--from", "2026-06-02T00:00:00Z", "must be after --from")]
    [InlineData("sample", "--conversations", "0", "must be an integer from 1 to 10000000")]
    public void Bad_values_are_errors_with_a_message(string command, string option, string value, string message)
    {
        string[] args = command == "events" ? [command, option, value, "--to", "2026-06-01T00:00:00Z"] : [command, option, value];
        AssertUserError(2, Cli.Run(args), message);
    }

    [Theory]
    [InlineData("report")]
    [InlineData("conversations")]
    [InlineData("conversation", "c1")]
    [InlineData("events")]
    public void A_missing_file_or_a_directory_gets_a_message_that_says_so(params string[] command)
    {
        AssertUserError(3, Cli.Run([.. command, "--log", "/nonexistent/log.jsonl"]), "cannot read the log '/nonexistent/log.jsonl': no such file");
        AssertUserError(3, Cli.Run([.. command, "--log", Path.GetTempPath()]), "it is a directory, not a file");
    }

    [Fact]
    public void An_unreadable_file_gets_a_message_that_says_so()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            return; // root reads any file; the permission cannot be taken away here
        }

        using var log = new Cli.TempLog(Cli.TwoAccounts);
        File.SetUnixFileMode(log.Path, UnixFileMode.None);
        AssertUserError(3, Cli.Run("report", "--log", log.Path), $"cannot read the log '{log.Path}'");
    }

    [Theory]
    [InlineData("report")]
    [InlineData("events")]
    public void An_empty_log_says_it_is_empty(string command)
    {
        using var empty = new Cli.TempLog();
        AssertUserError(4, Cli.Run(command, "--log", empty.Path), $"the log '{empty.Path}' is empty: it holds no line");
        using var comments = new Cli.TempLog("# nothing yet", "");
        AssertUserError(4, Cli.Run(command, "--log", comments.Path), "its 2 lines are all blank or comments");
    }

    [Fact]
    public void An_output_file_that_is_the_input_is_an_error_and_the_log_is_untouched()
    {
        using var log = new Cli.TempLog(Cli.TwoAccounts);
        var before = File.ReadAllText(log.Path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, log.Path);

        AssertUserError(2, Cli.Run("events", "--log", log.Path, "--out", relative), "is the input log");
        AssertUserError(2, Cli.Run("conversations", "--log", log.Path, "--out", log.Path), "is the input log");
        AssertUserError(2, Cli.Run("report", "--log", log.Path, "--rejects", log.Path), "--rejects");
        AssertUserError(2, Cli.Run("events", "--log", log.Path, "--out", log.Sibling(".x"), "--rejects", log.Sibling(".x")), "name the same file");
        Assert.Equal(before, File.ReadAllText(log.Path));
    }

    [Fact]
    public void Help_lists_the_commands_and_the_exit_codes()
    {
        var (code, output, _) = Cli.Run("--help");

        Assert.Equal(0, code);
        foreach (var command in new[] { "report", "conversations", "conversation", "events", "sample", "exit codes: 0 ok, 1 lines were rejected" })
        {
            Assert.Contains(command, output, StringComparison.Ordinal);
        }
    }
}
