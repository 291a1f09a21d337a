namespace Aicq.Api.Search;

/// <summary>
/// The protocol's words: lower-cased alphanumeric runs; stop words and one-letter words are ignored.
/// Used alike for indexing and for queries, so both sides always agree.
/// </summary>
internal static class SearchWords
{
    /// <summary>Bounds index writes per message and intersections per query.</summary>
    public const int MaxWords = 64;
    private const int MaxWordLength = 64;

    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have", "he", "her",
        "his", "i", "if", "in", "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or", "our", "she",
        "so", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "too",
        "was", "we", "were", "what", "when", "which", "who", "will", "with", "you", "your",
    ];

    public static IReadOnlyCollection<string> Of(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var start = -1;
        for (var i = 0; i <= text.Length && words.Count < MaxWords; i++)
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
