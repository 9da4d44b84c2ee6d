using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Chat;

/// <summary>Predicted output (e.g. a file being edited), which lets the server answer faster when most of it is reused.</summary>
public sealed class ChatPrediction
{
    /// <summary>The prediction type: always <c>content</c>.</summary>
    public string Type { get; init; } = "content";

    /// <summary>The predicted text.</summary>
    [JsonIgnore]
    public string? Content { get; init; }

    /// <summary>The predicted text as text parts, sent instead of <see cref="Content"/> when set.</summary>
    [JsonIgnore]
    public IList<ChatContentPart>? ContentParts { get; init; }

    [JsonInclude]
    [JsonPropertyName("content")]
    [JsonConverter(typeof(MessageContentJsonConverter))]
    internal MessageContent? WireContent
    {
        get => ContentParts is not null ? new MessageContent(null, ContentParts) : new MessageContent(Content ?? string.Empty, null);
        init
        {
            Content = value?.Text;
            ContentParts = value?.Parts;
        }
    }

    /// <summary>Creates a prediction from text.</summary>
    /// <param name="content">The predicted text.</param>
    /// <returns>The prediction.</returns>
    public static ChatPrediction FromText(string content) => new() { Content = content };
}
