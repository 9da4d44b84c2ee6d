using System.Text.Json;
using ChatGpt.Completions;
using static ChatGpt.Serialization.WireJsonWriter;

namespace ChatGpt.Serialization;

/// <summary>
/// Writes a <see cref="CompletionRequest"/> as the source-generated contract does, byte for byte, without the
/// serializer's metadata walk (see <see cref="ChatCompletionRequestWriter"/>). Pinned by <c>RequestWriterTests</c>.
/// </summary>
internal static class CompletionRequestWriter
{
    public static void Write(Utf8JsonWriter writer, CompletionRequest request)
    {
        writer.WriteStartObject();
        String(writer, "model"u8, request.Model);

        // The contract's "prompt" (CompletionRequest.WirePrompt): token batches, then tokens, then texts, then text.
        if (request.PromptTokenBatches is { } batches)
        {
            Value(writer, "prompt"u8, batches, static c => c.IListIListInt32);
        }
        else if (request.PromptTokens is { } tokens)
        {
            Value(writer, "prompt"u8, tokens, static c => c.IListInt32);
        }
        else if (request.Prompts is { } prompts)
        {
            Strings(writer, "prompt"u8, prompts);
        }
        else
        {
            String(writer, "prompt"u8, request.Prompt);
        }

        String(writer, "suffix"u8, request.Suffix);
        Number(writer, "max_tokens"u8, request.MaxTokens);
        Number(writer, "temperature"u8, request.Temperature);
        Number(writer, "top_p"u8, request.TopP);
        Number(writer, "n"u8, request.N);
        Number(writer, "best_of"u8, request.BestOf);
        Strings(writer, "stop"u8, request.Stop);
        Number(writer, "presence_penalty"u8, request.PresencePenalty);
        Number(writer, "frequency_penalty"u8, request.FrequencyPenalty);
        Boolean(writer, "echo"u8, request.Echo);
        Number(writer, "logprobs"u8, request.Logprobs);
        Value(writer, "logit_bias"u8, request.LogitBias, static c => c.IDictionaryInt32Int32);
        Number(writer, "seed"u8, request.Seed);
        String(writer, "user"u8, request.User);
        StreamOptions(writer, request.StreamOptions);
        Boolean(writer, "stream"u8, request.Stream);
        ExtensionData(writer, request.AdditionalProperties);
        writer.WriteEndObject();
    }
}
