namespace ChatGpt.Models.Internal;

/// <summary>The body of <c>GET /models</c>.</summary>
internal sealed class ModelList
{
    public string? Object { get; set; }

    [System.Text.Json.Serialization.JsonRequired]
    public List<ChatGptModel> Data { get; set; } = [];
}
