using System.CommandLine;

namespace CustomerAgent.Cli;

/// <summary>"Did you mean …?" for an unknown command or option: the closest name the command knows, by edit distance (a swap of two neighbouring letters counts once).</summary>
internal static class DidYouMean
{
    /// <summary>The closest command (for a word) or option (for <c>-x</c>, <c>--xyz</c>) of <paramref name="command"/> to <paramref name="token"/>, or null when none is close.</summary>
    internal static string? Suggest(Command command, string token)
    {
        IEnumerable<string> names = token.StartsWith('-')
            ? command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name))
            : command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name));
        var best = names
            .Select(name => (Name: name, Distance: Distance(token, name)))
            .Where(c => c.Distance <= Math.Min(2, Math.Max(1, token.TrimStart('-').Length / 3)))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Name;
    }

    /// <summary>The optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours, each 1.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
