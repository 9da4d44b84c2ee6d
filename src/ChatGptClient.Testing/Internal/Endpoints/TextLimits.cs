namespace ChatGpt.Testing.Internal;

/// <summary>What a model's sampling settings do to a generated text: <c>stop</c> sequences and the token limit.</summary>
internal static class TextLimits
{
    /// <summary>Cuts <paramref name="text"/> before the first stop sequence (<c>finish_reason</c> <c>stop</c>), then to
    /// <paramref name="maxTokens"/> tokens (<c>length</c>).</summary>
    public static string Apply(string text, IReadOnlyList<string> stop, int? maxTokens, string defaultFinish, out string finishReason)
    {
        finishReason = defaultFinish;
        var cut = -1;
        foreach (var sequence in stop)
        {
            var index = text.IndexOf(sequence, StringComparison.Ordinal);
            if (index >= 0 && (cut < 0 || index < cut))
            {
                cut = index;
            }
        }

        if (cut >= 0)
        {
            text = text[..cut];
            finishReason = "stop";
        }

        if (maxTokens is int max)
        {
            text = TokenCounter.Truncate(text, max, out var truncated);
            if (truncated)
            {
                finishReason = "length";
            }
        }

        return text;
    }
}
