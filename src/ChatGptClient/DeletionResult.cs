namespace ChatGpt;

/// <summary>The answer to a delete request (a file, a fine-tuned model): what was deleted and whether it was.</summary>
public sealed class DeletionResult
{
    /// <summary>The id of the object.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The object type (<c>file</c>, <c>model</c>).</summary>
    public string? Object { get; set; }

    /// <summary>Whether the object was deleted.</summary>
    public bool Deleted { get; set; }
}
