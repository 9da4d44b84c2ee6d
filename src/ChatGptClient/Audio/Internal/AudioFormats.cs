using System.Globalization;

namespace ChatGpt.Audio.Internal;

/// <summary>The client-side checks of an audio file before it is sent: a format the API takes and a size under its limit.</summary>
internal static class AudioFormats
{
    /// <summary>The audio's media type, from its extension (the API identifies the format by the file name and type).</summary>
    public static string ContentTypeOf(string fileName) => Extension(fileName) switch
    {
        "flac" => "audio/flac",
        "mp3" or "mpga" or "mpeg" => "audio/mpeg",
        "mp4" or "m4a" => "audio/mp4",
        "ogg" => "audio/ogg",
        "wav" => "audio/wav",
        "webm" => "audio/webm",
        _ => "application/octet-stream",
    };

    /// <summary>Checks the file's format and, when it can be known before sending, its size; returns the size when known.</summary>
    /// <exception cref="ChatGptException">The format is not one the API takes, the file is missing, or it is too large.</exception>
    public static long? Check(AudioFile file)
    {
        var extension = Extension(file.FileName);
        if (!AudioLimits.SupportedExtensions.Contains(extension))
        {
            throw new ChatGptException(string.Create(
                CultureInfo.InvariantCulture,
                $"The audio file '{file.FileName}' is not in a format the API takes: its extension must be one of {string.Join(", ", AudioLimits.SupportedExtensions)}. Nothing was sent."));
        }

        long? length;
        if (file.Path is { } path)
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new ChatGptException($"The audio file '{path}' does not exist. Nothing was sent.", new FileNotFoundException(null, path));
            }

            length = info.Length;
        }
        else
        {
            var stream = file.Stream!;
            length = stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : null;
        }

        if (length > AudioLimits.MaxFileBytes)
        {
            throw TooLarge(file.FileName, length.Value);
        }

        if (length == 0)
        {
            throw new ChatGptException($"The audio file '{file.FileName}' is empty. Nothing was sent.");
        }

        return length;
    }

    public static ChatGptException TooLarge(string fileName, long bytes) =>
        new(string.Create(
            CultureInfo.InvariantCulture,
            $"The audio file '{fileName}' is too large: {bytes:N0} bytes or more, over the API's limit of {AudioLimits.MaxFileBytes:N0} bytes (25 MB). Split or compress it."));

    private static string Extension(string fileName) => Path.GetExtension(fileName).TrimStart('.').ToLowerInvariant();
}
