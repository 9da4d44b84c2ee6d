namespace ChatGpt.Testing.Internal;

/// <summary>A request as either host hands it to the engine.</summary>
internal sealed record IncomingRequest(string Method, string Path, string Query, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body);
