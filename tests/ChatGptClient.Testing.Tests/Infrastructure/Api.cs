using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatGpt.Testing.Tests.Infrastructure;

/// <summary>Small helpers to call the emulator with raw JSON, as any HTTP client would.</summary>
public static class Api
{
    public static HttpRequestMessage Post(string path, string json) =>
        new(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpRequestMessage Post(string path, JsonNode body) => Post(path, body.ToJsonString());

    public static async Task<HttpResponseMessage> PostAsync(this HttpClient client, string path, string json, HttpCompletionOption option = HttpCompletionOption.ResponseContentRead, CancellationToken cancellationToken = default)
    {
        using var request = Post(path, json);
        return await client.SendAsync(request, option, cancellationToken);
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Reads a server-sent event stream strictly: every event is exactly <c>data: …\n\n</c>.</summary>
    public static async Task<List<string>> ReadEventsAsync(this HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        var events = new List<string>();
        await foreach (var data in ReadEventsStreamingAsync(response, cancellationToken))
        {
            events.Add(data);
        }

        return events;
    }

    public static async IAsyncEnumerable<string> ReadEventsStreamingAsync(this HttpResponseMessage response, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            Assert.StartsWith("data: ", line);
            var blank = await reader.ReadLineAsync(cancellationToken);
            Assert.Equal(string.Empty, blank);
            yield return line["data: ".Length..];
        }
    }

    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(", ", contentValues)
        : null;

    public static MediaTypeHeaderValue? ContentType(this HttpResponseMessage response) => response.Content.Headers.ContentType;
}
