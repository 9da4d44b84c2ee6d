using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ChatGpt.Chat.Internal;

/// <summary>Reads structured answers and supplies reflection metadata for the convenience overloads.</summary>
internal static class StructuredOutput
{
    public static T Read<T>(ChatCompletion completion, JsonTypeInfo<T> typeInfo)
    {
        if (completion.Refusal is { } refusal)
        {
            throw new ChatGptRefusalException(refusal);
        }

        var truncated = completion.FinishReason == ChatGpt.FinishReason.Length ? " The answer was cut at the token limit (finish_reason \"length\"): raise MaxCompletionTokens." : string.Empty;
        if (string.IsNullOrWhiteSpace(completion.Content))
        {
            throw new ChatGptException($"The answer has no content to read as {typeof(T).Name} (finish_reason \"{completion.FinishReason}\").{truncated}");
        }

        try
        {
            return JsonSerializer.Deserialize(completion.Content, typeInfo)
                ?? throw new ChatGptException($"The answer is JSON null, not a {typeof(T).Name}.");
        }
        catch (JsonException ex)
        {
            throw new ChatGptException($"The answer is not valid JSON for {typeof(T).Name}: {ex.Message}{truncated}", ex);
        }
    }

    [RequiresUnreferencedCode("Reflection-based JSON metadata.")]
    [RequiresDynamicCode("Reflection-based JSON metadata.")]
    public static JsonTypeInfo<T> ReflectionTypeInfo<T>(JsonSerializerOptions? options)
    {
        options ??= JsonSerializerOptions.Web;
        if (options.TypeInfoResolver is null)
        {
            // Options built by the caller without a resolver get the reflection one; read-only options already have one.
            options = new JsonSerializerOptions(options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        }

        options.MakeReadOnly();
        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }
}
