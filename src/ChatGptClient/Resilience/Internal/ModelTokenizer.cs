using Microsoft.ML.Tokenizers;

namespace ChatGpt.Resilience.Internal;

/// <summary>
/// The tokenizer of a model (o200k_base or cl100k_base), one shared instance per encoding for the process, loaded off
/// the request path: building one reads and indexes a vocabulary of 200k entries, about 200 ms and tens of megabytes,
/// which no call should wait for. The first call that wants an exact count starts the load on the thread pool and is
/// estimated cheaply meanwhile (its cost is corrected from <c>usage</c> anyway).
/// </summary>
internal static class ModelTokenizer
{
    private static readonly TokenizerSlot O200kBase = new("o200k_base");
    private static readonly TokenizerSlot Cl100kBase = new("cl100k_base");

    /// <summary>The tokenizer of a model if it is loaded; otherwise starts loading it and returns <see langword="false"/>.</summary>
    public static bool TryGetLoaded(string? model, out Tokenizer? tokenizer) => SlotFor(model).TryGet(out tokenizer);

    /// <summary>The tokenizer of a model, waiting for it to load (tests and tools; never the request path).</summary>
    public static Tokenizer? ForModel(string? model) => SlotFor(model).Get();

    /// <summary>Counts the tokens of a text with the model's tokenizer, waiting for it to load (tests and tools), falling
    /// back to four characters a token without one.</summary>
    public static int CountTokens(string? model, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        return ForModel(model) is { } tokenizer ? tokenizer.CountTokens(text) : (text.Length + 3) / 4;
    }

    /// <summary>The encoding of a model: cl100k_base for the GPT-4 (not 4o / 4.1 / 4.5) and GPT-3.5 families and the
    /// older embeddings, o200k_base for everything newer and for unknown models (a close enough count for a limit).</summary>
    internal static TokenizerSlot SlotFor(string? model)
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
        return isCl100k ? Cl100kBase : O200kBase;
    }
}
