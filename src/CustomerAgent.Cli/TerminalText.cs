using System.Globalization;
using System.Text;

namespace CustomerAgent.Cli;

/// <summary>
/// Text printed for a person (stderr, tables, the thread as text) never reaches the terminal raw: control characters (C0, DEL,
/// C1) and the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) are shown escaped, <c>\u001B</c>, so a log
/// line cannot clear the screen, set the window title or reorder what is shown. JSON, CSV and JSON Lines keep the exact text.
/// </summary>
internal static class TerminalText
{
    /// <summary>Whether <paramref name="c"/> is shown escaped.</summary>
    internal static bool IsUnsafe(char c) => c < 0x20 || c is >= '\u007F' and <= '\u009F' or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary><paramref name="text"/> with every unsafe character escaped (<c>\t</c>, <c>\n</c>, <c>\r</c>, else <c>\uXXXX</c>); the same string when there is none.</summary>
    internal static string Escape(string? text) => Escape(text, keepNewLines: false);

    /// <summary>As <see cref="Escape(string?)"/>; with <paramref name="keepNewLines"/>, <c>\n</c> is kept (a message of several lines written by the tool).</summary>
    internal static string Escape(string? text, bool keepNewLines)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var first = 0;
        while (first < text.Length && (!IsUnsafe(text[first]) || (keepNewLines && text[first] == '\n')))
        {
            first++;
        }

        if (first == text.Length)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            if (!IsUnsafe(c) || (keepNewLines && c == '\n'))
            {
                builder.Append(c);
                continue;
            }

            builder.Append(c switch
            {
                '\t' => "\\t",
                '\n' => "\\n",
                '\r' => "\\r",
                _ => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
            });
        }

        return builder.ToString();
    }

    /// <summary>A writer for a person (stderr): everything written is escaped, line ends written by the tool kept.</summary>
    internal sealed class Writer(TextWriter inner) : TextWriter
    {
        public override Encoding Encoding => inner.Encoding;

        public override IFormatProvider FormatProvider => inner.FormatProvider;

        [System.Diagnostics.CodeAnalysis.AllowNull]
        public override string NewLine { get => inner.NewLine; set => inner.NewLine = value; }

        public override void Write(char value)
        {
            if (value == '\n' || !IsUnsafe(value))
            {
                inner.Write(value);
            }
            else
            {
                inner.Write(Escape(value.ToString()));
            }
        }

        public override void Write(string? value) => inner.Write(Escape(value, keepNewLines: true));

        public override void WriteLine(string? value) => inner.WriteLine(Escape(value, keepNewLines: true));

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void Flush() => inner.Flush();
    }
}
