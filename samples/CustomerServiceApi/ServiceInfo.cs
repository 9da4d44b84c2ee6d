namespace CustomerServiceApi;

/// <summary>What <c>GET /</c> answers: which backend answers and which endpoints exist.</summary>
public sealed record ServiceInfo(string Service, string Backend, IReadOnlyList<string> Endpoints);
