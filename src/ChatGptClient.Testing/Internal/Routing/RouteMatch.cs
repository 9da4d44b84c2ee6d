namespace ChatGpt.Testing.Internal;

/// <summary>The endpoint and route a request matched, with the route's values.</summary>
internal sealed record RouteMatch(EmulatorEndpoint Endpoint, EmulatorRoute Route, IReadOnlyDictionary<string, string> Values);
