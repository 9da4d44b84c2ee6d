using System.Text.Json.Serialization;
using ChatGpt.Serialization;

namespace ChatGpt.Models;

/// <summary>A model offered by the server, as listed by <see cref="IChatGptClient.ListModelsAsync(CancellationToken)"/>.</summary>
/// <remarks>Named after the client (as the official SDK's <c>OpenAIModel</c>) rather than <c>Model</c>, which repeated its
/// namespace and read like any other "model" type in an application.</remarks>
public sealed class ChatGptModel
{
    /// <summary>The model id, used as <c>model</c> in requests.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The object type, <c>model</c>.</summary>
    public string? Object { get; set; }

    /// <summary>When the model was created.</summary>
    [JsonConverter(typeof(UnixTimestampJsonConverter))]
    public DateTimeOffset Created { get; set; }

    /// <summary>The organization that owns the model.</summary>
    public string? OwnedBy { get; set; }

    /// <summary>When the model will shut down (an ISO date such as <c>2026-10-23</c>), or <see langword="null"/> when not announced.</summary>
    /// <remarks>Kept as text so a compatible server's other date format cannot fail the whole list.</remarks>
    public string? ShutdownDate { get; set; }

    /// <summary>The model id.</summary>
    /// <returns><see cref="Id"/>.</returns>
    public override string ToString() => Id;
}
