namespace ChatGpt.Files.Internal;

/// <summary>One page of a cursor-paged list (<c>data</c>, <c>has_more</c>, and the ids to continue after).</summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class ListPage<T>
{
    public string? Object { get; set; }

    [System.Text.Json.Serialization.JsonRequired]
    public List<T> Data { get; set; } = [];

    public bool HasMore { get; set; }

    public string? FirstId { get; set; }

    public string? LastId { get; set; }
}
