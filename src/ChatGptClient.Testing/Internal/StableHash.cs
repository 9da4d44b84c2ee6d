namespace ChatGpt.Testing.Internal;

/// <summary>A hash that is the same in every process (string.GetHashCode is randomized), for deterministic fake values.</summary>
internal static class StableHash
{
    public static uint Of(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    /// <summary>A deterministic log probability in (-1.2, 0) for a token.</summary>
    public static double Logprob(string token) => -Math.Round(0.0001 + ((Of(token) % 12000) / 10000.0), 6);
}
