using ChatGpt.Http.Uploads;

namespace ChatGpt.Audio.Internal;

/// <summary>Makes the <see cref="UploadSource"/> of a transcription or translation: a stream of unknown length is wrapped so
/// that it stops at the API's 25 MB limit instead of sending more.</summary>
internal static class AudioSource
{
    public static UploadSource FromFile(string filePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        return UploadSource.FromFile(filePath, AudioFormats.ContentTypeOf(filePath));
    }

    public static UploadSource FromStream(Stream audio, string fileName)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        var contentType = AudioFormats.ContentTypeOf(fileName);
        return audio.CanSeek
            ? UploadSource.FromStream(audio, fileName, contentType)
            : UploadSource.FromStream(new AudioLimitStream(audio, fileName), fileName, contentType);
    }
}
