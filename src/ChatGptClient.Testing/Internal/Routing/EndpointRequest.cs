using System.Text.Json;

namespace ChatGpt.Testing.Internal;

/// <summary>What an endpoint gets: the request as routed, its body read the way the route asked, and the engine's
/// per-request context (sequence number, clock reading, the script chosen for it).</summary>
internal sealed class EndpointRequest
{
    private readonly JsonElement? _json;
    private readonly Stream? _body;

    public EndpointRequest(IncomingRequest incoming, EmulatorRoute route, IReadOnlyDictionary<string, string> routeValues, EmulatedRequest recorded, JsonElement? json, Stream? body, EmulatorResponse? script, long sequence, DateTimeOffset receivedAt)
    {
        Incoming = incoming;
        Route = route;
        RouteValues = routeValues;
        Recorded = recorded;
        _json = json;
        _body = body;
        Script = script;
        Sequence = sequence;
        ReceivedAt = receivedAt;
    }

    public IncomingRequest Incoming { get; }

    public EmulatorRoute Route { get; }

    /// <summary>The values of the route's <c>{name}</c> segments, URL-decoded.</summary>
    public IReadOnlyDictionary<string, string> RouteValues { get; }

    /// <summary>The request as recorded in <see cref="ChatGptEmulator.Requests"/>.</summary>
    public EmulatedRequest Recorded { get; }

    /// <summary>The JSON object body (routes with <see cref="RequestBodyKind.Json"/>; invalid JSON was already answered
    /// with the API's 400).</summary>
    public JsonElement Json => _json ?? throw new InvalidOperationException($"The route {Route} does not read a JSON body.");

    /// <summary>The body as it arrives (routes with <see cref="RequestBodyKind.Stream"/>); read it once, to the end or
    /// not at all. Multipart bodies: <c>Microsoft.AspNetCore.WebUtilities.MultipartReader</c> reads them section by section.</summary>
    public Stream Body => _body ?? throw new InvalidOperationException($"The route {Route} does not stream its body.");

    /// <summary>The <c>Content-Type</c> header, or <see langword="null"/>.</summary>
    public string? ContentType => Incoming.Header("Content-Type");

    /// <summary>The scripted content answer for this request (<see cref="EmulatorResponseKind.Generated"/>,
    /// <see cref="EmulatorResponseKind.Text"/>, <see cref="EmulatorResponseKind.ToolCall"/>), or <see langword="null"/>;
    /// endpoints that produce no text ignore it.</summary>
    public EmulatorResponse? Script { get; }

    /// <summary>The request's number since the emulator started (1, 2, ...): the seed of its ids.</summary>
    public long Sequence { get; }

    /// <summary>When the request arrived, by the emulator's clock.</summary>
    public DateTimeOffset ReceivedAt { get; }

    public string RouteValue(string name) => RouteValues[name];

    /// <summary>The first value of a query parameter (URL-decoded), or <see langword="null"/>.</summary>
    public string? Query(string name) => Incoming.QueryParameter(name);
}
