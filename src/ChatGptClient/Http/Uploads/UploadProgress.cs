namespace ChatGpt.Http.Uploads;

/// <summary>How far an upload has gone: the bytes of the file sent so far, of how many.</summary>
/// <param name="BytesSent">The bytes of the file written to the connection so far (the multipart framing is not counted).
/// A retried attempt starts its part again, so this can go down.</param>
/// <param name="TotalBytes">The file's length, or <see langword="null"/> when a non-seekable stream did not say.</param>
public readonly record struct UploadProgress(long BytesSent, long? TotalBytes)
{
    /// <summary>The share sent, from 0 to 1, or <see langword="null"/> when the total is unknown.</summary>
    public double? Fraction => TotalBytes is > 0 and var total ? (double)BytesSent / total : TotalBytes == 0 ? 1 : null;
}
