namespace ChatGpt.Testing.Internal;

/// <summary>The emulator's files, in memory, in the order they were created; thread-safe.</summary>
internal sealed class EmulatorFileStore
{
    private readonly Lock _gate = new();
    private readonly List<StoredFile> _files = [];

    public void Add(StoredFile file)
    {
        lock (_gate)
        {
            _files.Add(file);
        }
    }

    public StoredFile Get(string id)
    {
        lock (_gate)
        {
            return _files.Find(f => f.Id == id) ?? throw NotFound(id);
        }
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            return _files.RemoveAll(f => f.Id == id) > 0;
        }
    }

    public List<StoredFile> Snapshot()
    {
        lock (_gate)
        {
            return [.. _files];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _files.Clear();
        }
    }

    public static ApiErrorException NotFound(string id) => new(404, $"No such File object: {id}", "invalid_request_error", "id");
}
