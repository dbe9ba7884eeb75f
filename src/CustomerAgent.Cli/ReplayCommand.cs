using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;

namespace CustomerAgent.Cli;

/// <summary>
/// <c>replay</c>: sends a log's lines to a running live service (<c>POST /v1/activity</c> of <c>customer-agent-live</c>,
/// docs/live-service.md) in batches, in the file's order, and summarizes the per-line results. Idempotent: every line's key is
/// the file's identity (the SHA-256 of its lines, or <c>--key</c>) and its line number in the file (header
/// <c>Idempotency-First-Line</c>), whatever the batch size, so a batch retried after a timeout or a failure, or a whole re-run,
/// never applies a line twice: the service answers those lines from its records (<c>replayed</c>).
/// </summary>
internal static class ReplayCommand
{
    /// <summary>The environment variable read for the service's API key when <c>--api-key</c> is not given (keeps it out of the process list).</summary>
    internal const string ApiKeyVariable = "CUSTOMER_AGENT_LIVE_API_KEY";

    /// <summary>The most bytes sent in one request (the service takes 16 MiB by default).</summary>
    internal const int MaxBatchBytes = 8 << 20;

    private const int RejectionsShown = 20;

    internal static Command Build(CliContext io)
    {
        var log = CliOptions.File("--log", "The activity log: JSON Lines, plain or gzip, or - for stdin (then --key is required); default: the bundled sample");
        var url = CliOptions.Once<Uri?>("--url", "The live service's address (http://127.0.0.1:5080)", ParseUrl, "URL");
        url.Required = true;
        var apiKey = CliOptions.Once<string?>("--api-key", $"The service's API key (header X-Api-Key); default: the environment variable {ApiKeyVariable}", helpName: "KEY");
        var key = CliOptions.Once<string?>("--key", "The log's identity in the line keys (KEY#N); default: the SHA-256 of its lines. Give one to replay a log that grows: the lines already sent keep their keys", t =>
            t.Length is >= 1 and <= 100 && !t.Contains('#', StringComparison.Ordinal) ? t : throw new FormatException("must be 1 to 100 characters without '#'"), "KEY");
        var batch = CliOptions.Int("--batch", "Lines per request", 1000, 1, 100_000);
        var attempts = CliOptions.Int("--attempts", "Tries per request before giving up (timeouts, connection errors, 429 and 5xx are tried again with backoff, the same keys each time)", 30, 1, 1000);
        var timeout = CliOptions.Int("--timeout", "Seconds one request may take", 100, 1, 3600);
        var command = new Command("replay", "Sends a log's lines to a running live service (customer-agent-live) in batches, in order, each line keyed by the log's identity and its line number, so a retry or a re-run never applies a line twice; prints the per-line results' summary and lists the rejected lines");
        foreach (var option in new Option[] { log, url, apiKey, key, batch, attempts, timeout })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var input = LogInput.Open(parse.GetValue(log), io);
            io.Owned.Add(input);
            var identity = parse.GetValue(key) ?? (input.Path == LogInput.StdinPath
                ? throw new CliException("--log - (stdin) needs --key: a log read from stdin cannot be read twice to compute its identity")
                : Identity(input));
            var settings = new Settings(parse.GetValue(url)!, parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable(ApiKeyVariable), identity,
                parse.GetValue(batch), parse.GetValue(attempts), TimeSpan.FromSeconds(parse.GetValue(timeout)));
            return Run(io, input, settings);
        });
        return command;
    }

    private static Uri ParseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new FormatException($"'{text}' is not an http:// or https:// address");

    /// <summary>The log's identity: the first 32 hex digits of the SHA-256 of its lines (decompressed), so a copy or a renamed file is the same log.</summary>
    internal static string Identity(LogInput input)
    {
        try
        {
            using var lines = input.OpenLines();
            return "log-" + Convert.ToHexStringLower(SHA256.HashData(lines))[..32];
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            throw new CliException(ExitCodes.CannotRead, $"cannot read the log {input.Name}: {ex.Message}");
        }
    }

    internal sealed record Settings(Uri Url, string? ApiKey, string Identity, int Batch, int Attempts, TimeSpan Timeout);

    private sealed class Totals
    {
        internal long Accepted;
        internal long Rejected;
        internal long Skipped;
        internal long Replayed;
        internal int Requests;
        internal int Retries;
        internal readonly List<(long Line, string Reason)> Rejections = [];
    }

    private static int Run(CliContext io, LogInput input, Settings settings)
    {
        using var http = new HttpClient { BaseAddress = settings.Url, Timeout = settings.Timeout };
        if (settings.ApiKey is { Length: > 0 } apiKey)
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        var totals = new Totals();
        using (var lines = OpenLines(input))
        {
            foreach (var (first, body) in Batches(lines, settings.Batch))
            {
                Send(io, http, settings, first, body, totals);
            }
        }

        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"replayed {input.Name} into {settings.Url} (key {settings.Identity}): {Program.N(totals.Accepted)} accepted, {Program.N(totals.Rejected)} rejected, {Program.N(totals.Skipped)} skipped; {Program.N(totals.Replayed)} answered from the service's records (sent before, not applied again); {Program.N(totals.Requests)} requests, {Program.N(totals.Retries)} retried"));
        foreach (var (line, reason) in totals.Rejections.Take(RejectionsShown))
        {
            io.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"customer-agent: line {line}: {reason}"));
        }

        if (totals.Rejections.Count > RejectionsShown)
        {
            io.Err.WriteLine($"customer-agent: … and {Program.N(totals.Rejections.Count - RejectionsShown)} more rejected lines");
        }

        if (totals.Accepted + totals.Rejected == 0)
        {
            io.Err.WriteLine($"customer-agent: the log {input.Name} holds no activity line");
            return ExitCodes.EmptyLog;
        }

        return totals.Rejected > 0 ? ExitCodes.Rejected : ExitCodes.Ok;
    }

    private static Stream OpenLines(LogInput input)
    {
        try
        {
            return input.OpenLines();
        }
        catch (IOException ex)
        {
            throw new CliException(ExitCodes.CannotRead, $"cannot read the log {input.Name}: {ex.Message}");
        }
    }

    /// <summary>The log cut into requests of at most <paramref name="size"/> lines (and <see cref="MaxBatchBytes"/>), each with the number of its first line; blank and comment lines travel too, so the numbers are the file's.</summary>
    internal static IEnumerable<(long FirstLine, byte[] Body)> Batches(Stream lines, int size)
    {
        using var buffer = new MemoryStream();
        var first = 1L;
        var count = 0;
        var next = 1L;
        var chunk = new byte[1 << 16];
        var pending = new MemoryStream();
        int read;
        while ((read = lines.Read(chunk, 0, chunk.Length)) > 0)
        {
            var span = chunk.AsMemory(0, read);
            while (!span.IsEmpty)
            {
                var end = span.Span.IndexOf((byte)'\n');
                if (end < 0)
                {
                    pending.Write(span.Span);
                    break;
                }

                pending.Write(span.Span[..(end + 1)]);
                span = span[(end + 1)..];
                if (count > 0 && buffer.Length + pending.Length > MaxBatchBytes)
                {
                    yield return (first, buffer.ToArray());
                    buffer.SetLength(0);
                    first = next;
                    count = 0;
                }

                pending.Position = 0;
                pending.CopyTo(buffer);
                pending.SetLength(0);
                count++;
                next++;
                if (count == size)
                {
                    yield return (first, buffer.ToArray());
                    buffer.SetLength(0);
                    first = next;
                    count = 0;
                }
            }
        }

        if (pending.Length > 0)
        {
            pending.Position = 0;
            pending.CopyTo(buffer);
            count++;
        }

        if (count > 0)
        {
            yield return (first, buffer.ToArray());
        }
    }

    /// <summary>Sends one request until the service answers it (the same keys every time), and adds its answer to the totals.</summary>
    private static void Send(CliContext io, HttpClient http, Settings settings, long first, byte[] body, Totals totals)
    {
        for (var attempt = 1; ; attempt++)
        {
            string? failure;
            TimeSpan? retryAfter = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "v1/activity") { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                request.Headers.Add("Idempotency-Key", settings.Identity);
                request.Headers.Add("Idempotency-First-Line", first.ToString(CultureInfo.InvariantCulture));
                using var response = http.Send(request);
                using var content = response.Content.ReadAsStream();
                if (response.IsSuccessStatusCode)
                {
                    Add(JsonDocument.Parse(content), totals);
                    totals.Requests++;
                    return;
                }

                using var reader = new StreamReader(content);
                var text = TerminalText.Escape(reader.ReadToEnd().ReplaceLineEndings(" "));
                failure = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}{(text.Length > 0 ? ": " + text[..Math.Min(text.Length, 300)] : string.Empty)}";
                if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout) && (int)response.StatusCode < 500)
                {
                    // the request itself is refused (a missing key, a body too large): trying again would not help
                    throw new CliException(ExitCodes.Unavailable, $"the service refused the lines from line {first}: {failure}");
                }

                retryAfter = response.Headers.RetryAfter?.Delta;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                failure = ex is TaskCanceledException ? $"no answer within {settings.Timeout.TotalSeconds:0} s" : ex.Message;
            }
            catch (JsonException ex)
            {
                throw new CliException(ExitCodes.Unavailable, $"the service's answer to the lines from line {first} is not an ingestion result: {ex.Message}");
            }

            if (attempt >= settings.Attempts)
            {
                throw new CliException(ExitCodes.Unavailable, string.Create(CultureInfo.InvariantCulture,
                    $"the lines from line {first} were not taken after {attempt} tries ({failure}); the lines before them are applied: run the same command again to send the rest (nothing is applied twice)"));
            }

            var delay = retryAfter ?? TimeSpan.FromMilliseconds(Math.Min(10_000, 250 * Math.Pow(2, Math.Min(attempt - 1, 10))) * (0.5 + Random.Shared.NextDouble() / 2));
            io.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"customer-agent: the lines from line {first}: {failure}; trying again in {delay.TotalSeconds:0.0} s (try {attempt + 1} of {settings.Attempts})"));
            totals.Retries++;
            Thread.Sleep(delay);
        }
    }

    private static void Add(JsonDocument answer, Totals totals)
    {
        using (answer)
        {
            var root = answer.RootElement;
            totals.Skipped += root.GetProperty("skipped").GetInt64();
            foreach (var line in root.GetProperty("lines").EnumerateArray())
            {
                var status = line.GetProperty("status").GetString();
                if (line.GetProperty("replayed").GetBoolean())
                {
                    totals.Replayed++;
                }

                if (status == "accepted")
                {
                    totals.Accepted++;
                }
                else if (status == "rejected")
                {
                    totals.Rejected++;
                    totals.Rejections.Add((line.GetProperty("line").GetInt64(), line.GetProperty("reason").GetString() ?? string.Empty));
                }
            }
        }
    }
}
