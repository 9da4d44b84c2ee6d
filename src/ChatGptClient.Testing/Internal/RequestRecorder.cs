namespace ChatGpt.Testing.Internal;

/// <summary>Keeps the last requests for <see cref="ChatGptEmulator.Requests"/>, with secrets redacted. Only bodies that
/// were read whole (JSON routes) are kept; streamed bodies (uploads) are not recorded, so the record stays small.</summary>
internal sealed class RequestRecorder
{
    private readonly Lock _gate = new();
    private readonly List<EmulatedRequest> _requests = [];

    public IReadOnlyList<EmulatedRequest> Snapshot()
    {
        lock (_gate)
        {
            return [.. _requests];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    /// <summary>Records a request; <paramref name="body"/> is its JSON body read whole, or empty when it was not read.</summary>
    public EmulatedRequest Record(IncomingRequest incoming, byte[] body, DateTimeOffset now, int maxRecorded)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in incoming.Headers)
        {
            var recordedValue = name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("api-key", StringComparison.OrdinalIgnoreCase) ? "[redacted]" : value;
            headers[name] = headers.TryGetValue(name, out var existing) ? existing + ", " + recordedValue : recordedValue;
        }

        var request = new EmulatedRequest(incoming.Method.ToUpperInvariant(), incoming.Path, incoming.Query, headers, body, now);
        lock (_gate)
        {
            _requests.Add(request);
            var excess = _requests.Count - Math.Max(0, maxRecorded);
            if (excess > 0)
            {
                _requests.RemoveRange(0, excess);
            }
        }

        return request;
    }
}
