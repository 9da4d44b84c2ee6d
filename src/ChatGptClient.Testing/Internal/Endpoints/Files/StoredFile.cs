namespace ChatGpt.Testing.Internal;

/// <summary>A file the emulator stores: its metadata, and its bytes when they fit <see cref="ChatGptEmulator.MaxStoredFileBytes"/>.</summary>
internal sealed class StoredFile
{
    public required string Id { get; init; }

    public required string Filename { get; init; }

    public required string Purpose { get; init; }

    public required long Bytes { get; init; }

    public required long CreatedAt { get; init; }

    public long? ExpiresAt { get; init; }

    /// <summary>The bytes, or <see langword="null"/> when the file was larger than the emulator keeps (only its length is known).</summary>
    public byte[]? Content { get; init; }
}
