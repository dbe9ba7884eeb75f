using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using NodaTime;

namespace CustomerAgent.Cli;

/// <summary>The options of the commands, built the same way: each may be given once; values are checked while parsing.</summary>
internal static class CliOptions
{
    /// <summary>An option given at most once (a repeated option is an error, never "the last one wins").</summary>
    internal static Option<T> Once<T>(string name, string description, Func<string, T>? parse = null, string? helpName = null)
    {
        var option = new Option<T>(name) { Description = description, HelpName = helpName };
        if (parse is not null)
        {
            option.CustomParser = r =>
            {
                if (r.Tokens.Count == 0)
                {
                    return default!;
                }

                try
                {
                    return parse(r.Tokens[0].Value);
                }
                catch (Exception ex) when (ex is FormatException or CustomerAgentException or ArgumentException or OverflowException)
                {
                    r.AddError($"{name}: {ex.Message}");
                    return default!;
                }
            };
        }

        option.Validators.Add(r =>
        {
            if (r.IdentifierTokenCount > 1)
            {
                r.AddError($"{name} is given {r.IdentifierTokenCount} times; give it once");
            }
        });
        return option;
    }

    /// <summary>A flag (no value), given at most once.</summary>
    internal static Option<bool> Flag(string name, string description) => Once<bool>(name, description);

    /// <summary>An option whose value is one of <paramref name="values"/>.</summary>
    internal static Option<string> OneOf(string name, string description, string defaultValue, params string[] values)
    {
        // the values are in the help name and the default in help's own "[default: …]": each said once
        var option = Once<string>(name, description, helpName: string.Join('|', values));
        option.DefaultValueFactory = _ => defaultValue;
        option.AcceptOnlyFromAmong(values);
        return option;
    }

    /// <summary>An ISO 8601 instant option.</summary>
    internal static Option<Instant?> Instant(string name, string description) =>
        Once<Instant?>(name, description, t => LogInstants.Parse(t), "INSTANT");

    /// <summary>An integer option from <paramref name="min"/> to <paramref name="max"/>.</summary>
    internal static Option<int> Int(string name, string description, int defaultValue, int min, int max)
    {
        var option = Once(name, description + string.Create(CultureInfo.InvariantCulture, $" ({min} to {max})"), t =>
            int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
                ? v
                : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{t}' must be an integer from {min} to {max}")), "N");
        option.DefaultValueFactory = _ => defaultValue;
        return option;
    }

    /// <summary>The <c>--out FILE</c> option of a command that prints a result.</summary>
    internal static Option<string?> Out() => File("--out", "Writes the result to FILE instead of stdout (FILE is replaced only when the command succeeds)");

    /// <summary>A file name option.</summary>
    internal static Option<string?> File(string name, string description) =>
        Once<string?>(name, description, t => t.Length == 0 ? throw new FormatException("needs a file name") : t, "FILE");
}
