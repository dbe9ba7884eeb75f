using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CustomerAgent.Cli.Tests;

/// <summary>Issue 16, conventions: stdin, gzip, every row, formats and --out everywhere, help, "did you mean", messages, roll-forward, completion.</summary>
public sealed partial class ConventionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-conv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static byte[] Sample => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", "activity-log.jsonl"));

    private string Gzip(byte[] bytes, string name = "log.jsonl.gz")
    {
        using (var file = File.Create(PathOf(name)))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return PathOf(name);
    }

    [Theory]
    [InlineData("counts")]
    [InlineData("report")]
    [InlineData("conversations")]
    [InlineData("events")]
    public void Log_dash_reads_stdin_plain_or_gzip_as_the_file_gives(string command)
    {
        var expected = Cli.Run(command);
        Assert.Equal(0, expected.Code);

        var plain = Cli.RunWithStdin(Sample, command, "--log", "-");
        Assert.Equal(0, plain.Code);
        Assert.Equal(expected.Out.Replace(LogInput.SampleName, "stdin", StringComparison.Ordinal), plain.Out);

        var gzipped = Cli.RunWithStdin(File.ReadAllBytes(Gzip(Sample)), command, "--log", "-");
        Assert.Equal(plain.Out, gzipped.Out);
    }

    [Fact]
    public void A_gzip_log_is_detected_by_its_magic_bytes_whatever_its_name_and_read_streaming()
    {
        var path = Gzip(Sample, "activity.log");
        File.WriteAllBytes(PathOf("plain.jsonl"), Sample);

        foreach (var command in new[] { "counts", "report", "conversations" })
        {
            var gz = Cli.Run(command, "--log", path);
            var plain = Cli.Run(command, "--log", PathOf("plain.jsonl"));
            Assert.Equal(0, gz.Code);
            Assert.Equal(plain.Out.Replace(PathOf("plain.jsonl"), path, StringComparison.Ordinal), gz.Out);
        }

        // concatenated members, as 'cat a.gz b.gz' makes, are one log
        var half = Sample.Length / 2;
        var cut = Array.IndexOf(Sample, (byte)'\n', half) + 1;
        File.WriteAllBytes(PathOf("two.gz"), [.. File.ReadAllBytes(Gzip(Sample[..cut], "a.gz")), .. File.ReadAllBytes(Gzip(Sample[cut..], "b.gz"))]);
        Assert.Equal(Cli.Run("counts").Out, Cli.Run("counts", "--log", PathOf("two.gz")).Out);
    }

    [Fact]
    public void A_broken_gzip_log_is_an_unreadable_file_not_junk_lines()
    {
        var bytes = File.ReadAllBytes(Gzip(Sample));
        File.WriteAllBytes(PathOf("broken.gz"), bytes[..(bytes.Length / 2)].Concat(new byte[64]).ToArray());

        var (code, _, err) = Cli.Run("counts", "--log", PathOf("broken.gz"));

        Assert.Equal(3, code);
        Assert.StartsWith($"customer-agent: cannot read the log '{PathOf("broken.gz")}':", err, StringComparison.Ordinal);
        Assert.DoesNotContain("line ", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("jsonl")]
    public void Conversations_all_writes_every_matching_row_of_every_account(string format)
    {
        var pages = JsonNode.Parse(Cli.Run("conversations", "--format", "json").Out)!.AsArray();
        var matching = pages.ToDictionary(p => (string)p!["account"]!, p => (long)p!["matching"]!);

        var (code, output, _) = Cli.Run("conversations", "--all", "--format", format, "--sort", "started", "--order", "asc");

        Assert.Equal(0, code);
        var lines = output.Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries).Skip(format == "csv" ? 1 : 0).ToList();
        Assert.Equal(matching.Values.Sum(), lines.Count);
        var accounts = lines.Select(l => format == "csv" ? l[..l.IndexOf(',', StringComparison.Ordinal)] : (string)JsonNode.Parse(l)!["account"]!).ToList();
        foreach (var (account, count) in matching)
        {
            Assert.Equal(count, accounts.Count(a => a == account));
        }

        Assert.True(matching.Values.Sum() > 100, "more rows than one page holds");
        if (format == "jsonl")
        {
            var started = lines.Select(l => JsonNode.Parse(l)!).Where(r => (string)r["account"]! == "acme").Select(r => (string)r["started"]!).ToList();
            Assert.Equal(started.Order(StringComparer.Ordinal), started); // the table's order
        }
    }

    [Theory]
    [InlineData("--format", "table")]
    [InlineData("--format", "json")]
    [InlineData("--page", "2")]
    [InlineData("--search", "refund")]
    public void Conversations_all_says_what_it_cannot_take(string option, string value)
    {
        string[] args = option == "--format" ? ["conversations", "--all", option, value] : ["conversations", "--all", "--format", "csv", option, value];
        var (code, _, err) = Cli.Run(args);

        Assert.Equal(2, code);
        Assert.StartsWith("customer-agent: --all ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Counts_has_table_json_and_csv_with_the_same_numbers()
    {
        var table = Cli.Run("counts", "--format", "table").Out.Trim().Split('\n');
        var json = JsonNode.Parse(Cli.Run("counts", "--format", "json").Out)!.AsArray();
        var csv = Cli.Run("counts", "--format", "csv").Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(table.Length, json.Count);
        Assert.Equal("account,as_of,channel,volume,open,resolved_by_ai,routed_to_team,closed", csv[0]);
        foreach (var account in json)
        {
            var name = (string)account!["account"]!;
            var numbers = $"{(long)account["volume"]!}; open/resolved-by-ai/routed-to-team/closed = {(long)account["open"]!}/{(long)account["resolved-by-ai"]!}/{(long)account["routed-to-team"]!}/{(long)account["closed"]!}";
            Assert.Contains($"account {name}: volume {numbers}", table.Single(l => l.StartsWith($"account {name}:", StringComparison.Ordinal)), StringComparison.Ordinal);
            Assert.Contains($"{name},{(string)account["as-of"]!},all,{(long)account["volume"]!},{(long)account["open"]!},{(long)account["resolved-by-ai"]!},{(long)account["routed-to-team"]!},{(long)account["closed"]!}", csv);
            foreach (var (channel, row) in account["channels"]!.AsObject())
            {
                Assert.Contains($"{name},{(string)account["as-of"]!},{channel},{(long)row!["volume"]!},", string.Join('\n', csv), StringComparison.Ordinal);
            }
        }
    }

    public static TheoryData<string[]> EveryCommandWithAResult => new()
    {
        new[] { "report" }, new[] { "report", "--format", "json" }, new[] { "counts" }, new[] { "counts", "--format", "csv" },
        new[] { "conversations" }, new[] { "conversations", "--all", "--format", "csv" }, new[] { "conversation", "conv-00001" },
        new[] { "events" }, new[] { "sample", "--conversations", "5" },
    };

    [Theory]
    [MemberData(nameof(EveryCommandWithAResult))]
    public void Every_command_that_prints_a_result_takes_out(string[] command)
    {
        var printed = Cli.Run(command);
        var file = PathOf("result");

        var (code, output, _) = Cli.Run([.. command, "--out", file]);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal(printed.Out, File.ReadAllText(file));
    }

    [GeneratedRegex(@"\b[RDH]\d+\b|docs/|PeriodSpec|\{ Preset")]
    private static partial Regex InternalDetail();

    [Theory]
    [InlineData]
    [InlineData("report")]
    [InlineData("conversations")]
    [InlineData("conversation")]
    [InlineData("events")]
    [InlineData("counts")]
    [InlineData("sample")]
    public void Help_has_examples_says_each_default_once_and_no_internal_detail(params string[] command)
    {
        var (code, output, _) = Cli.Run([.. command, "--help"]);

        Assert.Equal(0, code);
        Assert.Contains("Examples:\n  customer-agent", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotMatch(InternalDetail(), output);
        foreach (var line in output.Split('\n'))
        {
            Assert.True(Regex.Count(line, "default", RegexOptions.IgnoreCase) <= 1, $"a default said twice: {line}");
        }
    }

    [Theory]
    [InlineData("reprot", "report")]
    [InlineData("conversatoins", "conversations")]
    [InlineData("report --peroid today", "--period")]
    [InlineData("events --form 2026-06-01T00:00:00Z", "--from")]
    [InlineData("conversations --stauts open", "--status")]
    public void An_unknown_command_or_option_gets_a_did_you_mean(string args, string suggestion)
    {
        var (code, _, err) = Cli.Run(args.Split(' '));

        Assert.Equal(2, code);
        Assert.Contains($"customer-agent: did you mean '{suggestion}'?", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_close_gets_no_suggestion() =>
        Assert.DoesNotContain("did you mean", Cli.Run("frobnicate").Err, StringComparison.Ordinal);

    [Fact]
    public void An_unknown_zone_names_the_time_zone_data_once()
    {
        var err = Cli.Run("report", "--tz", "Mars/Olympus").Err;

        Assert.Contains("'Mars/Olympus' is not an IANA time zone", err, StringComparison.Ordinal);
        Assert.DoesNotContain("TZDB TZDB", err, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tool_rolls_forward_to_a_newer_major_runtime()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "customer-agent.runtimeconfig.json")))!;

        Assert.Equal("Major", (string)config["runtimeOptions"]!["rollForward"]!);
    }

    [Fact]
    public void The_tool_starts_tiered_with_loops_optimized_at_first_call_as_measured()
    {
        // docs/performance.md, "Start-up": tier-0 start for the short jobs, loops optimized at once and no PGO tier for big logs.
        var properties = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "customer-agent.runtimeconfig.json")))!["runtimeOptions"]!["configProperties"]!;

        Assert.Null(properties["System.Runtime.TieredCompilation"]);
        Assert.False((bool)properties["System.Runtime.TieredCompilation.QuickJitForLoops"]!);
        Assert.False((bool)properties["System.Runtime.TieredPGO"]!);
    }

    [Fact]
    public void Shell_completion_answers_the_suggest_directive()
    {
        var (code, output, _) = Cli.Run("[suggest:3]", "rep");

        Assert.Equal(0, code);
        Assert.Contains("report", output.Split('\n').Select(l => l.Trim()));
    }

    [Fact]
    public void A_100_MB_line_says_its_real_size()
    {
        var path = PathOf("wide.jsonl");
        using (var file = File.Create(path))
        {
            file.Write(Encoding.ASCII.GetBytes("{\"text\":\""));
            var text = new byte[100_000_000];
            Array.Fill(text, (byte)'a');
            file.Write(text);
            file.Write("\n"u8);
        }

        var (code, _, err) = Cli.Run("counts", "--log", path);

        Assert.Equal(1, code);
        Assert.Contains("line 1: LOG: line is 100,000,009 bytes long", err, StringComparison.Ordinal);
    }
}
