namespace ChatGpt.Testing.Internal;

/// <summary>An upload of the Uploads API as the emulator keeps it: its declared size, its parts, its status.</summary>
internal sealed class EmulatorUpload
{
    public required string Id { get; init; }

    public required string Filename { get; init; }

    public required string Purpose { get; init; }

    public required long Bytes { get; init; }

    public required long CreatedAt { get; init; }

    public required long ExpiresAt { get; init; }

    public long? FileExpiresAt { get; init; }

    public string Status { get; set; } = "pending";

    public StoredFile? File { get; set; }

    /// <summary>The parts received, by id: their length and, while the whole upload fits the bound, their bytes.</summary>
    public Dictionary<string, (long Length, byte[]? Content)> Parts { get; } = new(StringComparer.Ordinal);
}
