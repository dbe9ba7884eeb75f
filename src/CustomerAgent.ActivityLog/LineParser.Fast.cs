namespace CustomerAgent.ActivityLog;

/// <summary>
/// The fast path of the parse stage: a hand-written scanner for the common line (one object of string, boolean and
/// string-array fields, with <c>profile</c>/<c>shopper</c> objects of strings). It fills exactly what the strict
/// <see cref="System.Text.Json.Utf8JsonReader"/> path fills and then shares its interpretation (<c>Interpret</c>), so an
/// accepted line gets the same values. It gives up (returns false, and the strict path reads the line from scratch) on
/// anything it does not know for sure is valid: numbers, <c>attribution</c>, surrogate escapes, unknown or duplicate fields,
/// wrong types, control characters, trailing bytes. So every rejection and its reason come from the strict path.
/// </summary>
internal static partial class LineParser
{
    /// <summary>Scans <paramref name="line"/> (valid UTF-8) into <paramref name="parsed"/> and <paramref name="ctx"/>; false to fall back.</summary>
    private static bool TryScan(ReadOnlySpan<byte> line, ref ParsedLine parsed, ref Context ctx)
    {
        var i = SkipWhiteSpace(line, 0);
        if (i >= line.Length || line[i] != (byte)'{')
        {
            return false;
        }

        i = SkipWhiteSpace(line, i + 1);
        while (true)
        {
            if (!ScanName(line, ref i, out var name))
            {
                return false;
            }

            var field = Lookup(name);
            if (field < 0)
            {
                return false;
            }

            var bit = 1u << field;
            if ((parsed.Present & bit) != 0)
            {
                return false;
            }

            parsed.Present |= bit;
            bool ok;
            switch ((Field)field)
            {
                case Field.Conversation: ok = ScanString(line, ref i, ctx.Chunk, out parsed.Conversation); break;
                case Field.Account: ok = ScanString(line, ref i, ctx.Chunk, out parsed.Account); break;
                case Field.At: ok = ScanString(line, ref i, ctx.Chunk, out ctx.At); break;
                case Field.Type: ok = ScanString(line, ref i, ctx.Chunk, out ctx.Type); break;
                case Field.Channel: ok = ScanString(line, ref i, ctx.Chunk, out ctx.Channel); break;
                case Field.Mode: ok = ScanString(line, ref i, ctx.Chunk, out ctx.Mode); break;
                case Field.Text: ok = ScanString(line, ref i, ctx.Chunk, out parsed.Text); break;
                case Field.Skill: ok = ScanString(line, ref i, ctx.Chunk, out parsed.Skill); break;
                case Field.Product: ok = ScanString(line, ref i, ctx.Chunk, out parsed.Value); break;
                case Field.Tag: ok = ScanString(line, ref i, ctx.Chunk, out parsed.Value); break;
                case Field.Kind: ok = ScanString(line, ref i, ctx.Chunk, out ctx.Kind); break;
                case Field.Reason: ok = ScanString(line, ref i, ctx.Chunk, out ctx.Reason); break;
                case Field.By: ok = ScanString(line, ref i, ctx.Chunk, out ctx.By); break;
                case Field.TimeZone: ok = ScanString(line, ref i, ctx.Chunk, out ctx.TimeZone); break;
                case Field.FirstDayOfWeek: ok = ScanString(line, ref i, ctx.Chunk, out ctx.FirstDayOfWeek); break;
                case Field.Order: ok = ScanString(line, ref i, ctx.Chunk, out ctx.Order); break;
                case Field.Currency: ok = ScanString(line, ref i, ctx.Chunk, out ctx.Currency); break;
                case Field.Accepted:
                case Field.Enabled: ok = ScanBoolean(line, ref i, out parsed.Flag); break;
                case Field.Products: ok = ScanStringArray(line, ref i, ctx.Chunk, out parsed.ProductsStart, out parsed.ProductsCount); break;
                case Field.Items: ok = ScanStringArray(line, ref i, ctx.Chunk, out ctx.ItemsStart, out ctx.ItemsCount); break;
                case Field.Profile:
                case Field.Shopper: ok = ScanIdentity(line, ref i, ref ctx, field == (int)Field.Profile); break;
                default: ok = false; break; // amount, attribution: the strict path
            }

            if (!ok)
            {
                return false;
            }

            i = SkipWhiteSpace(line, i);
            if (i >= line.Length)
            {
                return false;
            }

            if (line[i] == (byte)',')
            {
                i = SkipWhiteSpace(line, i + 1);
                continue;
            }

            if (line[i] != (byte)'}')
            {
                return false;
            }

            return SkipWhiteSpace(line, i + 1) == line.Length;
        }
    }

    /// <summary>1 for the bytes that end a plain run inside a JSON string: <c>"</c>, <c>\</c> and the control characters below 0x20.</summary>
    private static ReadOnlySpan<byte> Special =>
    [
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    /// <summary>
    /// The index of the first <see cref="Special"/> byte, or -1: eight bytes at a time in a <see cref="ulong"/> (strings here
    /// are too short for vectors to pay), then the table for the last few.
    /// </summary>
    internal static int FindSpecial(ReadOnlySpan<byte> s)
    {
        const ulong Ones = 0x0101010101010101UL;
        const ulong Highs = 0x8080808080808080UL;
        var k = 0;
        for (; k <= s.Length - 8; k += 8)
        {
            var x = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(s[k..]);
            var quote = x ^ (Ones * '"');
            var backslash = x ^ (Ones * '\\');

            // High bit of a byte set where that byte is zero ("), zero (\) or below 0x20; exact for the lowest such byte,
            // which is the one wanted (borrows only run upward, from a byte that matches).
            var found = (((quote - Ones) & ~quote) | ((backslash - Ones) & ~backslash) | ((x - (Ones * 0x20)) & ~x)) & Highs;
            if (found != 0)
            {
                return k + (System.Numerics.BitOperations.TrailingZeroCount(found) >> 3);
            }
        }

        var table = Special;
        for (; k < s.Length; k++)
        {
            if (table[s[k]] != 0)
            {
                return k;
            }
        }

        return -1;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int SkipWhiteSpace(ReadOnlySpan<byte> line, int i)
    {
        // compact JSON has none: one comparison in the common case
        if ((uint)i < (uint)line.Length && line[i] > (byte)' ')
        {
            return i;
        }

        while (i < line.Length && line[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }

    /// <summary>A property name without escapes, then <c>:</c>; leaves <paramref name="i"/> at the value.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static bool ScanName(ReadOnlySpan<byte> line, ref int i, out ReadOnlySpan<byte> name)
    {
        name = default;
        if (i >= line.Length || line[i] != (byte)'"')
        {
            return false;
        }

        var rest = line[(i + 1)..];
        var end = FindSpecial(rest);
        if (end < 0 || rest[end] != (byte)'"')
        {
            return false;
        }

        name = rest[..end];
        i = SkipWhiteSpace(line, i + end + 2);
        if (i >= line.Length || line[i] != (byte)':')
        {
            return false;
        }

        i = SkipWhiteSpace(line, i + 1);
        return true;
    }

    private static bool ScanBoolean(ReadOnlySpan<byte> line, ref int i, out bool value)
    {
        var rest = line[i..];
        if (rest.StartsWith("true"u8))
        {
            value = true;
            i += 4;
            return true;
        }

        value = false;
        if (rest.StartsWith("false"u8))
        {
            i += 5;
            return true;
        }

        return false;
    }

    /// <summary>A JSON string into the chunk's value arena, escapes resolved as <c>Utf8JsonReader.CopyString</c> does (surrogate escapes: the strict path).</summary>
    private static bool ScanString(ReadOnlySpan<byte> line, ref int i, Chunk chunk, out Str value)
    {
        value = default;
        if (i >= line.Length || line[i] != (byte)'"')
        {
            return false;
        }

        var rest = line[(i + 1)..];
        var end = FindSpecial(rest);
        if (end < 0 || rest[end] < 0x20)
        {
            return false;
        }

        if (chunk.Values.Length - chunk.ValuesLength < rest.Length)
        {
            Array.Resize(ref chunk.Values, Math.Max(chunk.Values.Length * 2, chunk.ValuesLength + rest.Length));
        }

        var start = chunk.ValuesLength;
        var output = chunk.Values.AsSpan(start);
        if (rest[end] == (byte)'"')
        {
            rest[..end].CopyTo(output);
            chunk.ValuesLength += end;
            value = new Str(start, end);
            i += end + 2;
            return true;
        }

        // escapes: copy plain runs, decode each escape
        var r = 0;
        var w = 0;
        while (true)
        {
            var run = FindSpecial(rest[r..]);
            if (run < 0 || rest[r + run] < 0x20)
            {
                return false;
            }

            rest.Slice(r, run).CopyTo(output[w..]);
            w += run;
            r += run;
            if (rest[r] == (byte)'"')
            {
                break;
            }

            if (r + 1 >= rest.Length)
            {
                return false;
            }

            var e = rest[r + 1];
            byte simple = e switch
            {
                (byte)'"' => (byte)'"',
                (byte)'\\' => (byte)'\\',
                (byte)'/' => (byte)'/',
                (byte)'b' => (byte)'\b',
                (byte)'f' => (byte)'\f',
                (byte)'n' => (byte)'\n',
                (byte)'r' => (byte)'\r',
                (byte)'t' => (byte)'\t',
                _ => 0,
            };
            if (simple != 0)
            {
                output[w++] = simple;
                r += 2;
                continue;
            }

            if (e != (byte)'u' || r + 6 > rest.Length || !Hex4(rest.Slice(r + 2, 4), out var code))
            {
                return false;
            }

            if (code is >= 0xD800 and <= 0xDFFF)
            {
                return false; // surrogates (pairs and lone ones): the strict path decides
            }

            w += new System.Text.Rune(code).EncodeToUtf8(output[w..]);
            r += 6;
        }

        chunk.ValuesLength += w;
        value = new Str(start, w);
        i += r + 2;
        return true;
    }

    private static bool Hex4(ReadOnlySpan<byte> s, out int code)
    {
        code = 0;
        foreach (var b in s)
        {
            int d = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => -1,
            };
            if (d < 0)
            {
                return false;
            }

            code = (code << 4) | d;
        }

        return true;
    }

    private static bool ScanStringArray(ReadOnlySpan<byte> line, ref int i, Chunk chunk, out int start, out int count)
    {
        start = chunk.ProductsLength;
        count = 0;
        if (i >= line.Length || line[i] != (byte)'[')
        {
            return false;
        }

        i = SkipWhiteSpace(line, i + 1);
        if (i < line.Length && line[i] == (byte)']')
        {
            i++;
            return true;
        }

        while (true)
        {
            if (!ScanString(line, ref i, chunk, out var s))
            {
                return false;
            }

            if (chunk.ProductsLength == chunk.Products.Length)
            {
                Array.Resize(ref chunk.Products, chunk.Products.Length * 2);
            }

            chunk.Products[chunk.ProductsLength++] = s;
            count++;
            i = SkipWhiteSpace(line, i);
            if (i >= line.Length)
            {
                return false;
            }

            if (line[i] == (byte)']')
            {
                i++;
                return true;
            }

            if (line[i] != (byte)',')
            {
                return false;
            }

            i = SkipWhiteSpace(line, i + 1);
        }
    }

    /// <summary><c>profile</c> (name, email, phone, externalId) or <c>shopper</c> (the same without name): an object of distinct known string fields.</summary>
    private static bool ScanIdentity(ReadOnlySpan<byte> line, ref int i, ref Context ctx, bool profile)
    {
        if (i >= line.Length || line[i] != (byte)'{')
        {
            return false;
        }

        i = SkipWhiteSpace(line, i + 1);
        if (i < line.Length && line[i] == (byte)'}')
        {
            i++;
            return true;
        }

        var seen = 0;
        while (true)
        {
            if (!ScanName(line, ref i, out var key))
            {
                return false;
            }

            var slot = key.SequenceEqual("name"u8) && profile ? 0 : key.SequenceEqual("email"u8) ? 1 : key.SequenceEqual("phone"u8) ? 2 : key.SequenceEqual("externalId"u8) ? 3 : -1;
            if (slot < 0 || (seen & (1 << slot)) != 0)
            {
                return false;
            }

            seen |= 1 << slot;
            bool ok;
            switch (slot)
            {
                case 0: ok = ScanString(line, ref i, ctx.Chunk, out ctx.Name); break;
                case 1: ok = ScanString(line, ref i, ctx.Chunk, out ctx.Email); break;
                case 2: ok = ScanString(line, ref i, ctx.Chunk, out ctx.Phone); break;
                default: ok = ScanString(line, ref i, ctx.Chunk, out ctx.ExternalId); break;
            }

            if (!ok)
            {
                return false;
            }

            i = SkipWhiteSpace(line, i);
            if (i >= line.Length)
            {
                return false;
            }

            if (line[i] == (byte)'}')
            {
                i++;
                return true;
            }

            if (line[i] != (byte)',')
            {
                return false;
            }

            i = SkipWhiteSpace(line, i + 1);
        }
    }
}
