using System.Globalization;
using ChatGpt.Http.Uploads;

namespace ChatGpt.Audio.Internal;

/// <summary>The client-side checks of an audio file before it is sent: a format the API takes and a size under its limit.</summary>
internal static class AudioFormats
{
    /// <summary>The audio's media type, from its extension (the API identifies the format by the file name and type); the
    /// speech formats' extensions give the types the API sends them with.</summary>
    public static string ContentTypeOf(string fileName) => Extension(fileName) switch
    {
        "aac" => "audio/aac",
        "flac" => "audio/flac",
        "mp3" or "mpga" or "mpeg" => "audio/mpeg",
        "mp4" or "m4a" => "audio/mp4",
        "ogg" => "audio/ogg",
        "opus" => "audio/opus",
        "pcm" => "audio/pcm",
        "wav" => "audio/wav",
        "webm" => "audio/webm",
        _ => "application/octet-stream",
    };

    /// <summary>Checks the audio's format (by its file name's extension) and, when it is known, its size.</summary>
    /// <exception cref="ChatGptException">The format is not one the API takes, the file is empty, or it is too large.</exception>
    public static void Check(UploadSource audio)
    {
        var extension = Extension(audio.FileName);
        if (!AudioLimits.SupportedExtensions.Contains(extension))
        {
            throw new ChatGptException(string.Create(
                CultureInfo.InvariantCulture,
                $"The audio file '{audio.FileName}' is not in a format the API takes: its extension must be one of {string.Join(", ", AudioLimits.SupportedExtensions)}. Nothing was sent."));
        }

        if (audio.Length > AudioLimits.MaxFileBytes)
        {
            throw TooLarge(audio.FileName, audio.Length.Value);
        }

        if (audio.Length == 0)
        {
            throw new ChatGptException($"The audio file '{audio.FileName}' is empty. Nothing was sent.");
        }
    }

    public static ChatGptException TooLarge(string fileName, long bytes) =>
        new(string.Create(
            CultureInfo.InvariantCulture,
            $"The audio file '{fileName}' is too large: {bytes:N0} bytes or more, over the API's limit of {AudioLimits.MaxFileBytes:N0} bytes (25 MB). Split or compress it."));

    private static string Extension(string fileName) => Path.GetExtension(fileName).TrimStart('.').ToLowerInvariant();
}
