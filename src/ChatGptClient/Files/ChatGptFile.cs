using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Files;

/// <summary>A file stored by the API (the <c>file</c> object).</summary>
public sealed class ChatGptFile
{
    /// <summary>The file id (<c>file-...</c>), used to refer to it, e.g. as a fine-tuning job's training file.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The object type, <c>file</c>.</summary>
    public string? Object { get; set; }

    /// <summary>The size in bytes.</summary>
    public long Bytes { get; set; }

    /// <summary>When the file was created.</summary>
    [JsonConverter(typeof(UnixTimestampJsonConverter))]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the file expires, or <see langword="null"/> when it does not.</summary>
    [JsonConverter(typeof(UnixTimestampJsonConverter))]
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>The name the file was uploaded with.</summary>
    public string? Filename { get; set; }

    /// <summary>What the file is for.</summary>
    public FilePurpose Purpose { get; set; }

    /// <summary>The processing status (<c>uploaded</c>, <c>processed</c>, <c>error</c>); deprecated by the API.</summary>
    public string? Status { get; set; }

    /// <summary>Why validation failed, for a fine-tuning file in <c>error</c>; deprecated by the API.</summary>
    public string? StatusDetails { get; set; }

    /// <summary>The file id.</summary>
    /// <returns><see cref="Id"/>.</returns>
    public override string ToString() => Id;
}
