namespace ChatGpt.Audio.Internal;

/// <summary>The audio of a transcription or translation: a file path (reopened for each attempt, so replayable) or a
/// caller's stream (replayable only when seekable). The caller keeps ownership of the stream.</summary>
internal sealed class AudioFile
{
    private AudioFile(string? path, Stream? stream, string fileName)
    {
        Path = path;
        Stream = stream;
        FileName = fileName;
    }

    public string? Path { get; }

    public Stream? Stream { get; }

    public string FileName { get; }

    public static AudioFile FromPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new(path, null, System.IO.Path.GetFileName(path));
    }

    public static AudioFile FromStream(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The audio stream is not readable.", nameof(stream));
        }

        return new(null, stream, System.IO.Path.GetFileName(fileName));
    }
}
