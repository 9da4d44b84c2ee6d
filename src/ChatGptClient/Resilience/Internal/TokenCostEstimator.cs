using Microsoft.ML.Tokenizers;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// Estimates what a call costs against a tokens-per-minute limit before it is sent: its prompt counted with the
/// model's real tokenizer (o200k_base or cl100k_base), plus the completion it may produce.
/// </summary>
/// <remarks>The estimate is corrected from the response's <c>usage</c> once known, so it only has to be close.</remarks>
internal static class TokenCostEstimator
{
    /// <summary>Tokens reserved for the completion when the call sets no maximum; corrected from <c>usage</c>.</summary>
    public const int DefaultCompletionReserve = 256;

    /// <summary>OpenAI's chat format adds about three tokens per message and three to prime the reply.</summary>
    public const int TokensPerMessage = 3;

    private static readonly Lazy<Tokenizer?> O200kBase = new(() => Create("o200k_base"));
    private static readonly Lazy<Tokenizer?> Cl100kBase = new(() => Create("cl100k_base"));

    /// <summary>The tokenizer of a model: cl100k_base for the GPT-4 (not 4o / 4.1 / 4.5) and GPT-3.5 families and the
    /// older embeddings, o200k_base for everything newer and for unknown models (a close enough count for a limit).</summary>
    public static Tokenizer? ForModel(string? model)
    {
        var name = model.AsSpan().Trim();
        var isCl100k =
            name.StartsWith("gpt-3.5", StringComparison.OrdinalIgnoreCase) ||
            name.StartsWith("gpt-35", StringComparison.OrdinalIgnoreCase) ||
            name.StartsWith("text-embedding-", StringComparison.OrdinalIgnoreCase) ||
            name.StartsWith("davinci-002", StringComparison.OrdinalIgnoreCase) ||
            name.StartsWith("babbage-002", StringComparison.OrdinalIgnoreCase) ||
            (name.StartsWith("gpt-4", StringComparison.OrdinalIgnoreCase) &&
             !name.StartsWith("gpt-4o", StringComparison.OrdinalIgnoreCase) &&
             !name.StartsWith("gpt-4.", StringComparison.OrdinalIgnoreCase));
        return isCl100k ? Cl100kBase.Value : O200kBase.Value;
    }

    /// <summary>Counts the tokens of a text, falling back to four characters a token without a tokenizer.</summary>
    public static int CountTokens(string? model, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        return ForModel(model) is { } tokenizer ? tokenizer.CountTokens(text) : (text.Length + 3) / 4;
    }

    /// <summary>Estimates a call's cost: prompt texts, per-message framing and the completion allowance.</summary>
    /// <param name="model">The model, which picks the tokenizer.</param>
    /// <param name="texts">The prompt's texts (message contents, tool arguments, the legacy prompt).</param>
    /// <param name="messageCount">How many chat messages frame the texts (0 for a legacy completion).</param>
    /// <param name="maxOutputTokens"><c>max_completion_tokens</c> or <c>max_tokens</c>, if set.</param>
    /// <param name="choices"><c>n</c>: each choice may use the whole allowance.</param>
    public static int Estimate(string? model, IEnumerable<string?> texts, int messageCount, int? maxOutputTokens, int? choices)
    {
        ArgumentNullException.ThrowIfNull(texts);
        long total = 0;
        foreach (var text in texts)
        {
            total += CountTokens(model, text);
        }

        total = Total(total, messageCount, maxOutputTokens, choices);
        return total >= int.MaxValue ? int.MaxValue : (int)total;
    }

    /// <summary>Adds the per-message framing and the completion allowance to a prompt's token count.</summary>
    public static long Total(long promptTokens, int messageCount, int? maxOutputTokens, int? choices)
    {
        var total = promptTokens;
        if (messageCount > 0)
        {
            total += ((long)messageCount * TokensPerMessage) + TokensPerMessage;
        }

        var allowance = maxOutputTokens is > 0 and var max ? max : DefaultCompletionReserve;
        return total + ((long)allowance * Math.Max(1, choices ?? 1));
    }

    private static Tokenizer? Create(string encoding)
    {
        try
        {
            return TiktokenTokenizer.CreateForEncoding(encoding);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or NotSupportedException or IOException)
        {
            // The vocabulary ships in a data package; without it we still estimate, only more coarsely.
            return null;
        }
    }
}
