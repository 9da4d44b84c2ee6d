using ChatGpt.Chat;

namespace ChatGpt.Internal;

/// <summary>What the client adjusts on a request before sending it: the model default and the stream flag.</summary>
/// <typeparam name="TSelf">The request type.</typeparam>
internal interface IWireRequest<TSelf> : IChatGptRequest
    where TSelf : class, IWireRequest<TSelf>
{
    string? Model { get; set; }

    ChatStreamOptions? StreamOptions { get; set; }

    bool? Stream { get; set; }

    TSelf ShallowClone();

    /// <summary>Writes the request body (the same bytes as the source-generated contract, faster).</summary>
    void WriteJson(System.Text.Json.Utf8JsonWriter writer);
}
