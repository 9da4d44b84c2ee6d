using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Text.Unicode;
using Microsoft.ML.Tokenizers;

namespace ChatGpt.Testing.Internal;

/// <summary>Counts and splits text with the o200k_base encoding (GPT-4o family), the tokenizer the client's rate limiter uses.</summary>
internal static class TokenCounter
{
    private static readonly Lazy<Tokenizer> s_tokenizer = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    // The tokenizer decodes ids to text only; the bytes of the tokens that are not whole characters (a few thousand of
    // the 200k) come from its vocabulary file, read once when log probabilities first meet such a token.
    private static readonly Lazy<Dictionary<int, byte[]>> s_partialTokens = new(LoadPartialTokens);

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

    /// <summary>Splits text into the pieces a streamed answer sends, one token each except where tokens split a
    /// character (those travel together); the pieces concatenate to the text.</summary>
    public static List<string> Split(string text) => Tokenize(text).ConvertAll(piece => piece.Text);

    /// <summary>The tokens of <paramref name="text"/> with their bytes, grouped into pieces of whole characters; there is
    /// exactly one <see cref="TextToken"/> per token counted by <see cref="Count"/>.</summary>
    public static List<TokenPiece> Tokenize(string text)
    {
        var pieces = new List<TokenPiece>();
        if (text.Length == 0)
        {
            return pieces;
        }

        var pending = new List<byte>();
        var tokens = new List<TextToken>();
        foreach (var id in Tokenizer.EncodeToIds(text))
        {
            var decoded = Tokenizer.Decode([id]) ?? string.Empty;
            var bytes = decoded.Contains('\uFFFD', StringComparison.Ordinal) && s_partialTokens.Value.TryGetValue(id, out var partial) ? partial : Encoding.UTF8.GetBytes(decoded);
            tokens.Add(new TextToken(Display(bytes), bytes));
            pending.AddRange(bytes);
            var accumulated = pending.ToArray();
            if (Utf8.IsValid(accumulated))
            {
                pieces.Add(new TokenPiece(Encoding.UTF8.GetString(accumulated), tokens));
                pending.Clear();
                tokens = [];
            }
        }

        if (tokens.Count > 0)
        {
            pieces.Add(new TokenPiece(Encoding.UTF8.GetString(pending.ToArray()), tokens));
        }

        return pieces;
    }

    /// <summary>A token's text: its whole characters, and <c>\xNN</c> for each byte of a partial one.</summary>
    private static string Display(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var consumed) == OperationStatus.Done)
            {
                builder.Append(rune.ToString());
            }
            else
            {
                consumed = 1;
                builder.Append("\\x").Append(bytes[0].ToString("x2", CultureInfo.InvariantCulture));
            }

            bytes = bytes[consumed..];
        }

        return builder.ToString();
    }

    /// <summary>Decodes a legacy prompt given as token ids.</summary>
    public static string Decode(IEnumerable<int> ids) => Tokenizer.Decode(ids) ?? string.Empty;

    private static Dictionary<int, byte[]> LoadPartialTokens()
    {
        var partial = new Dictionary<int, byte[]>();
        using var resource = Assembly.Load(new AssemblyName("Microsoft.ML.Tokenizers.Data.O200kBase")).GetManifestResourceStream("o200k_base.tiktoken.deflate")
            ?? throw new InvalidOperationException("The o200k_base vocabulary is missing from Microsoft.ML.Tokenizers.Data.O200kBase.");
        using var inflated = new DeflateStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(inflated, Encoding.ASCII);
        // One token per line in rank order ("base64" or "base64 rank"), after a "Capacity: n" header.
        var rank = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith("Capacity:", StringComparison.Ordinal))
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var id = space > 0 ? int.Parse(line.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture) : rank;
            var bytes = Convert.FromBase64String(space > 0 ? line[..space] : line);
            if (!Utf8.IsValid(bytes))
            {
                partial[id] = bytes;
            }

            rank++;
        }

        return partial;
    }
}
