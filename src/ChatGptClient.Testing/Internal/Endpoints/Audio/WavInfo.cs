namespace ChatGpt.Testing.Internal;

/// <summary>What the emulator reads from an uploaded audio file: its format, its duration and any transcript in its metadata.</summary>
/// <param name="IsWav">Whether the file is a RIFF/WAVE file whose header could be read.</param>
/// <param name="Duration">The audio's duration: exact for WAV (data bytes over byte rate), estimated for other formats.</param>
/// <param name="Comment">The text of the WAV's <c>LIST/INFO</c> <c>ICMT</c> (comment) chunk, when present.</param>
/// <param name="Bytes">The size of the file.</param>
internal sealed record WavInfo(bool IsWav, TimeSpan Duration, string? Comment, long Bytes);
