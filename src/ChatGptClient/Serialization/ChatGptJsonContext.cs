using System.Text.Json;
using System.Text.Json.Serialization;
using ChatGpt.Chat;
using ChatGpt.Completions;
using ChatGpt.Models.Internal;

namespace ChatGpt.Serialization;

/// <summary>
/// The one source-generated JSON context of the library: snake_case names, nulls omitted, unknown fields ignored.
/// No reflection, so the library is trim- and Native AOT-safe.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    GenerationMode = JsonSourceGenerationMode.Default)]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletion))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(CompletionRequest))]
[JsonSerializable(typeof(Completion))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(IList<ChatContentPart>))]
[JsonSerializable(typeof(IList<string>))]
[JsonSerializable(typeof(IList<int>))]
[JsonSerializable(typeof(IList<IList<int>>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonNode))]
internal sealed partial class ChatGptJsonContext : JsonSerializerContext;
