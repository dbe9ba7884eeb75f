using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;

namespace CustomerAgent.Bulk;

/// <summary>
/// The texts the table's search reads (R18: the first question, the profile's name, email and phone, and every message), each
/// distinct text once, laid end to end in blocks separated by <c>'\0'</c> so that one search is a few vectorized scans; each
/// row lists the numbers of its texts.
/// </summary>
/// <remarks>
/// A match found in a block lies inside one text (the search holds no <c>'\0'</c>; a search that does is compared text by
/// text), so a text matches exactly when <c>text.Contains(search, StringComparison.OrdinalIgnoreCase)</c>, the test of
/// <see cref="ConversationQuery.SearchMatches"/>. Immutable once built; thread-safe.
/// </remarks>
internal sealed class SearchTexts
{
    private const int BlockChars = 1 << 20;
    private const char Separator = '\0';

    private readonly string[] _texts;
    private readonly char[][] _blocks;
    private readonly int[][] _starts;
    private readonly int[] _firstText;
    private readonly int[] _rowStart;
    private readonly int[] _rowTexts;

    private SearchTexts(string[] texts, char[][] blocks, int[][] starts, int[] firstText, int[] rowStart, int[] rowTexts)
    {
        _texts = texts;
        _blocks = blocks;
        _starts = starts;
        _firstText = firstText;
        _rowStart = rowStart;
        _rowTexts = rowTexts;
    }

    /// <summary>The texts of <paramref name="rows"/> (the whole history: the index answers only from the latest activity on).</summary>
    internal static SearchTexts Create(Conversation[] rows)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var texts = new List<string>();
        var rowStart = new int[rows.Length + 1];
        var rowTexts = new List<int>();
        var mine = new HashSet<int>();
        for (var r = 0; r < rows.Length; r++)
        {
            mine.Clear();
            var c = rows[r];
            var profile = c.Header.Profile;
            Add(c.FirstQuestion);
            Add(profile.Name);
            Add(profile.Email);
            Add(profile.PhoneNumber);
            foreach (var activity in c.History)
            {
                if (activity is ShopperMessageSent s)
                {
                    Add(s.Text);
                }
                else if (activity is AgentMessageSent a)
                {
                    Add(a.Text);
                }
            }

            rowStart[r + 1] = rowTexts.Count;
        }

        // blocks of about BlockChars characters (a longer text has a block of its own), each text followed by the separator
        var blocks = new List<char[]>();
        var starts = new List<int[]>();
        var firstText = new List<int>();
        var next = 0;
        while (next < texts.Count)
        {
            var first = next;
            var length = 0;
            do
            {
                length += texts[next++].Length + 1;
            }
            while (next < texts.Count && length + texts[next].Length + 1 <= BlockChars);

            var block = new char[length];
            var offsets = new int[next - first + 1];
            var at = 0;
            for (var k = first; k < next; k++)
            {
                offsets[k - first] = at;
                texts[k].CopyTo(block.AsSpan(at));
                at += texts[k].Length;
                block[at++] = Separator;
            }

            offsets[^1] = at;
            blocks.Add(block);
            starts.Add(offsets);
            firstText.Add(first);
        }

        return new SearchTexts([.. texts], [.. blocks], [.. starts], [.. firstText], rowStart, [.. rowTexts]);

        void Add(string? text)
        {
            if (text is null)
            {
                return;
            }

            if (!numbers.TryGetValue(text, out var number))
            {
                number = texts.Count;
                numbers.Add(text, number);
                texts.Add(text);
            }

            if (mine.Add(number))
            {
                rowTexts.Add(number);
            }
        }
    }

    /// <summary>Per distinct text, whether it contains <paramref name="search"/> ignoring case (ordinal).</summary>
    internal bool[] Matching(string search)
    {
        var matches = new bool[_texts.Length];
        if (search.Contains(Separator, StringComparison.Ordinal))
        {
            Parallel.For(0, _texts.Length, k => matches[k] = _texts[k].Contains(search, StringComparison.OrdinalIgnoreCase));
            return matches;
        }

        Parallel.For(0, _blocks.Length, b =>
        {
            var block = _blocks[b].AsSpan();
            var starts = _starts[b];
            var from = 0;
            while (from < block.Length)
            {
                var i = block[from..].IndexOf(search, StringComparison.OrdinalIgnoreCase);
                if (i < 0)
                {
                    break;
                }

                // the text holding the match: the last one starting at or before it
                var k = Array.BinarySearch(starts, from + i);
                k = k >= 0 ? k : ~k - 1;
                matches[_firstText[b] + k] = true;
                from = starts[k + 1];
            }
        });
        return matches;
    }

    /// <summary>Whether one of row <paramref name="row"/>'s texts matches (<paramref name="matches"/> from <see cref="Matching"/>).</summary>
    internal bool RowMatches(int row, bool[] matches)
    {
        for (var e = _rowStart[row]; e < _rowStart[row + 1]; e++)
        {
            if (matches[_rowTexts[e]])
            {
                return true;
            }
        }

        return false;
    }
}
