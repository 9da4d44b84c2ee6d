namespace ChatGpt.Testing.Internal;

/// <summary>Shared empty route values (most routes have no parameter).</summary>
internal static class RouteValues
{
    public static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>(0, StringComparer.Ordinal);
}
