using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.Serialization;
using NodaTime;

namespace CustomerAgent.ActivityLog;

/// <summary>
/// The parse stage: splits a chunk into lines and reads each with <see cref="Utf8JsonReader"/> on the raw bytes, strictly
/// (docs/activity-log.md, "Strict"). Everything that depends on the line alone is checked here, in parallel across chunks;
/// what depends on earlier lines (the conversation's state) is checked by the apply stage.
/// </summary>
internal static partial class LineParser
{
    /// <summary>The deepest nesting a line may have: the line, <c>attribution</c>, <c>touchpoints</c>, one touchpoint.</summary>
    internal const int MaxDepth = 4;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false };

    internal static readonly string[] FieldNames =
    [
        "conversation", "account", "at", "type", "channel", "mode", "text", "profile", "skill", "products", "product", "tag", "kind",
        "reason", "accepted", "by", "timeZone", "firstDayOfWeek", "attribution", "enabled", "order", "shopper", "amount", "currency", "items",
    ];

    private static readonly string[] TypeNames =
    [
        "shopper-message", "agent-message", "product-click", "tag", "handoff", "ticket-offer", "ticket-answer", "close",
        "account-settings", "agent-switch", "order", "touch",
    ];

    private static readonly byte[][] TypeNamesUtf8 = Array.ConvertAll(TypeNames, Encoding.UTF8.GetBytes);

    private const uint Common = (1u << (int)Field.Account) | (1u << (int)Field.At) | (1u << (int)Field.Type);
    private const uint ConversationCommon = Common | (1u << (int)Field.Conversation);

    /// <summary>Required fields per kind.</summary>
    private static readonly uint[] Required =
    [
        ConversationCommon | Bit(Field.Text),
        ConversationCommon | Bit(Field.Text) | Bit(Field.Skill),
        ConversationCommon | Bit(Field.Product),
        ConversationCommon | Bit(Field.Tag),
        ConversationCommon | Bit(Field.Kind) | Bit(Field.Mode) | Bit(Field.Reason),
        ConversationCommon | Bit(Field.Mode) | Bit(Field.Reason),
        ConversationCommon | Bit(Field.Accepted),
        ConversationCommon | Bit(Field.By),
        Common,
        Common | Bit(Field.Channel) | Bit(Field.Enabled),
        Common | Bit(Field.Order) | Bit(Field.Shopper) | Bit(Field.Amount) | Bit(Field.Currency),
        Common | Bit(Field.Channel) | Bit(Field.Kind) | Bit(Field.Shopper),
    ];

    /// <summary>Allowed fields per kind (required ones included).</summary>
    private static readonly uint[] Allowed =
    [
        Required[0] | Bit(Field.Channel) | Bit(Field.Mode) | Bit(Field.Profile),
        Required[1] | Bit(Field.Channel) | Bit(Field.Products),
        Required[2] | Bit(Field.Channel),
        Required[3] | Bit(Field.Channel),
        Required[4] | Bit(Field.Channel),
        Required[5] | Bit(Field.Channel),
        Required[6] | Bit(Field.Channel),
        Required[7] | Bit(Field.Channel),
        Required[8] | Bit(Field.TimeZone) | Bit(Field.FirstDayOfWeek) | Bit(Field.Attribution),
        Required[9],
        Required[10] | Bit(Field.Items),
        Required[11] | Bit(Field.Conversation),
    ];

    private static uint Bit(Field f) => 1u << (int)f;

    /// <summary>Parses every line of <paramref name="chunk"/> into <see cref="Chunk.Lines"/>.</summary>
    /// <param name="chunk">The chunk.</param>
    /// <param name="fast">Try the fast scanner on each line (false: the strict path only, for tests and benchmarks).</param>
    internal static void ParseChunk(Chunk chunk, bool fast = true)
    {
        var data = chunk.Data.AsSpan(0, chunk.DataLength);
        if (chunk.OverlongLength > 0)
        {
            // the first bytes of one line longer than the maximum: rejected with its real length, never parsed
            ref var overlong = ref chunk.Lines[0];
            overlong.Start = 0;
            overlong.Length = data.Length;
            overlong.Error = string.Create(CultureInfo.InvariantCulture, $"LOG: line is {chunk.OverlongLength:N0} bytes long, over the maximum line length of {ActivityLogReader.MaxLineLength:N0} bytes (64 MiB, its line end included); it is not read (its first {data.Length:N0} bytes are kept).");
            chunk.LineCount = 1;
            chunk.TotalLines = 1;
            return;
        }

        // One vectorized UTF-8 check over the whole chunk: lines split at '\n' (ASCII) of valid UTF-8 are valid UTF-8.
        var allValid = Utf8.IsValid(data);
        var index = 0;
        var position = 0;
        while (position < data.Length)
        {
            var rest = data[position..];
            var newline = rest.IndexOf((byte)'\n');
            var length = newline < 0 ? rest.Length : newline;
            var line = rest[..length];
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (!IsSkipped(line))
            {
                if (chunk.LineCount == chunk.Lines.Length)
                {
                    Array.Resize(ref chunk.Lines, chunk.Lines.Length * 2);
                }

                ref var parsed = ref chunk.Lines[chunk.LineCount++];
                parsed.Start = position;
                parsed.Length = line.Length;
                parsed.Index = index;
                Parse(chunk, line, ref parsed, fast, knownUtf8: allValid);
                if (parsed.Conversation.IsPresent)
                {
                    parsed.ConversationHash = Utf8Interner.Hash(chunk.Get(parsed.Conversation));
                }

                if (parsed.Error is null)
                {
                    parsed.ValueHash = parsed.Kind switch
                    {
                        LineKind.Tag => Utf8Interner.Hash(chunk.Get(parsed.Value)),
                        LineKind.AgentMessage => Utf8Interner.Hash(chunk.Get(parsed.Skill)),
                        _ => 0,
                    };
                }
            }

            index++;
            position += length + 1;
        }

        chunk.TotalLines = index;
    }

    /// <summary>Blank lines and lines whose first non-blank character is <c>#</c> are skipped (but counted).</summary>
    internal static bool IsSkipped(ReadOnlySpan<byte> line)
    {
        var trimmed = line.TrimStart(" \t\r\f\v"u8);
        return trimmed.IsEmpty || trimmed[0] == (byte)'#';
    }

    /// <summary>Parses one line (without its terminator) into <paramref name="parsed"/>.</summary>
    /// <param name="chunk">The chunk whose value arena receives the line's strings.</param>
    /// <param name="line">The line.</param>
    /// <param name="parsed">Receives the result (its place fields are kept).</param>
    /// <param name="fast">Try the fast scanner first (<see cref="TryScan"/>); false: the strict <see cref="Utf8JsonReader"/> path only.</param>
    /// <param name="knownUtf8">The caller has checked that the line is valid UTF-8.</param>
    /// <returns>Whether the fast scanner read the line (false: the strict path did).</returns>
    internal static bool Parse(Chunk chunk, ReadOnlySpan<byte> line, ref ParsedLine parsed, bool fast = true, bool knownUtf8 = false)
    {
        ResetValues(ref parsed);
        if (!knownUtf8 && !Utf8.IsValid(line))
        {
            parsed.Error = NotUtf8(line);
            return false;
        }

        var ctx = new Context(chunk);
        if (fast)
        {
            var values = chunk.ValuesLength;
            var products = chunk.ProductsLength;
            if (TryScan(line, ref parsed, ref ctx))
            {
                SetHasKey(ref parsed, ref ctx);
                InterpretOrReject(chunk, ref parsed, ref ctx);
                return true;
            }

            chunk.ValuesLength = values;
            chunk.ProductsLength = products;
            ResetValues(ref parsed);
            ctx = new Context(chunk);
        }

        try
        {
            var reader = new Utf8JsonReader(line, isFinalBlock: true, new JsonReaderState(ReaderOptions));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                parsed.Error = $"LOG: line = '{Echo(line)}' is not a JSON object; every line is one object {{\"type\": …}}.";
                return false;
            }

            ReadTopLevel(ref reader, ref parsed, ref ctx);
            SetHasKey(ref parsed, ref ctx);
            if (reader.Read())
            {
                parsed.Error ??= "LOG: line holds more than one JSON value; a line is exactly one object.";
            }
        }
        catch (JsonException ex)
        {
            parsed.HasKey = false;
            parsed.Error = ex.Message.Contains("maximum configured depth", StringComparison.Ordinal)
                ? string.Create(CultureInfo.InvariantCulture, $"LOG: line nests deeper than {MaxDepth} levels (the line, attribution, touchpoints, one touchpoint); no field goes deeper.")
                : $"LOG: line = '{Echo(line)}' is not valid JSON: {FirstSentence(ex.Message)}";
            return false;
        }

        if (parsed.Error is null)
        {
            InterpretOrReject(chunk, ref parsed, ref ctx);
        }

        return false;
    }

    private static void ResetValues(ref ParsedLine parsed)
    {
        var (start, length, index) = (parsed.Start, parsed.Length, parsed.Index);
        parsed = default;
        parsed.Start = start;
        parsed.Length = length;
        parsed.Index = index;
        parsed.Channel = ParsedLine.Absent;
        parsed.Mode = ParsedLine.Absent;
    }

    /// <summary>Whether the line names its account and conversation (valid, non-blank) on a line that is or may be a conversation line.</summary>
    private static void SetHasKey(ref ParsedLine parsed, ref Context ctx)
    {
        parsed.HasKey = parsed.Account.IsPresent && parsed.Conversation.IsPresent
            && !Preconditions.IsBlank(ctx.Chunk.Get(parsed.Account)) && !Preconditions.IsBlank(ctx.Chunk.Get(parsed.Conversation))
            && (!ctx.Type.IsPresent || IsConversationType(ctx.Chunk.Get(ctx.Type)));
    }

    private static void InterpretOrReject(Chunk chunk, ref ParsedLine parsed, ref Context ctx)
    {
        try
        {
            Interpret(chunk, ref parsed, ref ctx);
        }
        catch (CustomerAgentException ex)
        {
            parsed.Error = ex.Message;
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }

    private static string NotUtf8(ReadOnlySpan<byte> line)
    {
        var valid = 0;
        while (valid < line.Length)
        {
            var status = Rune.DecodeFromUtf8(line[valid..], out _, out var consumed);
            if (status != OperationStatus.Done)
            {
                break;
            }

            valid += consumed;
        }

        return string.Create(CultureInfo.InvariantCulture, $"LOG: line is not valid UTF-8: byte 0x{line[valid]:X2} at column {valid + 1} (after '{Echo(line[..valid])}'); the log is UTF-8 JSON Lines.");
    }

    /// <summary>A line's bytes as readable text cut to <see cref="CustomerAgentException.MaxEchoedLength"/> characters (invalid bytes shown as U+FFFD).</summary>
    internal static string Echo(ReadOnlySpan<byte> bytes)
    {
        const int max = CustomerAgentException.MaxEchoedLength;
        if (bytes.Length <= 4 * max)
        {
            return CustomerAgentException.Cut(Encoding.UTF8.GetString(bytes))!;
        }

        // a long value: its first characters, and how many bytes of it are left out (its real size, not the decoded prefix's)
        var text = Encoding.UTF8.GetString(bytes[..(4 * max)]);
        var keep = Math.Min(max, text.Length);
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        var left = bytes.Length - Encoding.UTF8.GetByteCount(text.AsSpan(0, keep));
        return string.Create(CultureInfo.InvariantCulture, $"{text.AsSpan(0, keep)}…(+{left:N0} bytes)");
    }

    /// <summary>What a line collected besides the slots of <see cref="ParsedLine"/>: the strings that only some types use.</summary>
    private ref struct Context
    {
        public Context(Chunk chunk)
        {
            Chunk = chunk;
        }

        public Chunk Chunk;
        public Str Type;
        public Str At;
        public Str Channel;
        public Str Mode;
        public Str Kind;
        public Str Reason;
        public Str By;
        public Str TimeZone;
        public Str FirstDayOfWeek;
        public Str Order;
        public Str Currency;
        public decimal Amount;

        /// <summary>The bytes of an amount a decimal cannot hold exactly (rejected when the order is built, D5), or null.</summary>
        public byte[]? InexactAmount;
        public Str Name;
        public Str Email;
        public Str Phone;
        public Str ExternalId;
        public int ItemsStart;
        public int ItemsCount;
        public int? WebChatWindowHours;
        /// <summary>The touchpoints as written: name, and the window in hours when enabled (null: disabled); checked in <c>Settings</c>.</summary>
        public List<(string Name, int? WindowHours)>? Touchpoints;
    }

    private static void Fail(ref ParsedLine parsed, string reason) => parsed.Error ??= reason;

    private static void ReadTopLevel(ref Utf8JsonReader reader, ref ParsedLine parsed, ref Context ctx)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader);
            var field = Lookup(name);
            reader.Read();
            if (field < 0)
            {
                Fail(ref parsed, $"LOG: field '{Echo(name)}' is not a field of the activity log (see docs/activity-log.md; names are case-sensitive).");
                reader.Skip();
                continue;
            }

            var bit = 1u << field;
            if ((parsed.Present & bit) != 0)
            {
                Fail(ref parsed, $"LOG: field '{FieldNames[field]}' appears twice; a line holds each field once.");
                reader.Skip();
                continue;
            }

            parsed.Present |= bit;
            switch ((Field)field)
            {
                case Field.Conversation: parsed.Conversation = ReadString(ref reader, ref parsed, ref ctx, field); break;
                case Field.Account: parsed.Account = ReadString(ref reader, ref parsed, ref ctx, field); break;
                case Field.At: ctx.At = ReadString(ref reader, ref parsed, ref ctx, field); break;
                case Field.Type: ctx.Type = ReadString(ref reader, ref parsed, ref ctx, field); break;
                case Field.Channel: ctx.Channel = ReadString(ref reader, ref parsed, ref ctx, field); break;
                case Field.Mode: ctx.Mode = ReadString(ref reader, ref parsed, ref ctx, field); break;
                case Field.Text: parsed.Text = ReadString(ref reader, ref parsed, ref ctx, field); break;
                case Field.Skill: parsed.Skill = ReadString(ref reader, ref parsed, ref ctx, field); break;
                case Field.Product: parsed.Value = ReadString(ref reader, ref parsed, ref ctx, field); break;
                case Field.Tag: parsed.Value = ReadString(ref reader, ref parsed, ref ctx, field); break;
                case Field.Kind: ctx.Kind = ReadString(ref reader, ref parsed, ref ctx, field); break;
                case Field.Reason: ctx.Reason = ReadString(ref reader, ref parsed, ref ctx, field); break;
                case Field.By: ctx.By = ReadString(ref reader, ref parsed, ref ctx, field); break;
                case Field.TimeZone: ctx.TimeZone = ReadString(ref reader, ref parsed, ref ctx, field); break;
                case Field.FirstDayOfWeek: ctx.FirstDayOfWeek = ReadString(ref reader, ref parsed, ref ctx, field); break;
                case Field.Order: ctx.Order = ReadString(ref reader, ref parsed, ref ctx, field); break;
                case Field.Currency: ctx.Currency = ReadString(ref reader, ref parsed, ref ctx, field); break;
                case Field.Accepted:
                case Field.Enabled:
                    if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
                    {
                        parsed.Flag = reader.TokenType == JsonTokenType.True;
                    }
                    else
                    {
                        WrongType(ref reader, ref parsed, FieldNames[field], "true or false");
                    }

                    break;
                case Field.Amount:
                    if (reader.TokenType == JsonTokenType.Number && !Money.TryParseExact(reader.ValueSpan, out ctx.Amount))
                    {
                        ctx.InexactAmount = reader.ValueSpan.ToArray(); // never rounded: rejected by D5 when the order is built
                    }
                    else if (reader.TokenType != JsonTokenType.Number)
                    {
                        WrongType(ref reader, ref parsed, "amount", "a JSON number (a decimal amount such as 59.90)");
                    }

                    break;
                case Field.Products:
                    ReadStringArray(ref reader, ref parsed, ref ctx, "products", out parsed.ProductsStart, out parsed.ProductsCount);
                    break;
                case Field.Items:
                    ReadStringArray(ref reader, ref parsed, ref ctx, "items", out ctx.ItemsStart, out ctx.ItemsCount);
                    break;
                case Field.Profile:
                case Field.Shopper:
                    ReadIdentity(ref reader, ref parsed, ref ctx, (Field)field);
                    break;
                case Field.Attribution:
                    ReadAttribution(ref reader, ref parsed, ref ctx);
                    break;
            }
        }
    }

    private static ReadOnlySpan<byte> PropertyName(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        try
        {
            return Encoding.UTF8.GetBytes(reader.GetString()!);
        }
        catch (InvalidOperationException)
        {
            return "\uFFFD"u8;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static int Lookup(ReadOnlySpan<byte> name)
    {
        var f = name.Length switch
        {
            2 => name.SequenceEqual("at"u8) ? Field.At : name.SequenceEqual("by"u8) ? Field.By : (Field)(-1),
            3 => name.SequenceEqual("tag"u8) ? Field.Tag : (Field)(-1),
            4 => name.SequenceEqual("type"u8) ? Field.Type : name.SequenceEqual("text"u8) ? Field.Text : name.SequenceEqual("mode"u8) ? Field.Mode : name.SequenceEqual("kind"u8) ? Field.Kind : (Field)(-1),
            5 => name.SequenceEqual("skill"u8) ? Field.Skill : name.SequenceEqual("order"u8) ? Field.Order : name.SequenceEqual("items"u8) ? Field.Items : (Field)(-1),
            6 => name.SequenceEqual("reason"u8) ? Field.Reason : name.SequenceEqual("amount"u8) ? Field.Amount : (Field)(-1),
            7 => name.SequenceEqual("account"u8) ? Field.Account : name.SequenceEqual("channel"u8) ? Field.Channel : name.SequenceEqual("profile"u8) ? Field.Profile
                : name.SequenceEqual("product"u8) ? Field.Product : name.SequenceEqual("shopper"u8) ? Field.Shopper : name.SequenceEqual("enabled"u8) ? Field.Enabled : (Field)(-1),
            8 => name.SequenceEqual("products"u8) ? Field.Products : name.SequenceEqual("accepted"u8) ? Field.Accepted : name.SequenceEqual("timeZone"u8) ? Field.TimeZone
                : name.SequenceEqual("currency"u8) ? Field.Currency : (Field)(-1),
            11 => name.SequenceEqual("attribution"u8) ? Field.Attribution : (Field)(-1),
            12 => name.SequenceEqual("conversation"u8) ? Field.Conversation : (Field)(-1),
            14 => name.SequenceEqual("firstDayOfWeek"u8) ? Field.FirstDayOfWeek : (Field)(-1),
            _ => (Field)(-1),
        };
        return (int)f;
    }

    private static void WrongType(ref Utf8JsonReader reader, ref ParsedLine parsed, string field, string expected)
    {
        var got = reader.TokenType switch
        {
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            _ => reader.TokenType.ToString(),
        };
        var raw = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray ? null : Echo(reader.ValueSpan);
        Fail(ref parsed, raw is null
            ? $"LOG: field '{field}' is {got}; it must be {expected}."
            : $"LOG: field '{field}' = {raw} is {got}; it must be {expected}.");
        reader.Skip();
    }

    /// <summary>Reads a string value into the chunk's value arena (escapes resolved); a lone surrogate escape rejects the line.</summary>
    private static Str ReadString(ref Utf8JsonReader reader, ref ParsedLine parsed, ref Context ctx, int field) =>
        ReadString(ref reader, ref parsed, ref ctx, FieldNames[field]);

    private static Str ReadString(ref Utf8JsonReader reader, ref ParsedLine parsed, ref Context ctx, string field)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            WrongType(ref reader, ref parsed, field, "a string");
            return Str.None;
        }

        var chunk = ctx.Chunk;
        var raw = reader.ValueSpan;
        if (chunk.Values.Length - chunk.ValuesLength < raw.Length)
        {
            Array.Resize(ref chunk.Values, Math.Max(chunk.Values.Length * 2, chunk.ValuesLength + raw.Length));
        }

        var start = chunk.ValuesLength;
        int length;
        if (!reader.ValueIsEscaped)
        {
            raw.CopyTo(chunk.Values.AsSpan(start));
            length = raw.Length;
        }
        else
        {
            try
            {
                length = reader.CopyString(chunk.Values.AsSpan(start));
            }
            catch (InvalidOperationException)
            {
                Fail(ref parsed, $"LOG: field '{field}' = '{Echo(raw)}' holds an escape that is not valid UTF-16 (a lone surrogate such as \\ud800); text must be valid Unicode.");
                return Str.None;
            }
        }

        chunk.ValuesLength += length;
        return new Str(start, length);
    }

    private static void ReadStringArray(ref Utf8JsonReader reader, ref ParsedLine parsed, ref Context ctx, string field, out int start, out int count)
    {
        start = ctx.Chunk.ProductsLength;
        count = 0;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            WrongType(ref reader, ref parsed, field, "an array of strings");
            return;
        }

        var i = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var s = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
                ? ReadString(ref reader, ref parsed, ref ctx, field)
                : ReadString(ref reader, ref parsed, ref ctx, string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]"));
            i++;
            if (!s.IsPresent)
            {
                continue;
            }

            var chunk = ctx.Chunk;
            if (chunk.ProductsLength == chunk.Products.Length)
            {
                Array.Resize(ref chunk.Products, chunk.Products.Length * 2);
            }

            chunk.Products[chunk.ProductsLength++] = s;
            count++;
        }
    }

    private static void ReadIdentity(ref Utf8JsonReader reader, ref ParsedLine parsed, ref Context ctx, Field field)
    {
        var name = FieldNames[(int)field];
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            WrongType(ref reader, ref parsed, name, "an object");
            return;
        }
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = PropertyName(ref reader);
            reader.Read();
            var slot = key.SequenceEqual("name"u8) && field == Field.Profile ? 0 : key.SequenceEqual("email"u8) ? 1 : key.SequenceEqual("phone"u8) ? 2 : key.SequenceEqual("externalId"u8) ? 3 : -1;
            if (slot < 0)
            {
                Fail(ref parsed, $"LOG: field '{name}.{Echo(key)}' is not a field of {name} (known: {(field == Field.Profile ? "name, " : string.Empty)}email, phone, externalId).");
                reader.Skip();
                continue;
            }

            var keyName = slot switch { 0 => "name", 1 => "email", 2 => "phone", _ => "externalId" };
            if ((seen & (1 << slot)) != 0)
            {
                Fail(ref parsed, $"LOG: field '{name}.{keyName}' appears twice; a line holds each field once.");
                reader.Skip();
                continue;
            }

            seen |= 1 << slot;
            var value = ReadString(ref reader, ref parsed, ref ctx, $"{name}.{keyName}");
            switch (slot)
            {
                case 0: ctx.Name = value; break;
                case 1: ctx.Email = value; break;
                case 2: ctx.Phone = value; break;
                default: ctx.ExternalId = value; break;
            }
        }

        if (seen == 0)
        {
            ctx.Name = ctx.Name.Length == 0 ? Str.None : ctx.Name;
        }
    }

    private static void ReadAttribution(ref Utf8JsonReader reader, ref ParsedLine parsed, ref Context ctx)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            WrongType(ref reader, ref parsed, "attribution", "an object");
            return;
        }
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = PropertyName(ref reader);
            reader.Read();
            if (key.SequenceEqual("webChatWindowHours"u8) && (seen & 1) == 0)
            {
                seen |= 1;
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var hours))
                {
                    ctx.WebChatWindowHours = hours;
                }
                else
                {
                    WrongType(ref reader, ref parsed, "attribution.webChatWindowHours", "a whole number of hours");
                }
            }
            else if (key.SequenceEqual("touchpoints"u8) && (seen & 2) == 0)
            {
                seen |= 2;
                ReadTouchpoints(ref reader, ref parsed, ref ctx);
            }
            else
            {
                Fail(ref parsed, key.SequenceEqual("webChatWindowHours"u8) || key.SequenceEqual("touchpoints"u8)
                    ? $"LOG: field 'attribution.{Echo(key)}' appears twice; a line holds each field once."
                    : $"LOG: field 'attribution.{Echo(key)}' is not a field of attribution (known: webChatWindowHours, touchpoints).");
                reader.Skip();
            }
        }

        ctx.Touchpoints ??= [];
    }

    private static void ReadTouchpoints(ref Utf8JsonReader reader, ref ParsedLine parsed, ref Context ctx)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            WrongType(ref reader, ref parsed, "attribution.touchpoints", "an object of touchpoint name → {enabled, windowHours}");
            return;
        }

        ctx.Touchpoints ??= [];
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var touchpoint = Encoding.UTF8.GetString(PropertyName(ref reader));
            var field = $"attribution.touchpoints.{CustomerAgentException.Cut(touchpoint)}";
            reader.Read();
            if (!names.Add(touchpoint))
            {
                Fail(ref parsed, $"LOG: field '{field}' appears twice; a line holds each field once.");
                reader.Skip();
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                WrongType(ref reader, ref parsed, field, "an object {\"enabled\": true|false, \"windowHours\": N}");
                continue;
            }

            bool? enabled = null;
            int? hours = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = PropertyName(ref reader);
                reader.Read();
                if (key.SequenceEqual("enabled"u8) && enabled is null && reader.TokenType is JsonTokenType.True or JsonTokenType.False)
                {
                    enabled = reader.TokenType == JsonTokenType.True;
                }
                else if (key.SequenceEqual("windowHours"u8) && hours is null && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var h))
                {
                    hours = h;
                }
                else if (key.SequenceEqual("enabled"u8) || key.SequenceEqual("windowHours"u8))
                {
                    if ((key.SequenceEqual("enabled"u8) && enabled is not null) || (key.SequenceEqual("windowHours"u8) && hours is not null))
                    {
                        Fail(ref parsed, $"LOG: field '{field}.{Echo(key)}' appears twice; a line holds each field once.");
                        reader.Skip();
                    }
                    else
                    {
                        WrongType(ref reader, ref parsed, $"{field}.{Echo(key)}", key.SequenceEqual("enabled"u8) ? "true or false" : "a whole number of hours");
                    }
                }
                else
                {
                    Fail(ref parsed, $"LOG: field '{field}.{Echo(key)}' is not a field of a touchpoint (known: enabled, windowHours).");
                    reader.Skip();
                }
            }

            if (enabled is null)
            {
                Fail(ref parsed, $"LOG: field '{field}.enabled' is missing (required on every touchpoint).");
            }
            else if (enabled.Value && hours is null)
            {
                Fail(ref parsed, $"LOG: field '{field}.windowHours' is missing (required when the touchpoint is enabled).");
            }
            else if (!enabled.Value && hours is not null)
            {
                Fail(ref parsed, $"LOG: field '{field}.windowHours' is not allowed on a disabled touchpoint.");
            }
            else
            {
                ctx.Touchpoints.Add((touchpoint, enabled.Value ? hours!.Value : null));
            }
        }
    }

    /// <summary>Checks the fields against the type and turns values into enums, instants and domain values.</summary>
    private static void Interpret(Chunk chunk, ref ParsedLine parsed, ref Context ctx)
    {
        if (!ctx.Type.IsPresent)
        {
            throw Missing("type", "every line");
        }

        var type = chunk.Get(ctx.Type);
        var kind = TypeIndex(type);
        if (kind < 0)
        {
            throw new CustomerAgentException("LOG", "type", chunk.GetString(ctx.Type), $"is not one of {string.Join(", ", TypeNames)}");
        }

        parsed.Kind = (LineKind)kind;
        var typeName = TypeNames[kind];
        var missing = Required[kind] & ~parsed.Present;
        if (missing != 0)
        {
            throw Missing(FieldNames[System.Numerics.BitOperations.TrailingZeroCount(missing)], $"a {typeName} line");
        }

        var extra = parsed.Present & ~Allowed[kind];
        if (extra != 0)
        {
            throw new CustomerAgentException("LOG", FieldNames[System.Numerics.BitOperations.TrailingZeroCount(extra)], null, $"is not a field of a {typeName} line (see docs/activity-log.md)");
        }

        Preconditions.CheckText(chunk.Get(parsed.Account), "account", "ID");
        if (parsed.Conversation.IsPresent)
        {
            Preconditions.CheckText(chunk.Get(parsed.Conversation), "conversation", "ID");
        }

        var at = chunk.Get(ctx.At);
        if (!IsoInstant.TryParse(at, out parsed.At, out var inRange))
        {
            throw new CustomerAgentException("LOG", "at", chunk.GetString(ctx.At), "is not an ISO 8601 instant such as 2026-06-07T10:00:00Z or 2026-06-07T12:00:00+02:00");
        }

        if (!inRange)
        {
            throw SupportedInstants.OutOfRange("at", chunk.GetString(ctx.At));
        }

        if (ctx.Channel.IsPresent && parsed.Kind != LineKind.Touch)
        {
            parsed.Channel = (byte)ApiNames.ParseChannel(chunk.Get(ctx.Channel));
        }

        switch (parsed.Kind)
        {
            case LineKind.ShopperMessage:
                Preconditions.CheckText(chunk.Get(parsed.Text), "text", "H4");
                if (ctx.Mode.IsPresent)
                {
                    parsed.Mode = (byte)ApiNames.ParseConversationMode(chunk.Get(ctx.Mode));
                }

                if ((parsed.Present & Bit(Field.Profile)) != 0)
                {
                    // Validated always (R11); built only when the aggregates are (the lean state never reads it). Without them,
                    // the contact details are checked in place, and Profile.Create runs only to give a rejected line its reason.
                    if (chunk.KeepProfiles || !ContactDetailsAreValid(chunk, ref ctx))
                    {
                        var profile = Profile.Create(Opt(chunk, ctx.Name), Opt(chunk, ctx.Email), Opt(chunk, ctx.Phone), Opt(chunk, ctx.ExternalId));
                        parsed.Extra = chunk.KeepProfiles ? profile : null;
                    }

                    parsed.ProfileName = ctx.Name;
                    parsed.ProfileEmail = ctx.Email;
                    parsed.ProfilePhone = ctx.Phone;
                    parsed.ProfileExternalId = ctx.ExternalId;
                }

                break;
            case LineKind.AgentMessage:
                Preconditions.CheckText(chunk.Get(parsed.Text), "text", "H4");
                Preconditions.CheckText(chunk.Get(parsed.Skill), "skill", "H4");
                for (var i = 0; i < parsed.ProductsCount; i++)
                {
                    // H4's other half, no product twice in one recommendation, is the core's (FactsTable.RecordAgentMessage, applied).
                    Preconditions.CheckText(chunk.Get(chunk.Products[parsed.ProductsStart + i]), "products", i, "H4");
                }

                break;
            case LineKind.ProductClick:
                Preconditions.CheckText(chunk.Get(parsed.Value), "productId", "H4");
                break;
            case LineKind.Tag:
                Preconditions.CheckText(chunk.Get(parsed.Value), "tag", "H4");
                break;
            case LineKind.Handoff:
                parsed.E1 = (byte)ApiNames.ParseHandoffKind(chunk.Get(ctx.Kind));
                parsed.E2 = (byte)ApiNames.ParseHandoffMode(chunk.Get(ctx.Mode));
                parsed.E3 = (byte)ApiNames.ParseHandoffReason(chunk.Get(ctx.Reason));
                break;
            case LineKind.TicketOffer:
                parsed.E2 = (byte)ApiNames.ParseHandoffMode(chunk.Get(ctx.Mode));
                parsed.E3 = (byte)ApiNames.ParseHandoffReason(chunk.Get(ctx.Reason));
                break;
            case LineKind.Close:
                parsed.E1 = (byte)ApiNames.ParseClosedBy(chunk.Get(ctx.By));
                break;
            case LineKind.AccountSettings:
                parsed.Extra = Settings(chunk, ref parsed, ref ctx);
                break;
            case LineKind.Order:
                parsed.Extra = BuildOrder(chunk, ref parsed, ref ctx);
                break;
            case LineKind.Touch:
                parsed.Extra = BuildTouch(chunk, ref parsed, ref ctx);
                break;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static int TypeIndex(ReadOnlySpan<byte> type)
    {
        if (type.Length < 3)
        {
            return -1;
        }

        var guess = type[0] switch
        {
            (byte)'s' => 0,
            (byte)'a' => type.Length == 13 ? 1 : type.Length == 16 ? 8 : 9,
            (byte)'p' => 2,
            (byte)'t' => type.Length == 3 ? 3 : type.Length == 5 ? 11 : type.Length < 8 ? -1 : type[7] == (byte)'o' ? 5 : 6,
            (byte)'h' => 4,
            (byte)'c' => 7,
            (byte)'o' => 10,
            _ => -1,
        };
        return guess >= 0 && type.SequenceEqual(TypeNamesUtf8[guess]) ? guess : -1;
    }

    /// <summary>Whether a <c>type</c> value names a conversation line (or is unknown, when the line may still be one).</summary>
    private static bool IsConversationType(ReadOnlySpan<byte> type)
    {
        return TypeIndex(type) is < (int)LineKind.AccountSettings;
    }

    private static CustomerAgentException Missing(string field, string where) =>
        new("LOG", field, null, $"is missing (field '{field}' is required on {where})");

    /// <summary>
    /// Whether <see cref="Profile.Create"/> accepts the line's email and phone (the only profile fields it can reject), checked
    /// with <see cref="ContactDetails.IsValidEmail"/> and <see cref="ContactDetails.IsValidPhoneNumber"/> on the decoded
    /// characters without allocating; false also for values too long to check on the stack (then <see cref="Profile.Create"/> decides).
    /// </summary>
    private static bool ContactDetailsAreValid(Chunk chunk, ref Context ctx)
    {
        Span<char> chars = stackalloc char[MaxCheckedBytes];
        return IsAbsentOrValid(chunk, ctx.Email, chars, static email => ContactDetails.IsValidEmail(email))
            && IsAbsentOrValid(chunk, ctx.Phone, chars, static phone => ContactDetails.IsValidPhoneNumber(phone));
    }

    private const int MaxCheckedBytes = 512;

    /// <summary>Whether a profile field is absent or blank (<see cref="Profile.Create"/> treats both as no value), or passes <paramref name="check"/>; false for values over <see cref="MaxCheckedBytes"/>.</summary>
    private static bool IsAbsentOrValid(Chunk chunk, Str field, Span<char> chars, Func<ReadOnlySpan<char>, bool> check)
    {
        if (!field.IsPresent)
        {
            return true;
        }

        var bytes = chunk.Get(field);
        if (bytes.Length > chars.Length)
        {
            return false;
        }

        var value = chars[..Encoding.UTF8.GetChars(bytes, chars)];
        return value.IsWhiteSpace() || check(value);
    }

    private static string? Opt(Chunk chunk, Str s) => s.IsPresent ? chunk.GetString(s) : null;

    private static AccountSettings Settings(Chunk chunk, ref ParsedLine parsed, ref Context ctx)
    {
        var zone = ctx.TimeZone.IsPresent ? AccountReportingSettings.ZoneOf(chunk.GetString(ctx.TimeZone), "timeZone") : null;
        IsoDayOfWeek? firstDay = ctx.FirstDayOfWeek.IsPresent ? ApiNames.ParseDayOfWeek(chunk.Get(ctx.FirstDayOfWeek)) : null;
        AttributionSettings? attribution = null;
        if ((parsed.Present & Bit(Field.Attribution)) != 0)
        {
            var webChatWindow = ctx.WebChatWindowHours is { } h ? AttributionSettings.WindowOfHours(h, "attribution.webChatWindowHours") : (Duration?)null;
            var touchpoints = new List<KeyValuePair<string, TouchpointSetting>>(ctx.Touchpoints?.Count ?? 0);
            foreach (var (name, hours) in ctx.Touchpoints ?? [])
            {
                // the window is checked in hours before it becomes a Duration (NodaTime's hours end near ±4 × 10^8)
                touchpoints.Add(new(name, hours is { } on ? TouchpointSetting.On(AttributionSettings.WindowOfHours(on, $"attribution.touchpoints.{CustomerAgentException.Cut(name)}.windowHours")) : TouchpointSetting.Off));
            }

            attribution = ApiNames.ToAttributionSettings(touchpoints, webChatWindow);
        }

        return new AccountSettings(AccountId.From(chunk.GetString(parsed.Account)), IsoInstant.ToInstant(parsed.At), zone, firstDay, attribution);
    }

    private static ShopperIdentity Shopper(Chunk chunk, Str account, ref Context ctx) =>
        ShopperIdentity.Create(AccountId.From(chunk.GetString(account)), Opt(chunk, ctx.Email), Opt(chunk, ctx.Phone), Opt(chunk, ctx.ExternalId));

    private static Order BuildOrder(Chunk chunk, ref ParsedLine parsed, ref Context ctx)
    {
        var items = new string[ctx.ItemsCount];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = chunk.GetString(chunk.Products[ctx.ItemsStart + i]);
        }

        return Order.Create(chunk.GetString(ctx.Order), Shopper(chunk, parsed.Account, ref ctx), IsoInstant.ToInstant(parsed.At), Money.Of(ctx.InexactAmount is { } inexact ? Money.ExactAmount(inexact, "amount") : ctx.Amount, chunk.GetString(ctx.Currency)), items);
    }

    private static Touch BuildTouch(Chunk chunk, ref ParsedLine parsed, ref Context ctx)
    {
        var channel = ApiNames.ParseTouchChannel(chunk.Get(ctx.Channel));
        var kind = ApiNames.ParseTouchKind(chunk.Get(ctx.Kind));
        var shopper = Shopper(chunk, parsed.Account, ref ctx);
        var at = IsoInstant.ToInstant(parsed.At);
        parsed.Channel = (byte)channel;
        parsed.E1 = (byte)kind;
        return parsed.Conversation.IsPresent
            ? Touch.FromCustomerAgent(shopper, channel, kind, at, ConversationId.From(chunk.GetString(parsed.Conversation)))
            : Touch.FromCampaign(shopper, channel, kind, at);
    }
}
