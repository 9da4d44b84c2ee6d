using ChatGpt.Chat;
using ChatGpt.Completions;
using ChatGpt.Internal;

namespace ChatGpt.Resilience.Internal;

/// <summary>Estimates the token cost of a request the client is about to send, from the typed request the client
/// attached (<see cref="ChatGptRequestContext"/>), never by parsing the JSON body.</summary>
internal static class RequestCostEstimator
{
    /// <summary>A rough price of one image part: the low-detail cost (high detail is corrected from usage).</summary>
    internal const int TokensPerImage = 85;

    /// <summary>Returns the estimated cost, or 0 when the request carries nothing to estimate from.</summary>
    public static int Estimate(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Options.TryGetValue(ChatGptRequestContext.OptionsKey, out var context))
        {
            return 0;
        }

        return context.Request switch
        {
            ChatCompletionRequest chat => EstimateChat(context.Model ?? chat.Model, chat),
            CompletionRequest completion => EstimateCompletion(context.Model ?? completion.Model, completion),
            _ => 0,
        };
    }

    internal static int EstimateChat(string? model, ChatCompletionRequest request)
    {
        var texts = new List<string?>(request.Messages.Count * 2);
        var images = 0;
        foreach (var message in request.Messages)
        {
            texts.Add(message.Content);
            texts.Add(message.Name);
            if (message.ContentParts is { } parts)
            {
                foreach (var part in parts)
                {
                    texts.Add(part.Text ?? part.Refusal);
                    images += part.ImageUrl is null ? 0 : 1;
                }
            }

            if (message.ToolCalls is { } calls)
            {
                foreach (var call in calls)
                {
                    texts.Add(call.Function?.Name);
                    texts.Add(call.Function?.Arguments);
                }
            }
        }

        if (request.Tools is { } tools)
        {
            foreach (var tool in tools)
            {
                texts.Add(tool.Function?.Name);
                texts.Add(tool.Function?.Description);
                texts.Add(tool.Function?.Parameters?.GetRawText());
            }
        }

        var estimate = TokenCostEstimator.Estimate(model, texts, request.Messages.Count, request.MaxCompletionTokens ?? request.MaxTokens, request.N);
        return (int)Math.Min(int.MaxValue, (long)estimate + ((long)images * TokensPerImage));
    }

    internal static int EstimateCompletion(string? model, CompletionRequest request)
    {
        IEnumerable<string?> prompts = request.Prompts is { } many ? many.AsEnumerable<string?>() : [request.Prompt, request.Suffix];
        return TokenCostEstimator.Estimate(model, prompts, 0, request.MaxTokens, Math.Max(request.N ?? 1, request.BestOf ?? 1));
    }
}
