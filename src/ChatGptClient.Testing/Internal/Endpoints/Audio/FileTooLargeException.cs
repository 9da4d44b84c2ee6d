namespace ChatGpt.Testing.Internal;

/// <summary>An uploaded file passed the API's size limit while it was read.</summary>
internal sealed class FileTooLargeException(long bytesRead) : Exception($"{bytesRead} bytes read")
{
    public long BytesRead { get; } = bytesRead;
}
