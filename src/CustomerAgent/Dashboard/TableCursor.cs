using System.Buffers.Text;
using System.Globalization;
using System.Text;
using NodaTime;

namespace CustomerAgent.Dashboard;

/// <summary>
/// The keyset position of the conversations table (R18): the sort key and ID of the last row shown, bound to the query and
/// instant it was issued for by a fingerprint, and sealed by a checksum. Opaque to hosts (base64url text); integrity-checked,
/// not secret: it holds the last row's sort value.
/// </summary>
internal sealed record TableCursor(ulong Fingerprint, long Number, string? Text, string Id)
{
    private const string Version = "c1";

    internal static ulong FingerprintOf(ConversationTableQuery query, Instant asOf) =>
        Fnv(query.Canonical() + "|a=" + TableKey.Nanoseconds(asOf).ToString(CultureInfo.InvariantCulture));

    internal string Encode()
    {
        var payload = new StringBuilder()
            .Append(Version).Append('|')
            .Append(Fingerprint.ToString("x16", CultureInfo.InvariantCulture)).Append('|')
            .Append(Number.ToString(CultureInfo.InvariantCulture)).Append('|')
            .Append(Text is null ? "-" : Text.Length.ToString(CultureInfo.InvariantCulture)).Append('|')
            .Append(Text).Append('|')
            .Append(Id)
            .ToString();
        var text = payload + "|" + Fnv(payload).ToString("x16", CultureInfo.InvariantCulture);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Reads a cursor and checks it belongs to <paramref name="expectedFingerprint"/>.</summary>
    /// <exception cref="CustomerAgentException">The cursor is malformed or altered (forged), or was issued for another query or instant (stale) (R18).</exception>
    internal static TableCursor Decode(string cursor, ulong expectedFingerprint)
    {
        var parsed = TryDecode(cursor) ?? throw new CustomerAgentException("R18", "cursor", cursor, "is not a cursor issued by this table (malformed or altered); pass back NextCursor exactly as received, or start again without a cursor");
        if (parsed.Fingerprint != expectedFingerprint)
        {
            throw new CustomerAgentException("R18", "cursor", cursor, "was issued for another query or instant (filters, search, sort or asOf differ); start again without a cursor, or pass the page's AsOf and the same query");
        }

        return parsed;
    }

    private static TableCursor? TryDecode(string cursor)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 64 * 1024)
        {
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return null;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var sum = text.LastIndexOf('|');
        if (sum < 0 || !ulong.TryParse(text.AsSpan(sum + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var checksum)
            || text.Length - sum - 1 != 16)
        {
            return null;
        }

        var payload = text[..sum];
        if (Fnv(payload) != checksum)
        {
            return null;
        }

        // c1|fingerprint|number|textLength|text|id
        var parts = payload.Split('|', 5);
        if (parts.Length != 5 || parts[0] != Version
            || !ulong.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var fingerprint)
            || !long.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var rest = parts[4];
        string? keyText = null;
        if (parts[3] != "-")
        {
            if (!int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > rest.Length)
            {
                return null;
            }

            keyText = rest[..length];
            rest = rest[length..];
        }

        if (rest.Length < 2 || rest[0] != '|')
        {
            return null;
        }

        return new TableCursor(fingerprint, number, keyText, rest[1..]);
    }

    /// <summary>64-bit FNV-1a over the UTF-16 code units: stable across processes (unlike <see cref="string.GetHashCode()"/>).</summary>
    private static ulong Fnv(string s)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in s)
        {
            hash = (hash ^ (byte)ch) * 1099511628211UL;
            hash = (hash ^ (byte)(ch >> 8)) * 1099511628211UL;
        }

        return hash;
    }
}
