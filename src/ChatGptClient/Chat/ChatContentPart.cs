using System.Text.Json.Serialization;

namespace ChatGpt.Chat;

/// <summary>One part of a multi-part message: text, an image, input audio, a file or a refusal.</summary>
/// <remarks>Create parts with the factories, e.g. <see cref="FromText"/> and <see cref="FromImage(Uri, ChatImageDetail?)"/>.</remarks>
public sealed class ChatContentPart
{
    /// <summary>The part type: <c>text</c>, <c>image_url</c>, <c>input_audio</c>, <c>file</c> or <c>refusal</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The text of a <c>text</c> part.</summary>
    public string? Text { get; init; }

    /// <summary>The image of an <c>image_url</c> part.</summary>
    public ChatImageUrl? ImageUrl { get; init; }

    /// <summary>The audio of an <c>input_audio</c> part.</summary>
    public ChatInputAudio? InputAudio { get; init; }

    /// <summary>The file of a <c>file</c> part.</summary>
    public ChatFileContent? File { get; init; }

    /// <summary>The refusal text of a <c>refusal</c> part (assistant messages only).</summary>
    public string? Refusal { get; init; }

    /// <summary>Marks this part as the end of a reusable prompt prefix (text, image, audio and file parts).</summary>
    /// <remarks>Set it in an object initializer, e.g. <c>new ChatContentPart { Type = "text", Text = "...", PromptCacheBreakpoint = ChatPromptCacheBreakpoint.Explicit }</c>.</remarks>
    public ChatPromptCacheBreakpoint? PromptCacheBreakpoint { get; init; }

    /// <summary>Creates a text part.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The part.</returns>
    public static ChatContentPart FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new() { Type = "text", Text = text };
    }

    /// <summary>Creates an image part from a URL (https or a <c>data:</c> URI).</summary>
    /// <param name="url">The image URL.</param>
    /// <param name="detail">The detail level: <see cref="ChatImageDetail.Auto"/>, <see cref="ChatImageDetail.Low"/> or <see cref="ChatImageDetail.High"/> (a string converts to it).</param>
    /// <returns>The part.</returns>
    public static ChatContentPart FromImage(Uri url, ChatImageDetail? detail = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new() { Type = "image_url", ImageUrl = new ChatImageUrl { Url = url.OriginalString, Detail = detail } };
    }

    /// <summary>Creates an image part from bytes, sent inline as a base64 <c>data:</c> URI.</summary>
    /// <param name="image">The encoded image.</param>
    /// <param name="mediaType">Its media type, e.g. <c>image/png</c>.</param>
    /// <param name="detail">The detail level: <see cref="ChatImageDetail.Auto"/>, <see cref="ChatImageDetail.Low"/> or <see cref="ChatImageDetail.High"/> (a string converts to it).</param>
    /// <returns>The part.</returns>
    public static ChatContentPart FromImage(ReadOnlySpan<byte> image, string mediaType, ChatImageDetail? detail = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        var url = string.Concat("data:", mediaType, ";base64,", Convert.ToBase64String(image));
        return new() { Type = "image_url", ImageUrl = new ChatImageUrl { Url = url, Detail = detail } };
    }

    /// <summary>Creates an input-audio part.</summary>
    /// <param name="audio">The encoded audio.</param>
    /// <param name="format">Its format: <c>wav</c> or <c>mp3</c>.</param>
    /// <returns>The part.</returns>
    public static ChatContentPart FromAudio(ReadOnlySpan<byte> audio, string format)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(format);
        return new() { Type = "input_audio", InputAudio = new ChatInputAudio { Data = Convert.ToBase64String(audio), Format = format } };
    }

    /// <summary>Creates a file part from an uploaded file's id.</summary>
    /// <param name="fileId">The id of the uploaded file.</param>
    /// <returns>The part.</returns>
    public static ChatContentPart FromFileId(string fileId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        return new() { Type = "file", File = new ChatFileContent { FileId = fileId } };
    }

    /// <summary>Creates a file part with the file's bytes inline.</summary>
    /// <param name="data">The file's bytes.</param>
    /// <param name="filename">The file name shown to the model.</param>
    /// <returns>The part.</returns>
    public static ChatContentPart FromFile(ReadOnlySpan<byte> data, string filename)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filename);
        return new() { Type = "file", File = new ChatFileContent { FileData = Convert.ToBase64String(data), Filename = filename } };
    }
}
