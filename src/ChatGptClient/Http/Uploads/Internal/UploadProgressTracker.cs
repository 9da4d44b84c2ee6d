namespace ChatGpt.Http.Uploads.Internal;

/// <summary>
/// Adds up the bytes sent by every part of one upload (parts may be sent in parallel) and reports the total through the
/// caller's <see cref="IProgress{T}"/>.
/// </summary>
internal sealed class UploadProgressTracker
{
    private readonly IProgress<UploadProgress>? _progress;
    private readonly long? _total;
    private long _sent;

    public UploadProgressTracker(IProgress<UploadProgress>? progress, long? total)
    {
        _progress = progress;
        _total = total;
    }

    public long BytesSent => Interlocked.Read(ref _sent);

    /// <summary>Adds <paramref name="delta"/> bytes (negative when a retried attempt starts its part again) and reports.</summary>
    public void Add(long delta)
    {
        var sent = Interlocked.Add(ref _sent, delta);
        _progress?.Report(new UploadProgress(sent, _total));
    }

    /// <summary>Reports the start (0 of the total), so a progress bar appears before the first byte.</summary>
    public void ReportStart() => _progress?.Report(new UploadProgress(BytesSent, _total));
}
