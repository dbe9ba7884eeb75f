namespace CustomerAgent.ActivityLog;

/// <summary>A block of whole lines read from the log, and what the parse stage made of them. Reused once applied.</summary>
internal sealed class Chunk
{
    /// <summary>A chunk with the given initial sizes (the values grow as needed): the reader sizes its chunks from the chunk size, <see cref="ActivityLogFeed"/> uses small ones.</summary>
    public Chunk(int dataSize, int lines, int values)
    {
        Data = new byte[dataSize];
        Lines = new ParsedLine[lines];
        Values = new byte[values];
    }

    public byte[] Data;
    public int DataLength;

    /// <summary>Stream offset of <c>Data[0]</c>.</summary>
    public long BaseOffset;

    /// <summary>When the chunk holds only the first bytes of a line longer than the maximum, that line's real length in bytes (its end excluded); else 0.</summary>
    public long OverlongLength;

    /// <summary>Number of lines in the chunk, blank and comment lines included.</summary>
    public int TotalLines;

    public ParsedLine[] Lines;
    public int LineCount;

    public byte[] Values;
    public int ValuesLength;

    public Str[] Products = new Str[256];
    public int ProductsLength;

    /// <summary>Whether the parse stage keeps each opening line's validated <see cref="Conversations.Profile"/> (only the aggregates use it); set by whoever makes the chunk.</summary>
    public bool KeepProfiles;

    public void Reset()
    {
        Array.Clear(Lines, 0, LineCount);
        DataLength = 0;
        OverlongLength = 0;
        TotalLines = 0;
        LineCount = 0;
        ValuesLength = 0;
        ProductsLength = 0;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Get(Str s) => s.IsPresent ? Values.AsSpan(s.Start, s.Length) : default;

    public string GetString(Str s) => s.IsPresent ? System.Text.Encoding.UTF8.GetString(Values, s.Start, s.Length) : string.Empty;
}
