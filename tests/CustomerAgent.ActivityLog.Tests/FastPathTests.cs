using System.Globalization;
using System.Text;
using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>
/// The parse stage's fast scanner against the strict <see cref="System.Text.Json.Utf8JsonReader"/> path: on any line, valid or
/// corrupted, both give the same parsed values, the same rejection and the same reason, in both reader modes.
/// </summary>
public sealed class FastPathTests
{
    private static readonly string[] Strings =
    [
        "x", "Hi", " ", "", "conv-00001", "acme", "héllo wörld", "日本", "a\\\"b", "back\\\\slash", "tab\\tnew\\nline", "\\u002B15550000002",
        "That doesn\\u0027t help.", "\\u00e9t\\u00C9", "\\ud83d\\ude00", "\\ud800", "\\udc00x", "\\u0000", "\\/", "\\b\\f\\r", "\\x", "\\u12", "\\u12g4",
        "ann@example.com", "+15550000002", "SKU-1", "2026-06-07T10:00:00Z",
    ];

    private static readonly string[] Instants =
    [
        "2026-06-07T10:00:00Z", "2026-06-07T10:00:00.123456789Z", "2026-06-07T12:00:00+02:00", "2999-06-07T10:00:00Z", "1899-12-31T23:59:59Z",
        "1900-01-01T00:00:00Z", "2199-12-31T23:59:59.999999999Z", "2026-02-30T10:00:00Z", "2026-06-07 10:00:00Z", "yesterday", "2026-06-07T10:00:00",
    ];

    private static readonly string[] Channels = ["web-chat", "sms", "email", "whatsapp", "push", "fax", "Web-Chat"];

    /// <summary>Fields per line type, each with the values it may take (JSON text), valid ones first.</summary>
    private static readonly (string Type, (string Name, string[] Values)[] Fields)[] Templates =
    [
        ("shopper-message", [("channel", Quoted(Channels)), ("mode", Quoted("live", "preview", "demo")), ("text", Quoted(Strings)), ("profile", ["{\"name\":\"Ann\"}", "{\"email\":\"ann@example.com\",\"phone\":\"\\u002B15550000002\"}", "{}", "{\"email\":\"nope\"}", "{\"externalId\":\"e1\",\"name\":\"B\"}", "{\"nick\":\"x\"}", "{\"email\":1}", "{\"name\":\"a\",\"name\":\"b\"}"])]),
        ("agent-message", [("text", Quoted(Strings)), ("skill", Quoted("general-qa", " ", "product-recommendations")), ("products", ["[\"SKU-1\",\"SKU-2\"]", "[]", "[\"SKU-1\",\"SKU-1\"]", "[\" \"]", "[1]", "[\"a\" , \"b\"]", "[[\"x\"]]", "\"SKU-1\""])]),
        ("product-click", [("product", Quoted(Strings))]),
        ("tag", [("tag", Quoted(Strings))]),
        ("handoff", [("kind", Quoted("custom-message", "transfer-to-human", "custom-closing-message", "ticket")), ("mode", Quoted("hard", "soft", "silent", "loud")), ("reason", Quoted("knowledge-gap", "explicit-ask", "escalation-rule", "unintelligible-input", "bad-billing-state", "whim"))]),
        ("ticket-offer", [("mode", Quoted("hard", "soft", "silent")), ("reason", Quoted("knowledge-gap", "explicit-ask"))]),
        ("ticket-answer", [("accepted", ["true", "false", "\"yes\"", "1", "null", "tru"])]),
        ("close", [("by", Quoted("visitor", "host", "agent"))]),
        ("agent-switch", [("channel", Quoted(Channels)), ("enabled", ["true", "false", "0"])]),
        ("touch", [("channel", Quoted(Channels)), ("kind", Quoted("delivery", "open", "click", "bounce")), ("shopper", ["{\"email\":\"ann@example.com\"}", "{\"phone\":\"+15550000002\",\"externalId\":\"x\"}", "{}", "{\"name\":\"Ann\"}"])]),
        ("order", [("order", Quoted("o-1")), ("shopper", ["{\"email\":\"ann@example.com\"}"]), ("amount", ["59.90", "1", "-1", "\"5\""]), ("currency", Quoted("EUR", "XXX", "eur")), ("items", ["[\"SKU-1\"]", "[]"])]),
        ("account-settings", [("timeZone", Quoted("Europe/Paris", "Mars/Base")), ("firstDayOfWeek", Quoted("monday", "someday"))]),
    ];

    private static readonly byte[] Noise = "\"\\{}[],: \t1tfn#\u00e9x"u8.ToArray().Concat(new byte[] { 0x01, 0x1F, 0x7F, 0xFF, 0xC3, 0x0D }).ToArray();

    private static string[] Quoted(params string[] values) => values.Select(v => "\"" + v + "\"").ToArray();

    /// <summary>A line from a seed: a template's fields in a random order, random values, random white space; then maybe corrupted.</summary>
    internal static byte[] MakeLine(int seed, int corruption)
    {
        var random = new Random(seed);
        var (type, extra) = Templates[random.Next(Templates.Length)];
        var isConversation = Array.IndexOf(["agent-switch", "touch", "order", "account-settings"], type) < 0;
        var fields = new List<(string Name, string Value)>
        {
            ("type", "\"" + (random.Next(20) == 0 ? "tagg" : type) + "\""),
            ("account", Quoted("acme", "a\\u0063me", " ", "")[random.Next(random.Next(8) == 0 ? 4 : 2)]),
            ("at", "\"" + Instants[random.Next(random.Next(4) == 0 ? Instants.Length : 3)] + "\""),
        };
        if (isConversation || random.Next(4) == 0)
        {
            fields.Add(("conversation", Quoted("c1", "conv-00001", " ", "c\\u0031")[random.Next(random.Next(8) == 0 ? 4 : 2)]));
        }

        foreach (var (name, values) in extra)
        {
            if (random.Next(6) != 0)
            {
                fields.Add((name, values[random.Next(random.Next(3) == 0 ? values.Length : 1)]));
            }
        }

        fields = fields.OrderBy(_ => random.Next()).ToList();
        string Ws() => random.Next(6) == 0 ? new[] { " ", "\t", "  ", "\r" }[random.Next(4)] : string.Empty;
        var text = new StringBuilder(Ws() + "{");
        text.AppendJoin(",", fields.Select(f => $"{Ws()}\"{f.Name}\"{Ws()}:{Ws()}{f.Value}{Ws()}"));
        text.Append('}').Append(Ws());
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(text.ToString()));
        for (var k = 0; k < corruption; k++)
        {
            var at = random.Next(bytes.Count + 1);
            switch (random.Next(4))
            {
                case 0 when at < bytes.Count: bytes.RemoveAt(at); break;
                case 1: bytes.Insert(at, Noise[random.Next(Noise.Length)]); break;
                case 2 when at < bytes.Count: bytes[at] = Noise[random.Next(Noise.Length)]; break;
                default: bytes.InsertRange(at, Encoding.UTF8.GetBytes(",\"tag\":\"dup\"")); break;
            }
        }

        return bytes.ToArray();
    }

    /// <summary>Everything the parse stage gives the apply stage, as text.</summary>
    private static string Describe(Chunk chunk, ref ParsedLine p)
    {
        string S(Str s) => s.IsPresent ? "'" + Convert.ToHexString(chunk.Get(s)) + "'" : "-";
        var products = string.Join(",", Enumerable.Range(p.ProductsStart, p.ProductsCount).Select(i => S(chunk.Products[i])));
        var extra = p.Extra switch
        {
            null => "-",
            Profile pr => $"profile {pr.Name}|{pr.Email}|{pr.PhoneNumber}|{pr.ExternalId}",
            Touch t => $"touch {t.Shopper.Email}|{t.Shopper.PhoneNumber}|{t.Shopper.ExternalId}|{t.Channel}|{t.Kind}|{t.At}|{(t.Touchpoint is null ? "-" : t.AgentConversation.ToString())}",
            Order o => $"order {o.Id}|{o.Shopper.Email}|{o.Total}|{o.PlacedAt}",
            AccountSettings s => $"settings {s.AccountId}|{s.At}|{s.TimeZone.Id}|{s.FirstDayOfWeek}",
            var other => other.ToString()!,
        };
        return string.Create(CultureInfo.InvariantCulture, $"error={p.Error ?? "-"} key={p.HasKey} kind={p.Kind} present={p.Present:X} at={p.At} account={S(p.Account)} conversation={S(p.Conversation)} text={S(p.Text)} skill={S(p.Skill)} value={S(p.Value)} channel={p.Channel} mode={p.Mode} e={p.E1}/{p.E2}/{p.E3} flag={p.Flag} products=[{products}] extra={extra}");
    }

    /// <summary>
    /// Parses a line both ways, as the reader does in <paramref name="mode"/> (which decides whether an opening line's profile is
    /// built or only validated); returns both descriptions and whether the fast scanner read it.
    /// </summary>
    internal static (string Fast, string Strict, bool TakenFast) BothWays(byte[] line, ReaderMode mode)
    {
        var keepProfiles = mode == ReaderMode.KeepConversations;
        // chunks of the line's size, as ActivityLogFeed makes them (the default chunk's 4 MiB would make this test allocation-bound)
        var fastChunk = new Chunk(Math.Max(line.Length, 16), 1, 256) { KeepProfiles = keepProfiles };
        var fast = default(ParsedLine);
        var takenFast = LineParser.Parse(fastChunk, line, ref fast, fast: true);
        var strictChunk = new Chunk(Math.Max(line.Length, 16), 1, 256) { KeepProfiles = keepProfiles };
        var strict = default(ParsedLine);
        LineParser.Parse(strictChunk, line, ref strict, fast: false);
        return (Describe(fastChunk, ref fast), Describe(strictChunk, ref strict), takenFast);
    }

    /// <summary>The rejection reason in a <see cref="Describe"/> text (<c>-</c> when the line parsed).</summary>
    private static string ErrorOf(string description) => description[..description.IndexOf(" key=", StringComparison.Ordinal)];

    /// <summary>
    /// In each reader mode the fast and the strict path give the same values and the same rejection; the two modes reject the
    /// same lines with the same reason; and a whole read of the line after an opening line agrees in both modes (<see cref="Modes"/>).
    /// </summary>
    [Property(MaxTest = 2000)]
    public Property The_fast_path_and_the_strict_path_agree_on_random_valid_and_corrupted_lines_in_both_modes()
    {
        var gen = Gen.Choose(0, int.MaxValue).Zip(Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(1, 3))));
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var line = MakeLine(input.Item1, input.Item2);
            var (leanFast, leanStrict, _) = BothWays(line, ReaderMode.Lean);
            var (keptFast, keptStrict, _) = BothWays(line, ReaderMode.KeepConversations);
            var log = Logs.Join([Encoding.UTF8.GetBytes(Logs.Open), line]);
            var differences = Modes.Differences(Modes.ReadOnly(ReaderMode.Lean, log), Modes.ReadOnly(ReaderMode.KeepConversations, log));
            return (leanFast == leanStrict && keptFast == keptStrict && ErrorOf(leanFast) == ErrorOf(keptFast) && differences.Count == 0)
                .Label($"line {Encoding.UTF8.GetString(line)}\nlean fast   {leanFast}\nlean strict {leanStrict}\nkept fast   {keptFast}\nkept strict {keptStrict}\nreads: {string.Join("; ", differences)}");
        });
    }

    /// <summary>The property above must exercise the fast scanner, accepted lines and rejected ones alike.</summary>
    [Theory]
    [InBothModes]
    public void The_generated_lines_reach_both_paths_and_both_outcomes(ReaderMode mode)
    {
        var outcomes = Enumerable.Range(0, 3000).Select(seed => (seed, Line: MakeLine(seed, seed % 3 == 0 ? 1 : 0)))
            .Select(x => (x.Line, Result: BothWays(x.Line, mode))).ToList();

        Assert.All(outcomes, o => Assert.Equal(o.Result.Strict, o.Result.Fast));
        Assert.Contains(outcomes, o => o.Result.TakenFast && o.Result.Fast.StartsWith("error=-", StringComparison.Ordinal));
        Assert.Contains(outcomes, o => o.Result.TakenFast && !o.Result.Fast.StartsWith("error=-", StringComparison.Ordinal));
        Assert.Contains(outcomes, o => !o.Result.TakenFast && o.Result.Fast.StartsWith("error=-", StringComparison.Ordinal));
        Assert.Contains(outcomes, o => !o.Result.TakenFast && !o.Result.Fast.StartsWith("error=-", StringComparison.Ordinal));
    }

    /// <summary>The common lines take the fast path: every line of the bundled sample but orders and settings with attribution.</summary>
    [Theory]
    [InBothModes]
    public void The_sample_lines_take_the_fast_path_except_numbers_and_attribution(ReaderMode mode)
    {
        foreach (var line in File.ReadAllLines(Logs.SamplePath).Where(l => l.Length > 0))
        {
            var (fast, strict, takenFast) = BothWays(Encoding.UTF8.GetBytes(line), mode);
            Assert.Equal(strict, fast);
            Assert.Equal(IsFastLine(line), takenFast);
        }
    }

    /// <summary>Whether a sample line is one the fast scanner reads: no amount (a number) and no attribution (nested objects).</summary>
    private static bool IsFastLine(string line) =>
        !line.Contains("\"amount\"", StringComparison.Ordinal) && !line.Contains("\"attribution\"", StringComparison.Ordinal);

    /// <summary>The first 400 sample lines the fast scanner reads (<see cref="IsFastLine"/>).</summary>
    private static IEnumerable<string> FastSampleLines() =>
        File.ReadAllLines(Logs.SamplePath).Where(l => l.Length > 0 && IsFastLine(l)).Take(400);

    /// <summary>
    /// White space between the tokens (JSON allows spaces, tabs and carriage returns on one line) keeps a line on the fast path:
    /// the first 400 sample lines the test above puts there, written out indented with their line feeds turned into each kind of space.
    /// </summary>
    [Theory]
    [InBothModes]
    public void The_sample_lines_spread_out_by_white_space_still_take_the_fast_path(ReaderMode mode)
    {
        var options = new System.Text.Json.JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var lines = FastSampleLines();
        foreach (var line in lines)
        {
            using var document = System.Text.Json.JsonDocument.Parse(line);
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, options))
            {
                document.WriteTo(writer);
            }

            var indented = Encoding.UTF8.GetString(buffer.WrittenSpan).Replace("\r\n", "\n", StringComparison.Ordinal);
            foreach (var space in new[] { "\t", " ", "\r", " \t\r " })
            {
                var spread = Encoding.UTF8.GetBytes(" " + indented.Replace("\n", space, StringComparison.Ordinal) + space);
                var (fast, strict, takenFast) = BothWays(spread, mode);
                Assert.Equal(strict, fast);
                Assert.True(takenFast, Encoding.UTF8.GetString(spread));
                Assert.Equal(BothWays(Encoding.UTF8.GetBytes(line), mode).Fast, fast);
            }
        }
    }

    /// <summary>
    /// Escapes in string values keep a line on the fast path and read as the characters they stand for: the first 400 sample
    /// lines the test above puts there and lines whose values hold a quote, a backslash and a slash, their values rewritten with <c>\u</c> escapes in small and capital hex digits, the short escapes
    /// (<c>\/</c>, <c>\"</c>, <c>\\</c>) and plain characters in turn (surrogate escapes are left to the strict path).
    /// </summary>
    [Theory]
    [InBothModes]
    public void The_sample_lines_with_escaped_values_still_take_the_fast_path(ReaderMode mode)
    {
        var lines = FastSampleLines()
            .Append("""{"conversation":"c1","account":"acme","channel":"web-chat","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"say \"hi\" \\ to a/b"}""")
            .Append("""{"conversation":"c1","account":"acme","at":"2026-06-07T10:01:00Z","type":"tag","tag":"\\\"/"}""");
        foreach (var line in lines)
        {
            using var document = System.Text.Json.JsonDocument.Parse(line);
            var text = new StringBuilder();
            Write(document.RootElement, text);
            var escaped = Encoding.UTF8.GetBytes(text.ToString());
            var (fast, strict, takenFast) = BothWays(escaped, mode);
            Assert.Equal(strict, fast);
            Assert.True(takenFast, text.ToString());
            Assert.Equal(BothWays(Encoding.UTF8.GetBytes(line), mode).Fast, fast);
        }

        static void Write(System.Text.Json.JsonElement element, StringBuilder text)
        {
            switch (element.ValueKind)
            {
                case System.Text.Json.JsonValueKind.Object:
                    text.Append('{');
                    text.AppendJoin(",", element.EnumerateObject().Select(p =>
                    {
                        var member = new StringBuilder("\"" + p.Name + "\":");
                        Write(p.Value, member);
                        return member.ToString();
                    }));
                    text.Append('}');
                    break;
                case System.Text.Json.JsonValueKind.Array:
                    text.Append('[');
                    text.AppendJoin(",", element.EnumerateArray().Select(v =>
                    {
                        var item = new StringBuilder();
                        Write(v, item);
                        return item.ToString();
                    }));
                    text.Append(']');
                    break;
                case System.Text.Json.JsonValueKind.String:
                    text.Append('"');
                    var value = element.GetString()!;
                    for (var k = 0; k < value.Length; k++)
                    {
                        var c = value[k];
                        text.Append(char.IsSurrogate(c) ? c.ToString()
                            : c is '"' or '\\' or '/' ? "\\" + c
                            : (k % 3) switch
                            {
                                0 => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                                1 => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                                _ => c < ' ' ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}") : c.ToString(),
                            });
                    }

                    text.Append('"');
                    break;
                default:
                    text.Append(element.GetRawText());
                    break;
            }
        }
    }

    /// <summary>
    /// The checks the parse stage calls in the core (blank texts and IDs, H6, the wire names of channels, modes, kinds,
    /// reasons and <c>by</c>) look at the bytes: a valid conversation line costs no allocation on the fast path (the first
    /// pass warms the chunk's arrays up; the lean read builds no profile).
    /// </summary>
    [Fact]
    public void Valid_conversation_lines_are_parsed_without_allocating()
    {
        byte[][] lines =
        [
            .. new[]
            {
                """{"conversation":"c1","account":"acme","channel":"web-chat","mode":"preview","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"h\u00e9llo 　 wörld"}""",
                """{"conversation":"c1","account":"acme","channel":"sms","at":"2026-06-07T10:01:00.5+02:00","type":"agent-message","text":"Hi","skill":"general-qa","products":["SKU-1","SKU-2","SKU-1"]}""",
                """{"conversation":"c1","account":"acme","at":"2026-06-07T10:02:00Z","type":"product-click","product":"SKU-1"}""",
                """{"conversation":"c1","account":"acme","at":"2026-06-07T10:03:00Z","type":"tag","tag":"日本"}""",
                """{"conversation":"c1","account":"acme","at":"2026-06-07T10:04:00Z","type":"handoff","kind":"transfer-to-human","mode":"silent","reason":"bad-billing-state"}""",
                """{"conversation":"c1","account":"acme","at":"2026-06-07T10:05:00Z","type":"ticket-offer","mode":"soft","reason":"knowledge-gap"}""",
                """{"conversation":"c1","account":"acme","at":"2026-06-07T10:06:00Z","type":"ticket-answer","accepted":true}""",
                """{"conversation":"c1","account":"acme","channel":"whatsapp","at":"2026-06-07T10:07:00Z","type":"close","by":"host"}""",
                """{"account":"acme","at":"2026-06-07T10:08:00Z","type":"agent-switch","channel":"email","enabled":false}""",
            }.Select(Encoding.UTF8.GetBytes),
        ];
        var chunk = new Chunk(1 << 22, 1 << 14, 1 << 16) { KeepProfiles = false };
        var parsed = default(ParsedLine);
        foreach (var line in lines)
        {
            Assert.True(LineParser.Parse(chunk, line, ref parsed), Encoding.UTF8.GetString(line));
            Assert.Null(parsed.Error);
        }

        // the fewest bytes of three rounds: a round in which the runtime itself allocates on this thread (a method promoted to
        // its optimized tier mid-loop was seen to cost about 1.4 KB once on a loaded machine) does not hide a parser that never does
        var fewest = long.MaxValue;
        for (var round = 0; round < 3 && fewest != 0; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100; i++)
            {
                chunk.ValuesLength = 0;
                chunk.ProductsLength = 0;
                foreach (var line in lines)
                {
                    LineParser.Parse(chunk, line, ref parsed);
                }
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, fewest);
    }

    /// <summary>The field lookup (shared by both paths) finds every field by its exact name and nothing else.</summary>
    [Fact]
    public void Every_field_name_is_found_and_near_misses_are_not()
    {
        for (var i = 0; i < LineParser.FieldNames.Length; i++)
        {
            var name = LineParser.FieldNames[i];
            Assert.Equal(i, LineParser.Lookup(Encoding.UTF8.GetBytes(name)));
            Assert.Equal(-1, LineParser.Lookup(Encoding.UTF8.GetBytes(name.ToUpperInvariant())));
            Assert.Equal(-1, LineParser.Lookup(Encoding.UTF8.GetBytes(name[..^1] + "_")));
            Assert.Equal(Array.IndexOf(LineParser.FieldNames, name + "s"), LineParser.Lookup(Encoding.UTF8.GetBytes(name + "s")));
        }

        Assert.Equal(-1, LineParser.Lookup([]));
    }

    /// <summary>The scanner's search for the end of a plain run (eight bytes at a time) against a byte-by-byte oracle, at every position of strings longer than a word, with the bytes on each side of every boundary.</summary>
    [Property(MaxTest = 2000)]
    public Property FindSpecial_finds_the_first_quote_backslash_or_control_byte()
    {
        var bytes = Gen.Elements<byte>(0x00, 0x01, 0x1F, 0x20, 0x21, (byte)'"', (byte)'#', (byte)'[', (byte)'\\', (byte)']', (byte)'a', 0x7F, 0x80, 0x9F, 0xA0, 0xC3, 0xE2, 0xFF);
        var plain = Gen.Elements<byte>(0x20, 0x21, (byte)'#', (byte)'a', (byte)']', 0x7F, 0x80, 0xA2, 0xDF, 0xFF);
        var gen = from length in Gen.Choose(0, 40)
                  from text in plain.ArrayOf(length)
                  from marks in Gen.Choose(0, 3).SelectMany(n => Gen.Choose(0, Math.Max(0, length - 1)).Zip(bytes).ArrayOf(n))
                  select (text, marks);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var text = (byte[])input.text.Clone();
            foreach (var (at, b) in input.marks)
            {
                if (at < text.Length)
                {
                    text[at] = b;
                }
            }

            var expected = Array.FindIndex(text, b => b < 0x20 || b == (byte)'"' || b == (byte)'\\');
            Assert.Equal(expected, LineParser.FindSpecial(text));
        });
    }
}
