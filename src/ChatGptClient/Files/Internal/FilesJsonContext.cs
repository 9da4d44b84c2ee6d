using System.Text.Json.Serialization;

namespace ChatGpt.Files.Internal;

/// <summary>The source-generated JSON of the files client (same settings as the library's).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatGptFile))]
[JsonSerializable(typeof(ListPage<ChatGptFile>))]
[JsonSerializable(typeof(DeletionResult))]
[JsonSerializable(typeof(CreateUploadRequest))]
[JsonSerializable(typeof(CompleteUploadRequest))]
[JsonSerializable(typeof(UploadObject))]
[JsonSerializable(typeof(UploadPartObject))]
internal sealed partial class FilesJsonContext : JsonSerializerContext;
