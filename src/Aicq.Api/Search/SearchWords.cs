namespace Aicq.Api.Search;

/// <summary>
/// The protocol's words: lower-cased alphanumeric runs; stop words and one-letter words are ignored.
/// Used alike for indexing and for queries, so both sides always agree.
/// </summary>
internal static class SearchWords
{
    /// <summary>Bounds the intersections one query makes (a 100-character query holds at most 34 words).</summary>
    public const int MaxQueryWords = 34;

    /// <summary>
    /// Bounds the index entries one message makes: without it a 4 KiB message of ~800 distinct short words wrote
    /// ~800 index keys (about 34 times its own size). A message is found by its first 64 distinct words.
    /// </summary>
    public const int MaxIndexedWords = 64;
    // The longest word a 100-character query can hold; longer message words can never be asked for.
    private const int MaxWordLength = 100;

    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have", "he", "her",
        "his", "i", "if", "in", "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or", "our", "she",
        "so", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "too",
        "was", "we", "were", "what", "when", "which", "who", "will", "with", "you", "your",
    ];

    /// <summary>
    /// The words of a message that the index holds: its first <see cref="MaxIndexedWords"/> distinct words in the
    /// order they appear, so posting and deleting always agree on the same set.
    /// </summary>
    public static IReadOnlyCollection<string> Indexed(string body) => Of(body, MaxIndexedWords);

    /// <summary>The first <paramref name="maxWords"/> distinct words of a text, in the order they appear.</summary>
    public static IReadOnlyCollection<string> Of(string text, int maxWords)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var start = -1;
        for (var i = 0; i <= text.Length && words.Count < maxWords; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0) start = i;
            if (inWord || start < 0) continue;
            var word = text[start..i].ToLowerInvariant();
            start = -1;
            if (word.Length >= 2 && word.Length <= MaxWordLength && !StopWords.Contains(word)) words.Add(word);
        }
        return words;
    }
}
