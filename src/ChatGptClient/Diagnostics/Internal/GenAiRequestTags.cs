using System.Diagnostics;
using ChatGpt.Chat;
using ChatGpt.Completions;

namespace ChatGpt.Diagnostics.Internal;

/// <summary>The GenAI request attributes (<c>gen_ai.request.*</c>) of each generative request type, on the call's span.</summary>
internal static class GenAiRequestTags
{
    public static void Set(Activity activity, ChatCompletionRequest chat)
    {
        SetRequestParameters(activity, chat.MaxCompletionTokens ?? chat.MaxTokens, chat.Temperature, chat.TopP, chat.FrequencyPenalty, chat.PresencePenalty, chat.Stop, chat.Seed, chat.N);
        if (chat.ResponseFormat?.Type is { } format)
        {
            activity.SetTag(GenAiAttributes.OutputType, format == "text" ? "text" : "json");
        }

        if (chat.ServiceTier is { } tier)
        {
            activity.SetTag(GenAiAttributes.OpenAIRequestServiceTier, tier);
        }
    }

    public static void Set(Activity activity, CompletionRequest completion) =>
        SetRequestParameters(activity, completion.MaxTokens, completion.Temperature, completion.TopP, completion.FrequencyPenalty, completion.PresencePenalty, completion.Stop, completion.Seed, completion.N);

    private static void SetRequestParameters(Activity activity, int? maxTokens, float? temperature, float? topP, float? frequencyPenalty, float? presencePenalty, IList<string>? stop, long? seed, int? n)
    {
        if (maxTokens is { } max)
        {
            activity.SetTag(GenAiAttributes.RequestMaxTokens, max);
        }

        if (temperature is { } t)
        {
            activity.SetTag(GenAiAttributes.RequestTemperature, ToDouble(t));
        }

        if (topP is { } p)
        {
            activity.SetTag(GenAiAttributes.RequestTopP, ToDouble(p));
        }

        if (frequencyPenalty is { } frequency)
        {
            activity.SetTag(GenAiAttributes.RequestFrequencyPenalty, ToDouble(frequency));
        }

        if (presencePenalty is { } presence)
        {
            activity.SetTag(GenAiAttributes.RequestPresencePenalty, ToDouble(presence));
        }

        if (stop is { Count: > 0 })
        {
            activity.SetTag(GenAiAttributes.RequestStopSequences, stop.ToArray());
        }

        if (seed is { } s)
        {
            activity.SetTag(GenAiAttributes.RequestSeed, s);
        }

        if (n is { } count && count != 1)
        {
            activity.SetTag(GenAiAttributes.RequestChoiceCount, count);
        }
    }

    // Request parameters are floats; widening 0.7f gives 0.699999988, which would show in every trace viewer.
    private static double ToDouble(float value) => Math.Round(value, 6);
}
