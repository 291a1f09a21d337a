using System.Text;

namespace Aicq.StatusPage.Incidents;

/// <summary>
/// Text from outside (alert labels and annotations) made fit to store and to show. PostgreSQL refuses NUL; XML 1.0
/// (the Atom feed) refuses the other C0 controls, lone surrogates and U+FFFE/U+FFFF; a C1 control or a line break in a
/// one-line field only misleads whoever reads it next. Lengths are bounded without splitting a surrogate pair.
/// </summary>
internal static class StoredText
{
    /// <summary>One line: every control character (tab and line breaks included) becomes a space; trimmed; at most <paramref name="max"/>.</summary>
    public static string Line(string? value, int max) => Clean(value, max, keepLineBreaks: false);

    /// <summary>A block of text: tabs and line breaks (as <c>\n</c>) stay, every other control character goes.</summary>
    public static string Block(string? value, int max) => Clean(value, max, keepLineBreaks: true);

    private static string Clean(string? value, int max, bool keepLineBreaks)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var clean = new StringBuilder(Math.Min(value.Length, max + 1));
        for (var i = 0; i < value.Length && clean.Length < max; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                if (clean.Length + 2 > max) break;
                clean.Append(c).Append(value[++i]);
            }
            else if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF') clean.Append('\uFFFD');
            else if (c == '\r')
            {
                if (i + 1 < value.Length && value[i + 1] == '\n') continue;
                clean.Append(keepLineBreaks ? '\n' : ' ');
            }
            else if (c is '\n' or '\t') clean.Append(keepLineBreaks ? c : ' ');
            else if (char.IsControl(c)) { if (!keepLineBreaks) clean.Append(' '); }
            else clean.Append(c);
        }
        return clean.ToString().Trim();
    }
}
