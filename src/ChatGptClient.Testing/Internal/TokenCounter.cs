using Microsoft.ML.Tokenizers;

namespace ChatGpt.Testing.Internal;

/// <summary>Counts and splits text with the o200k_base encoding (GPT-4o family), the tokenizer the client's rate limiter uses.</summary>
internal static class TokenCounter
{
    private static readonly Lazy<Tokenizer> s_tokenizer = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    public static Tokenizer Tokenizer => s_tokenizer.Value;

    public static int Count(string? text) => string.IsNullOrEmpty(text) ? 0 : Tokenizer.CountTokens(text);

    /// <summary>Keeps at most <paramref name="maxTokens"/> tokens of <paramref name="text"/>.</summary>
    public static string Truncate(string text, int maxTokens, out bool truncated)
    {
        if (maxTokens <= 0)
        {
            truncated = text.Length > 0;
            return string.Empty;
        }

        var index = Tokenizer.GetIndexByTokenCount(text, maxTokens, out _, out _);
        truncated = index < text.Length;
        return truncated ? text[..index] : text;
    }

    /// <summary>Splits text into the pieces a streamed answer sends, one token each; the pieces concatenate to the text.</summary>
    public static List<string> Split(string text)
    {
        var pieces = new List<string>();
        if (text.Length == 0)
        {
            return pieces;
        }

        var tokens = Tokenizer.EncodeToTokens(text, out _);
        var starts = new List<int>(tokens.Count);
        foreach (var token in tokens)
        {
            var start = token.Offset.Start.GetOffset(text.Length);
            // Tokens that split a multi-byte character share an offset; they are sent together.
            if (starts.Count == 0 || start > starts[^1])
            {
                starts.Add(start);
            }
        }

        if (starts.Count == 0 || starts[0] != 0)
        {
            starts.Insert(0, 0);
        }

        for (var i = 0; i < starts.Count; i++)
        {
            var end = i + 1 < starts.Count ? starts[i + 1] : text.Length;
            if (end > starts[i])
            {
                pieces.Add(text[starts[i]..end]);
            }
        }

        return pieces;
    }

    /// <summary>Decodes a legacy prompt given as token ids.</summary>
    public static string Decode(IEnumerable<int> ids) => Tokenizer.Decode(ids) ?? string.Empty;
}
