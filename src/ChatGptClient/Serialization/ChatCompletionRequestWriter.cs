using System.Text.Json;
using ChatGpt.Chat;
using static ChatGpt.Serialization.WireJsonWriter;

namespace ChatGpt.Serialization;

/// <summary>
/// Writes a <see cref="ChatCompletionRequest"/> as the source-generated contract does, byte for byte, without the
/// serializer's metadata walk: the type's extension data and converted properties rule out the generator's fast path,
/// and serializing the request was most of the client's own cost of a short call. Rarely set fields and those shaped by
/// a converter still go through the contract. Pinned to the contract by <c>RequestWriterTests</c>.
/// </summary>
internal static class ChatCompletionRequestWriter
{
    public static void Write(Utf8JsonWriter writer, ChatCompletionRequest request)
    {
        writer.WriteStartObject();
        String(writer, "model"u8, request.Model);
        if (request.Messages is { } messages)
        {
            writer.WriteStartArray("messages"u8);
            for (var i = 0; i < messages.Count; i++)
            {
                WriteMessage(writer, messages[i]);
            }

            writer.WriteEndArray();
        }

        Number(writer, "max_tokens"u8, request.MaxTokens);
        Number(writer, "max_completion_tokens"u8, request.MaxCompletionTokens);
        Number(writer, "temperature"u8, request.Temperature);
        Number(writer, "top_p"u8, request.TopP);
        Number(writer, "n"u8, request.N);
        Strings(writer, "stop"u8, request.Stop);
        Number(writer, "presence_penalty"u8, request.PresencePenalty);
        Number(writer, "frequency_penalty"u8, request.FrequencyPenalty);
        Value(writer, "logit_bias"u8, request.LogitBias, static c => c.IDictionaryInt32Int32);
        Number(writer, "seed"u8, request.Seed);
        String(writer, "user"u8, request.User);
        Boolean(writer, "logprobs"u8, request.Logprobs);
        Number(writer, "top_logprobs"u8, request.TopLogprobs);
        Value(writer, "response_format"u8, request.ResponseFormat, static c => c.ChatResponseFormat);
        Value(writer, "tools"u8, request.Tools, static c => c.IListChatTool);
        Value(writer, "tool_choice"u8, request.ToolChoice, static c => c.ChatToolChoice);
        Boolean(writer, "parallel_tool_calls"u8, request.ParallelToolCalls);
        StreamOptions(writer, request.StreamOptions);
        Boolean(writer, "store"u8, request.Store);
        Value(writer, "metadata"u8, request.Metadata, static c => c.IDictionaryStringString);
        String(writer, "service_tier"u8, request.ServiceTier?.Value);
        Strings(writer, "modalities"u8, request.Modalities);
        Value(writer, "audio"u8, request.Audio, static c => c.ChatAudioOptions);
        String(writer, "reasoning_effort"u8, request.ReasoningEffort?.Value);
        String(writer, "verbosity"u8, request.Verbosity?.Value);
        Value(writer, "prediction"u8, request.Prediction, static c => c.ChatPrediction);
        Value(writer, "web_search_options"u8, request.WebSearchOptions, static c => c.ChatWebSearchOptions);
        String(writer, "safety_identifier"u8, request.SafetyIdentifier);
        String(writer, "prompt_cache_key"u8, request.PromptCacheKey);
        String(writer, "prompt_cache_retention"u8, request.PromptCacheRetention?.Value);
        Value(writer, "prompt_cache_options"u8, request.PromptCacheOptions, static c => c.ChatPromptCacheOptions);
        Value(writer, "moderation"u8, request.Moderation, static c => c.ChatModerationOptions);
        Value(writer, "functions"u8, request.Functions, static c => c.IListChatFunctionDefinition);
        Value(writer, "function_call"u8, request.FunctionCall, static c => c.ChatFunctionChoice);
        Boolean(writer, "stream"u8, request.Stream);
        ExtensionData(writer, request.AdditionalProperties);
        writer.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter writer, ChatMessage? message)
    {
        if (message is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("role"u8, message.Role.Value);

        // The contract's "content": the parts when set, else the text (ChatMessage.WireContent).
        if (message.ContentParts is { } parts)
        {
            writer.WritePropertyName("content"u8);
            JsonSerializer.Serialize(writer, parts, ChatGptJsonContext.Default.IListChatContentPart);
        }
        else
        {
            String(writer, "content"u8, message.Content);
        }

        String(writer, "name"u8, message.Name);
        Value(writer, "tool_calls"u8, message.ToolCalls, static c => c.IListChatToolCall);
        String(writer, "tool_call_id"u8, message.ToolCallId);
        String(writer, "refusal"u8, message.Refusal);
        Value(writer, "audio"u8, message.Audio, static c => c.ChatMessageAudio);
        Value(writer, "annotations"u8, message.Annotations, static c => c.IListChatAnnotation);
        Value(writer, "function_call"u8, message.FunctionCall, static c => c.ChatFunctionCall);
        writer.WriteEndObject();
    }
}
