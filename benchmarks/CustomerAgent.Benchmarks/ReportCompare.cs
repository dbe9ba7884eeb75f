using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;

namespace CustomerAgent.Benchmarks;

/// <summary>
/// <c>compare-report [FILE] [RUNS]</c>: the overview dashboard of every account of a generated ~1 GB activity log, end to end
/// (process start to exit, under <c>/usr/bin/time -v</c> for wall time and peak RSS), by <c>customer-agent report --format json</c>
/// and by DuckDB (<c>read_ndjson</c> and the same dashboard in SQL, in a child process of this program: <c>duckdb-report FILE</c>).
/// Checks that both give the same numbers (KPIs, the days' counts by channel, skill volumes, the first 10 table rows' IDs,
/// statuses, message counts and last updates, AI-generated sales per currency), prints every difference and exits 1 on one;
/// when they agree, prints medians and one closing line of ratios. Generates FILE with <c>customer-agent sample --conversations
/// 1500000 --seed 11</c> when it does not exist (never commit it).
/// </summary>
/// <remarks>
/// The SQL states the dashboard's rules independently of src, with the per-account attribution of as-of, time zone and
/// attribution settings (see <see cref="DuckDbReport"/>). Where the tool still uses the log's latest instant for every account,
/// the mode re-runs the tool (untimed) with <c>--account A --now AS-OF</c> to show which differences that rule explains.
/// </remarks>
internal static class ReportCompare
{
    internal const string DefaultFile = "/tmp/activity-log-1gb.jsonl";

    private const int TableRows = 10;
    private static readonly string[] Channels = ["web-chat", "sms", "email", "whatsapp"];
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.KebabCaseLower };

    internal static int Run(string[] args)
    {
        var file = args.Length > 1 ? args[1] : DefaultFile;
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var root = EndToEnd.FindRoot();
        var cli = EndToEnd.Cli(root);
        var self = Environment.ProcessPath!;
        if (!File.Exists(cli))
        {
            Console.Error.WriteLine($"build the tool first: dotnet build {root}/src/CustomerAgent.Cli -c Release");
            return 2;
        }

        if (!File.Exists(file))
        {
            Console.WriteLine($"generating {file}: customer-agent sample --conversations 1500000 --seed 11");
            if (EndToEnd.Exec(cli, "sample", "--conversations", "1500000", "--seed", "11", "--out", file).ExitCode != 0)
            {
                Console.Error.WriteLine($"could not generate {file}");
                return 2;
            }
        }

        Console.WriteLine(FormattableString.Invariant($"file {file}: {new FileInfo(file).Length / 1e9:F2} GB; {Environment.ProcessorCount} cores; load {EndToEnd.Load()}"));
        var sdk = new List<EndToEnd.Sample>();
        var duck = new List<EndToEnd.Sample>();
        string sdkOut = string.Empty;
        string duckOut = string.Empty;
        for (var i = 0; i < runs; i++)
        {
            var (s, sOut) = EndToEnd.Timed(cli, "report", "--format", "json", "--log", file);
            var (d, dOut) = EndToEnd.Timed(self, "duckdb-report", file);
            Console.WriteLine(FormattableString.Invariant($"run {i + 1}: customer-agent {s.Seconds:F2} s {s.Kb / 1024} MB, duckdb {d.Seconds:F2} s {d.Kb / 1024} MB"));
            if (s.ExitCode != 0 || d.ExitCode != 0)
            {
                Console.Error.WriteLine($"a contender failed: customer-agent exit {s.ExitCode}, duckdb-report exit {d.ExitCode}");
                return 2;
            }

            (sdkOut, duckOut) = (sOut, dOut);
            sdk.Add(s);
            duck.Add(d);
        }

        var tool = FromTool(sdkOut);
        var sql = JsonSerializer.Deserialize<ChildOutput>(duckOut, JsonOptions)!;
        var differences = Compare(tool, sql.Accounts);
        Console.WriteLine();
        foreach (var account in sql.Accounts)
        {
            Print(tool.FirstOrDefault(a => a.Account == account.Account), account);
        }

        if (differences.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"NUMBERS DIFFER ({differences.Count}): customer-agent vs duckdb");
            foreach (var difference in differences)
            {
                Console.WriteLine("  " + difference);
            }

            Explain(cli, file, tool, sql.Accounts);
            Console.Error.WriteLine("NUMBERS DIFFER");
            return 1;
        }

        var sT = EndToEnd.Median(sdk.Select(x => x.Seconds));
        var dT = EndToEnd.Median(duck.Select(x => x.Seconds));
        var sM = EndToEnd.Median(sdk.Select(x => (double)x.Kb)) / 1024;
        var dM = EndToEnd.Median(duck.Select(x => (double)x.Kb)) / 1024;
        Console.WriteLine();
        Console.WriteLine("| contender | wall time (median) | peak RSS (median) |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine(FormattableString.Invariant($"| customer-agent report --format json | {sT:F2} s | {sM:F0} MB |"));
        Console.WriteLine(FormattableString.Invariant($"| DuckDB read_ndjson + SQL | {dT:F2} s | {dM:F0} MB |"));
        Console.WriteLine(FormattableString.Invariant($"report numbers agree; customer-agent / DuckDB: time {sT / dT:F2}x, memory {sM / dM:F2}x; customer-agent peak RSS {sM * 1024 * 1024 / sql.Conversations:N0} B per conversation ({sql.Conversations:N0} conversations) (load after: {EndToEnd.Load()})"));
        return 0;
    }

    /// <summary>
    /// The child process: DuckDB reads the raw log with <c>read_ndjson</c> and computes, per account (never added together), the
    /// default dashboard (<c>last_7_days</c>, grouped by channel) with attribution in both: as-of = the account's own latest
    /// instant; zone = the account's latest settings at or before it; cohort, statuses, days, skill invocations, the first table
    /// rows and AI-generated sales (R16 clicks and R17 last touch, ASOF JOINs, settings as of each order). Prints
    /// <see cref="ChildOutput"/> as one JSON object.
    /// </summary>
    /// <remarks>
    /// Assumes a log the tool accepts whole (a generated one): no rejected line, instants of one conversation's messages
    /// distinct (the tool orders by file position, this SQL by instant), instants in whole microseconds (DuckDB's TIMESTAMPTZ).
    /// With the environment variable <c>DUCKDB_REPORT_PHASES</c> set, prints each statement's time and the RSS after it on stderr.
    /// </remarks>
    internal static int DuckDbReport(string file)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var phases = Environment.GetEnvironmentVariable("DUCKDB_REPORT_PHASES") is not null;
        foreach (var statement in Statements(file))
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var command = connection.CreateCommand();
            command.CommandText = statement;
            command.ExecuteNonQuery();
            if (phases)
            {
                Console.Error.WriteLine(FormattableString.Invariant($"{clock.Elapsed.TotalSeconds:F2} s, RSS {Environment.WorkingSet / (1 << 20)} MB: {statement.Trim().Split('\n')[0]}"));
            }
        }

        var accounts = new SortedDictionary<string, AccountNumbers>(StringComparer.Ordinal);
        Read(connection, "SELECT account, epoch_us(as_of), zone, first_date::VARCHAR, last_date::VARCHAR, epoch_us(start), epoch_us(\"end\") FROM acct", r =>
            accounts[r.GetString(0)] = new AccountNumbers(
                r.GetString(0), Instant(r.GetInt64(1)), r.GetString(2), r.GetString(3), r.GetString(4), Instant(r.GetInt64(5)), Instant(r.GetInt64(6)),
                new Kpis(0, 0, 0, 0, 0), Days(r.GetString(3)), new SortedDictionary<string, long>(StringComparer.Ordinal), [], new SortedDictionary<string, decimal>(StringComparer.Ordinal), []));
        Read(connection, """
            SELECT account, count(*), count(*) FILTER (WHERE status = 'open'), count(*) FILTER (WHERE status = 'resolved-by-ai'),
              count(*) FILTER (WHERE status = 'routed-to-team'), count(*) FILTER (WHERE status = 'closed')
            FROM cohort GROUP BY account
            """, r => accounts[r.GetString(0)] = accounts[r.GetString(0)] with { Kpis = new Kpis(r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5)) });
        Read(connection, "SELECT account, day::VARCHAR, channel, count(*) FROM cohort GROUP BY ALL", r =>
            accounts[r.GetString(0)].Days.Single(d => d.Date == r.GetString(1)).ByChannel[r.GetString(2)] = r.GetInt64(3));
        foreach (var account in accounts.Values)
        {
            account.Days.ForEach(d => d.Total = d.ByChannel.Values.Sum());
        }

        Read(connection, """
            SELECT account, skill, count(*) FROM (SELECT account, unnest(invocations) AS skill FROM cohort) GROUP BY ALL
            """, r => accounts[r.GetString(0)].Skills[r.GetString(1)] = r.GetInt64(2));
        Read(connection, $$"""
            SELECT account, conversation, status, messages, epoch_us(last_msg), first_question,
              coalesce(nullif(trim(profile.name), ''), nullif(trim(profile.email), ''), nullif(trim(profile.phone), ''), 'Anonymous')
            FROM cohort
            QUALIFY row_number() OVER (PARTITION BY account ORDER BY last_msg DESC, conversation DESC) <= {{TableRows}}
            ORDER BY account, last_msg DESC, conversation DESC
            """, r => accounts[r.GetString(0)].Rows.Add(new Row(r.GetString(1), r.GetString(2), r.GetInt64(3), Instant(r.GetInt64(4)), r.GetString(5), r.GetString(6))));
        Read(connection, """
            SELECT o.account, o.currency, sum(o.amount)::VARCHAR, count(*),
              count(*) FILTER (WHERE r16.click_at IS NOT NULL AND NOT (coalesce(r17.agent, false) AND r17.touch_at > r16.click_at)),
              count(*) FILTER (WHERE r17.agent AND (r16.click_at IS NULL OR r17.touch_at > r16.click_at))
            FROM o LEFT JOIN r16 USING (account, "order") LEFT JOIN r17 USING (account, "order")
            WHERE r16.click_at IS NOT NULL OR r17.agent
            GROUP BY ALL
            """, r =>
        {
            accounts[r.GetString(0)].Sales[r.GetString(1)] = Normalized(decimal.Parse(r.GetString(2), CultureInfo.InvariantCulture));
            accounts[r.GetString(0)].SalesNotes.Add(FormattableString.Invariant($"{r.GetString(1)}: {r.GetInt64(3)} orders, {r.GetInt64(4)} by a web chat click (R16), {r.GetInt64(5)} by an agent touch (R17)"));
        });
        long conversations = 0;
        Read(connection, "SELECT count(*) FROM c", r => conversations = r.GetInt64(0));
        Console.WriteLine(JsonSerializer.Serialize(new ChildOutput(conversations, [.. accounts.Values]), JsonOptions));
        return 0;

        List<Day> Days(string first)
        {
            var date = DateOnly.ParseExact(first, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return [.. Enumerable.Range(0, 7).Select(i => new Day(date.AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 0, Channels.ToDictionary(c => c, _ => 0L)))];
        }
    }

    /// <summary>The SQL that builds the tables the child's queries read, in order.</summary>
    /// <remarks>
    /// Two scans of the log, each filtered or aggregated as it is read (materializing every line as a table first cost more
    /// time and memory than a second scan): the account lines (settings, switches, orders, touches) and the conversations
    /// (one row each, their skill invocations and clicks as lists).
    /// </remarks>
    private static IEnumerable<string> Statements(string file)
    {
        var path = file.Replace("'", "''", StringComparison.Ordinal);
        yield return "SET TimeZone = 'UTC'";
        yield return "SET preserve_insertion_order = false";

        // The account lines ('at' is a keyword: quoted; 'kind' and 'channel' are a touch's on a touch line, 'channel' the
        // switch's on a switch line).
        yield return $$"""
            CREATE TEMP TABLE al AS
            SELECT * FROM read_ndjson('{{path}}', columns = {
              account: 'VARCHAR', conversation: 'VARCHAR', "at": 'TIMESTAMPTZ', type: 'VARCHAR', channel: 'VARCHAR', kind: 'VARCHAR',
              enabled: 'BOOLEAN', shopper: 'STRUCT(email VARCHAR, phone VARCHAR, externalId VARCHAR)', amount: 'DECIMAL(38,10)',
              currency: 'VARCHAR', "order": 'VARCHAR', timeZone: 'VARCHAR', attribution: 'JSON'})
            WHERE type IN ('account-settings', 'agent-switch', 'order', 'touch')
            """;
        yield return "CREATE TEMP TABLE sw AS SELECT account, channel, \"at\", enabled FROM al WHERE type = 'agent-switch'";

        // Per conversation (account + ID), opened by its first shopper message (channel, mode, first question, profile, start);
        // final facts (the sample logs hold only lines at or before each account's as-of); its skill invocations (a maximal
        // run of agent messages with one skill, in time order) and the instants of its product-card clicks. Collected (R12):
        // the agent was on for the channel at the start (the latest switch at or before it), or the account has no switch.
        yield return $$"""
            CREATE TEMP TABLE c AS
            WITH g AS (
              SELECT account, conversation,
                arg_min_null(struct_pack(channel, mode, text, profile), "at") FILTER (WHERE type = 'shopper-message') AS opening,
                min("at") FILTER (WHERE type = 'shopper-message') AS started,
                max("at") FILTER (WHERE type IN ('shopper-message', 'agent-message')) AS last_msg,
                arg_max(type, "at") FILTER (WHERE type IN ('shopper-message', 'agent-message')) AS last_type,
                count(*) FILTER (WHERE type IN ('shopper-message', 'agent-message')) AS messages,
                min("at") FILTER (WHERE type = 'handoff' OR (type = 'ticket-answer' AND accepted)) AS handoff,
                min("at") FILTER (WHERE type = 'close') AS closed,
                max("at") AS last_line,
                list_sort(list(struct_pack("at", skill)) FILTER (WHERE type = 'agent-message')) AS skills,
                list("at") FILTER (WHERE type = 'product-click') AS clicks
              FROM read_ndjson('{{path}}', columns = {
                account: 'VARCHAR', conversation: 'VARCHAR', "at": 'TIMESTAMPTZ', type: 'VARCHAR', channel: 'VARCHAR', mode: 'VARCHAR',
                text: 'VARCHAR', skill: 'VARCHAR', accepted: 'BOOLEAN',
                profile: 'STRUCT(name VARCHAR, email VARCHAR, phone VARCHAR, externalId VARCHAR)'})
              WHERE conversation IS NOT NULL AND type <> 'touch'
              GROUP BY account, conversation)
            SELECT g.account, g.conversation, g.opening.channel AS channel, coalesce(g.opening.mode, 'live') AS mode,
              g.opening.text AS first_question, g.opening.profile AS profile, g.started, g.last_msg, g.last_type, g.messages,
              g.handoff, g.closed, g.last_line,
              list_transform(list_filter(g.skills, (x, i) -> i = 1 OR x.skill <> g.skills[i - 1].skill), x -> x.skill) AS invocations,
              g.clicks,
              g.account NOT IN (SELECT account FROM sw) OR coalesce(sw.enabled, false) AS collected
            FROM g ASOF LEFT JOIN sw ON g.account = sw.account AND g.opening.channel = sw.channel AND g.started >= sw."at"
            """;

        // Per account: as-of = its own latest instant (every line of the account); zone = its latest settings at or before
        // it (UTC by default); last_7_days = the local date of as-of and the 6 days before, from local midnight to local
        // midnight (ICU: days of 23 or 25 hours), and the start of each day.
        yield return """
            CREATE TEMP TABLE acct AS
            WITH a AS (
              SELECT account, max(last) AS as_of FROM (
                SELECT account, max(last_line) AS last FROM c GROUP BY account
                UNION ALL SELECT account, max("at") FROM al GROUP BY account)
              GROUP BY account),
            z AS (
              SELECT a.account, a.as_of,
                coalesce(arg_max(coalesce(s.timeZone, 'UTC'), s."at") FILTER (WHERE s."at" <= a.as_of), 'UTC') AS zone
              FROM a LEFT JOIN al s ON s.account = a.account AND s.type = 'account-settings'
              GROUP BY ALL),
            d AS (SELECT *, timezone(zone, as_of)::DATE AS last_date FROM z)
            SELECT account, as_of, zone, last_date - 6 AS first_date, last_date,
              timezone(zone, (last_date - 6)::TIMESTAMP) AS start, timezone(zone, (last_date + 1)::TIMESTAMP) AS "end"
            FROM d
            """;
        yield return """
            CREATE TEMP TABLE days AS
            SELECT account, first_date + i::INTEGER AS day, timezone(zone, (first_date + i::INTEGER)::TIMESTAMP) AS day_start
            FROM acct, range(7) r(i)
            """;

        // The cohort: live (R20), collected, started in [start, end) and not after as-of, with its local day; its status as
        // of as-of (handoff wins; else closed explicitly or at the last message + 48 h, inclusive: resolved by AI when the
        // agent spoke last).
        yield return """
            CREATE TEMP TABLE cohort AS
            SELECT c.account, c.conversation, c.channel, c.first_question, c.profile, c.messages, c.last_msg, c.invocations, d.day,
              CASE WHEN c.handoff <= a.as_of THEN 'routed-to-team'
                   WHEN coalesce(c.closed, c.last_msg + INTERVAL 48 HOUR) <= a.as_of
                     THEN CASE WHEN c.last_type = 'agent-message' THEN 'resolved-by-ai' ELSE 'closed' END
                   ELSE 'open' END AS status
            FROM c JOIN acct a USING (account)
            ASOF JOIN days d ON c.account = d.account AND c.started >= d.day_start
            WHERE c.mode = 'live' AND c.collected AND c.started >= a.start AND c.started < a."end" AND c.started <= a.as_of
            """;

        // Attribution. A shopper's identifiers as keys (same shopper = one identifier in common): email case-insensitive,
        // phone without separators, external ID; the touchpoints with the vendor's default windows (hours).
        yield return """
            CREATE MACRO ids(s) AS list_filter([
              'e:' || lower(nullif(trim(s.email), '')),
              'p:' || nullif(regexp_replace(regexp_replace(trim(s.phone), '[ .()/-]', '', 'g'), '^00', '+'), ''),
              'x:' || nullif(trim(s.externalId), '')], k -> k IS NOT NULL)
            """;
        yield return """
            CREATE TEMP TABLE tp AS SELECT * FROM (VALUES
              ('sms-click', 'sms', 'click', 120), ('sms-open', 'sms', 'open', 24), ('sms-delivery', 'sms', 'delivery', 12),
              ('email-click', 'email', 'click', 120), ('email-open', 'email', 'open', 120), ('push-open', 'push', 'open', 24),
              ('whatsapp-click', 'whatsapp', 'click', 120), ('whatsapp-open', 'whatsapp', 'open', 12)) v(tp, channel, kind, default_hours)
            """;
        yield return """
            CREATE TEMP TABLE st AS
            SELECT account, "at", coalesce(TRY_CAST(attribution->>'webChatWindowHours' AS INTEGER), 24) AS web_chat_hours,
              attribution->'touchpoints' AS touchpoints
            FROM al WHERE type = 'account-settings'
            """;

        // Orders (each ID once per account: its first line) placed in [start, end) and not after as-of, with the account's
        // settings at their placement (the latest settings line at or before it).
        yield return """
            CREATE TEMP TABLE o AS
            SELECT u.*, coalesce(st.web_chat_hours, 24) AS web_chat_hours, st.touchpoints
            FROM (
              SELECT account, "order", "at" AS placed, amount, upper(trim(currency)) AS currency, ids(shopper) AS keys
              FROM al WHERE type = 'order'
              QUALIFY row_number() OVER (PARTITION BY account, "order" ORDER BY "at") = 1) u
            JOIN acct a USING (account)
            ASOF LEFT JOIN st ON u.account = st.account AND u.placed >= st."at"
            WHERE u.placed >= a.start AND u.placed < a."end" AND u.placed <= a.as_of
            """;
        yield return "CREATE TEMP TABLE ok AS SELECT account, \"order\", placed, web_chat_hours, touchpoints, unnest(keys) AS k FROM o";

        // R16: the latest product-card click at or before the order, per key, in a live, collected web chat conversation of
        // the account (whatever its start), by the same shopper, at most webChatWindowHours before the order (inclusive).
        yield return """
            CREATE TEMP TABLE clicks AS
            SELECT account, "at", unnest(keys) AS k FROM (
              SELECT account, unnest(clicks) AS "at", ids(profile) AS keys
              FROM c WHERE mode = 'live' AND collected AND channel = 'web-chat' AND len(clicks) > 0)
            """;
        yield return """
            CREATE TEMP TABLE r16 AS
            SELECT ok.account, ok."order", max(cl."at") AS click_at
            FROM ok ASOF JOIN clicks cl ON ok.account = cl.account AND ok.k = cl.k AND ok.placed >= cl."at"
            WHERE ok.placed - cl."at" <= to_hours(ok.web_chat_hours)
            GROUP BY ALL
            """;

        // R17: touches with a touchpoint; an agent touch (one naming a conversation) only when its conversation exists, is live
        // and collected. At one instant, key and touchpoint a campaign beats the agent (then the conversation sorting first).
        yield return """
            CREATE TEMP TABLE touches AS
            SELECT t.account, t."at", tp.tp, t.kind, t.channel, t.k,
              bool_and(t.conversation IS NOT NULL) AS agent, min(t.conversation) AS conversation
            FROM (SELECT account, "at", kind, channel, conversation, unnest(ids(shopper)) AS k FROM al WHERE type = 'touch') t
            JOIN tp ON t.channel = tp.channel AND t.kind = tp.kind
            LEFT JOIN c ON t.account = c.account AND t.conversation = c.conversation
            WHERE t.conversation IS NULL OR (c.mode = 'live' AND c.collected)
            GROUP BY ALL
            """;

        // Per order, key and enabled touchpoint (settings at placement, defaults for a touchpoint left out): the latest touch at
        // or before the order, kept when inside that touchpoint's window (inclusive). The last of those wins (ties: click >
        // open > delivery, campaign > agent, sms < email < push < whatsapp, conversation); it credits the order when it is an
        // agent touch (the brief's rule: any Customer Agent touch; the sample logs only have agent SMS clicks).
        yield return """
            CREATE TEMP TABLE r17 AS
            SELECT account, "order", touch_at, agent FROM (
              SELECT q.account, q."order", t."at" AS touch_at, t.agent, t.conversation, t.kind, t.channel
              FROM (
                SELECT ok.*, tp.tp,
                  coalesce(TRY_CAST(ok.touchpoints->tp.tp->>'enabled' AS BOOLEAN), true) AS enabled,
                  coalesce(TRY_CAST(ok.touchpoints->tp.tp->>'windowHours' AS INTEGER), tp.default_hours) AS hours
                FROM ok CROSS JOIN tp) q
              ASOF JOIN touches t ON q.account = t.account AND q.k = t.k AND q.tp = t.tp AND q.placed >= t."at"
              WHERE q.enabled AND q.placed - t."at" <= to_hours(q.hours))
            QUALIFY row_number() OVER (PARTITION BY account, "order" ORDER BY touch_at DESC,
              CASE kind WHEN 'click' THEN 0 WHEN 'open' THEN 1 ELSE 2 END, agent,
              CASE channel WHEN 'sms' THEN 0 WHEN 'email' THEN 1 WHEN 'push' THEN 2 ELSE 3 END, conversation) = 1
            """;
    }

    private static void Read(DuckDBConnection connection, string sql, Action<DuckDBDataReader> row)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = (DuckDBDataReader)command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }

    /// <summary>The same amount without trailing zeros (DuckDB's DECIMAL(38,10) sum prints ten decimals).</summary>
    private static decimal Normalized(decimal amount) => amount / 1.0000000000000000000000000000m;

    private static string Instant(long unixMicroseconds) => Instant(DateTime.UnixEpoch.AddTicks(unixMicroseconds * 10));

    /// <summary>One form for an instant on both sides (the tool writes <c>…Z</c> and <c>…+00:00</c>).</summary>
    private static string Instant(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static string Instant(string text) =>
        Instant(DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime);

    /// <summary>The numbers of <c>customer-agent report --format json</c>, in the child's shape.</summary>
    private static List<AccountNumbers> FromTool(string json)
    {
        var accounts = new List<AccountNumbers>();
        foreach (var a in JsonNode.Parse(json)!.AsArray())
        {
            var period = a!["period"]!;
            var kpis = a["kpis"]!;
            var days = a["days"]!.AsArray().Select(d => new Day(
                d!["date"]!.GetValue<string>(),
                d["total"]!.GetValue<long>(),
                d["by-channel"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<long>()))).ToList();
            var skills = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var s in a["skill-values-report"]!["data"]!["attributes"]!["results"]!.AsArray())
            {
                skills[s!["groupings"]!["skill"]!.GetValue<string>()] = s["statistics"]!["volume"]!.GetValue<long>();
            }

            var rows = (a["conversations"]?["data"]?.AsArray() ?? []).Select(r => new Row(
                r!["id"]!.GetValue<string>(),
                r["attributes"]!["status"]!.GetValue<string>(),
                r["relationships"]!["customer-agent-messages"]!["data"]!.AsArray().Count,
                Instant(r["attributes"]!["updated_at"]!.GetValue<string>()),
                null,
                null)).ToList();
            var sales = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var m in kpis["ai-generated-sales"]!.AsArray())
            {
                sales[m!["currency"]!.GetValue<string>()] = Normalized(m["amount"]!.GetValue<decimal>());
            }

            accounts.Add(new AccountNumbers(
                a["account"]!.GetValue<string>(),
                Instant(a["as-of"]!.GetValue<string>()),
                period["timezone"]!.GetValue<string>(),
                period["first-date"]!.GetValue<string>(),
                period["last-date"]!.GetValue<string>(),
                Instant(period["start"]!.GetValue<string>()),
                Instant(period["end"]!.GetValue<string>()),
                new Kpis(kpis["volume"]!.GetValue<long>(), kpis["open"]!.GetValue<long>(), kpis["resolved-by-ai"]!.GetValue<long>(), kpis["routed-to-team"]!.GetValue<long>(), kpis["closed"]!.GetValue<long>()),
                days,
                skills,
                rows,
                sales,
                []));
        }

        return accounts;
    }

    /// <summary>Every difference between the tool's numbers and DuckDB's, one line each, by account.</summary>
    private static List<string> Compare(List<AccountNumbers> tool, List<AccountNumbers> duck)
    {
        var differences = new List<string>();
        foreach (var name in tool.Select(a => a.Account).Union(duck.Select(a => a.Account)).Order(StringComparer.Ordinal))
        {
            var (t, d) = (tool.FirstOrDefault(a => a.Account == name), duck.FirstOrDefault(a => a.Account == name));
            if (t is null || d is null)
            {
                differences.Add($"{name}: only {(t is null ? "duckdb" : "customer-agent")} reports this account");
                continue;
            }

            differences.AddRange(CompareAccount(t, d).Select(x => $"{name} {x}"));
        }

        return differences;
    }

    private static IEnumerable<string> CompareAccount(AccountNumbers t, AccountNumbers d)
    {
        static string? Diff<T>(string what, T a, T b) => EqualityComparer<T>.Default.Equals(a, b) ? null : $"{what}: customer-agent {a}, duckdb {b}";

        var header = new[]
        {
            Diff("as-of", t.AsOf, d.AsOf), Diff("time zone", t.TimeZone, d.TimeZone), Diff("first date", t.FirstDate, d.FirstDate),
            Diff("last date", t.LastDate, d.LastDate), Diff("start", t.Start, d.Start), Diff("end", t.End, d.End),
            Diff("volume", t.Kpis.Volume, d.Kpis.Volume), Diff("open", t.Kpis.Open, d.Kpis.Open),
            Diff("resolved-by-ai", t.Kpis.ResolvedByAi, d.Kpis.ResolvedByAi), Diff("routed-to-team", t.Kpis.RoutedToTeam, d.Kpis.RoutedToTeam),
            Diff("closed", t.Kpis.Closed, d.Kpis.Closed),
        };
        foreach (var x in header.OfType<string>())
        {
            yield return x;
        }

        if (t.FirstDate == d.FirstDate)
        {
            foreach (var (td, dd) in t.Days.Zip(d.Days))
            {
                var cells = new[] { Diff("total", td.Total, dd.Total) }
                    .Concat(td.ByChannel.Keys.Union(dd.ByChannel.Keys).Select(c => Diff(c, td.ByChannel.GetValueOrDefault(c), dd.ByChannel.GetValueOrDefault(c))))
                    .OfType<string>().ToList();
                if (cells.Count > 0)
                {
                    yield return $"day {td.Date} {string.Join("; ", cells)}";
                }
            }
        }

        foreach (var skill in t.Skills.Keys.Union(d.Skills.Keys).Order(StringComparer.Ordinal))
        {
            if (Diff($"skill {skill}", t.Skills.GetValueOrDefault(skill), d.Skills.GetValueOrDefault(skill)) is { } x)
            {
                yield return x;
            }
        }

        for (var i = 0; i < Math.Max(t.Rows.Count, d.Rows.Count); i++)
        {
            var (tr, dr) = (t.Rows.ElementAtOrDefault(i), d.Rows.ElementAtOrDefault(i));
            if (tr is null || dr is null || (tr.Id, tr.Status, tr.Messages, tr.LastUpdated) != (dr.Id, dr.Status, dr.Messages, dr.LastUpdated))
            {
                yield return $"row {i + 1}: customer-agent {Describe(tr)}, duckdb {Describe(dr)}";
            }
        }

        foreach (var currency in t.Sales.Keys.Union(d.Sales.Keys).Order(StringComparer.Ordinal))
        {
            if (Diff($"ai-generated-sales {currency}", t.Sales.GetValueOrDefault(currency), d.Sales.GetValueOrDefault(currency)) is { } x)
            {
                yield return x;
            }
        }

        static string Describe(Row? r) => r is null ? "(none)" : $"{r.Id} {r.Status} {r.Messages} msgs {r.LastUpdated}";
    }

    /// <summary>Both sides of one account, briefly; the first table rows as DuckDB sees them (the tool's JSON has no first question or profile).</summary>
    private static void Print(AccountNumbers? t, AccountNumbers d)
    {
        static string Kpis(AccountNumbers a) => FormattableString.Invariant($"volume {a.Kpis.Volume}, open/resolved-by-ai/routed-to-team/closed = {a.Kpis.Open}/{a.Kpis.ResolvedByAi}/{a.Kpis.RoutedToTeam}/{a.Kpis.Closed}; sales {Sales(a)}");
        static string Sales(AccountNumbers a) => a.Sales.Count == 0 ? "none" : string.Join(" + ", a.Sales.Select(kv => FormattableString.Invariant($"{kv.Value:0.##########} {kv.Key}")));

        Console.WriteLine($"account {d.Account}: {d.TimeZone} {d.FirstDate}..{d.LastDate}");
        Console.WriteLine($"  customer-agent (as of {t?.AsOf}): {(t is null ? "(absent)" : Kpis(t))}");
        Console.WriteLine($"  duckdb         (as of {d.AsOf}): {Kpis(d)}");
        foreach (var note in d.SalesNotes)
        {
            Console.WriteLine($"  duckdb sales {note}");
        }

        Console.WriteLine($"  duckdb skills: {string.Join(", ", d.Skills.Select(kv => $"{kv.Key} {kv.Value}"))}");
        foreach (var r in d.Rows)
        {
            Console.WriteLine($"  duckdb row {r.Id} {r.Status} {r.Messages} msgs {r.LastUpdated} '{r.FirstQuestion}' {r.Profile}");
        }
    }

    /// <summary>
    /// Untimed: for each account whose as-of differs (the tool takes the log's latest instant for every account), the tool again
    /// with <c>--account A --now</c> DuckDB's as-of, so the differences that rule explains are told from the others.
    /// </summary>
    private static void Explain(string cli, string file, List<AccountNumbers> tool, List<AccountNumbers> duck)
    {
        foreach (var d in duck)
        {
            if (tool.FirstOrDefault(a => a.Account == d.Account) is not { } t || t.AsOf == d.AsOf)
            {
                continue;
            }

            var (code, output) = EndToEnd.Exec(cli, "report", "--format", "json", "--log", file, "--account", d.Account, "--now", d.AsOf);
            if (code != 0)
            {
                Console.WriteLine($"  (customer-agent --account {d.Account} --now {d.AsOf} exited with {code})");
                continue;
            }

            var left = CompareAccount(FromTool(output).Single(), d).ToList();
            Console.WriteLine($"{d.Account}: the tool as of the log's latest instant {t.AsOf}, DuckDB as of the account's own {d.AsOf}; customer-agent --account {d.Account} --now {d.AsOf}: "
                + (left.Count == 0 ? "all numbers agree (every difference of this account is the as-of rule)" : $"{left.Count} difference(s) remain:"));
            foreach (var x in left)
            {
                Console.WriteLine($"    {d.Account} {x}");
            }
        }
    }

    internal sealed record ChildOutput(long Conversations, List<AccountNumbers> Accounts);

    internal sealed record AccountNumbers(
        string Account,
        string AsOf,
        string TimeZone,
        string FirstDate,
        string LastDate,
        string Start,
        string End,
        Kpis Kpis,
        List<Day> Days,
        SortedDictionary<string, long> Skills,
        List<Row> Rows,
        SortedDictionary<string, decimal> Sales,
        List<string> SalesNotes);

    internal sealed record Kpis(long Volume, long Open, long ResolvedByAi, long RoutedToTeam, long Closed);

    internal sealed record Day(string Date, long Total, Dictionary<string, long> ByChannel)
    {
        public long Total { get; set; } = Total;
    }

    internal sealed record Row(string Id, string Status, long Messages, string LastUpdated, string? FirstQuestion, string? Profile);
}
