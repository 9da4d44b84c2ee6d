using System.Text;
using ChatGpt.Chat;
using ChatGpt.Completions;
using ChatGpt.Internal;
using Microsoft.ML.Tokenizers;

namespace ChatGpt.Resilience.Internal;

/// <summary>Estimates the token cost of a request the client is about to send, from the typed request the client
/// attached (<see cref="ChatGptRequestContext"/>), never by parsing the JSON body.</summary>
/// <remarks>
/// Tokenizing a prompt costs about a microsecond per 16 characters, and chat applications resend the whole history on
/// every turn; yet OpenAI's headers make the token budget always known. So the prompt is first measured in UTF-8 bytes
/// (a strict upper bound on its tokens, as every byte-level BPE token holds at least one byte) and tokenized exactly
/// only when that bound is a meaningful share of the budget left, where the difference between estimate and count can
/// decide whether a call waits. Otherwise (or while the tokenizer is still loading, off the request path: see
/// <see cref="ModelTokenizer"/>) a cheap estimate is charged; either way it is corrected from <c>usage</c>.
/// </remarks>
internal static class RequestTokenEstimator
{
    /// <summary>A rough price of one image part: the low-detail cost (high detail is corrected from usage).</summary>
    internal const int TokensPerImage = 85;

    /// <summary>The prompt is tokenized exactly when its upper bound exceeds this share of the tokens available.</summary>
    internal const double ExactShare = 0.1;

    /// <summary>Bytes per token of the cheap estimate: below the ~4 of English text, so it errs towards too high.</summary>
    internal const int CheapBytesPerToken = 3;

    /// <summary>Tokens reserved for the completion when the call sets no maximum; corrected from <c>usage</c>.</summary>
    public const int DefaultCompletionReserve = 256;

    /// <summary>OpenAI's chat format adds about three tokens per message and three to prime the reply.</summary>
    public const int TokensPerMessage = 3;

    /// <summary>Returns the estimated cost, or 0 when the request carries nothing to estimate from.</summary>
    /// <param name="request">The request, with the client's <see cref="ChatGptRequestContext"/>.</param>
    /// <param name="tokensAvailable">The token budget left; the prompt is counted exactly unless its upper bound is
    /// under <see cref="ExactShare"/> of it (0: always exactly).</param>
    public static int Estimate(HttpRequestMessage request, double tokensAvailable)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Options.TryGetValue(ChatGptRequestContext.OptionsKey, out var context))
        {
            return 0;
        }

        return context.Request?.EstimateTokens(context.Model, tokensAvailable) ?? 0;
    }

    internal static int EstimateChat(string? model, ChatCompletionRequest request, double tokensAvailable)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bytes = SumChat(request, null, exact: false, out var images);
        var messages = request.Messages.Count;
        var maxOutput = request.MaxCompletionTokens ?? request.MaxTokens;
        var imageTokens = (long)images * TokensPerImage;
        if (IsSmall(Total(bytes, messages, maxOutput, request.N) + imageTokens, tokensAvailable) ||
            !ModelTokenizer.TryGetLoaded(model, out var tokenizer))
        {
            return Clamp(Total(Cheap(bytes), messages, maxOutput, request.N) + imageTokens);
        }

        var prompt = SumChat(request, tokenizer, exact: true, out _);
        return Clamp(Total(prompt, messages, maxOutput, request.N) + imageTokens);
    }

    internal static int EstimateCompletion(string? model, CompletionRequest request, double tokensAvailable)
    {
        ArgumentNullException.ThrowIfNull(request);
        var choices = Math.Max(request.N ?? 1, request.BestOf ?? 1);
        var bytes = SumCompletion(request, null, exact: false);
        if (IsSmall(Total(bytes, 0, request.MaxTokens, choices), tokensAvailable) ||
            !ModelTokenizer.TryGetLoaded(model, out var tokenizer))
        {
            return Clamp(Total(Cheap(bytes), 0, request.MaxTokens, choices));
        }

        return Clamp(Total(SumCompletion(request, tokenizer, exact: true), 0, request.MaxTokens, choices));
    }

    /// <summary>Adds the per-message framing and the completion allowance to a prompt's token count.</summary>
    internal static long Total(long promptTokens, int messageCount, int? maxOutputTokens, int? choices)
    {
        var total = promptTokens;
        if (messageCount > 0)
        {
            total += ((long)messageCount * TokensPerMessage) + TokensPerMessage;
        }

        var allowance = maxOutputTokens is > 0 and var max ? max : DefaultCompletionReserve;
        return total + ((long)allowance * Math.Max(1, choices ?? 1));
    }

    private static bool IsSmall(long upperBound, double tokensAvailable) =>
        tokensAvailable > 0 && upperBound <= tokensAvailable * ExactShare;

    private static long Cheap(long bytes) => (bytes + CheapBytesPerToken - 1) / CheapBytesPerToken;

    private static int Clamp(long value) => value >= int.MaxValue ? int.MaxValue : (int)value;

    /// <summary>Sums the prompt's texts: their exact token counts, or their UTF-8 byte counts.</summary>
    private static long SumChat(ChatCompletionRequest request, Tokenizer? tokenizer, bool exact, out int images)
    {
        long total = 0;
        images = 0;
        // Indexed loops: foreach over an IList<T> boxes its enumerator, and this runs on every call.
        var messages = request.Messages;
        for (var m = 0; m < messages.Count; m++)
        {
            var message = messages[m];
            total += Count(message.Content, tokenizer, exact) + Count(message.Name, tokenizer, exact);
            if (message.ContentParts is { } parts)
            {
                for (var p = 0; p < parts.Count; p++)
                {
                    var part = parts[p];
                    total += Count(part.Text ?? part.Refusal, tokenizer, exact);
                    images += part.ImageUrl is null ? 0 : 1;
                }
            }

            if (message.ToolCalls is { } calls)
            {
                for (var c = 0; c < calls.Count; c++)
                {
                    var call = calls[c];
                    total += Count(call.Function?.Name, tokenizer, exact) + Count(call.Function?.Arguments, tokenizer, exact);
                }
            }
        }

        if (request.Tools is { } tools)
        {
            for (var t = 0; t < tools.Count; t++)
            {
                var tool = tools[t];
                total += Count(tool.Function?.Name, tokenizer, exact) + Count(tool.Function?.Description, tokenizer, exact);
                if (tool.Function?.Parameters is { } parameters)
                {
                    total += Count(parameters.GetRawText(), tokenizer, exact);
                }
            }
        }

        return total;
    }

    private static long SumCompletion(CompletionRequest request, Tokenizer? tokenizer, bool exact)
    {
        if (request.Prompts is { } prompts)
        {
            long total = 0;
            foreach (var prompt in prompts)
            {
                total += Count(prompt, tokenizer, exact);
            }

            return total;
        }

        return Count(request.Prompt, tokenizer, exact) + Count(request.Suffix, tokenizer, exact);
    }

    private static int Count(string? text, Tokenizer? tokenizer, bool exact)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        if (!exact)
        {
            return Encoding.UTF8.GetByteCount(text);
        }

        return tokenizer is not null ? tokenizer.CountTokens(text) : (text.Length + 3) / 4;
    }
}
