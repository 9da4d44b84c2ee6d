using System.Globalization;

namespace ChatGpt.ScaleOut;

/// <summary>One model of a run: its limit on the emulator and how many calls go to it in total (split over the replicas).</summary>
internal sealed record ScaleOutModel(string Name, int RequestsPerMinute, int Calls)
{
    /// <summary>Parses <c>name=rpm:calls</c>.</summary>
    public static ScaleOutModel Parse(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var colon = text.IndexOf(':', equals + 1);
        if (equals <= 0 || colon < 0)
        {
            throw new ArgumentException($"A model is name=rpm:calls, not '{text}'.");
        }

        return new ScaleOutModel(
            text[..equals],
            int.Parse(text[(equals + 1)..colon], CultureInfo.InvariantCulture),
            int.Parse(text[(colon + 1)..], CultureInfo.InvariantCulture));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}={RequestsPerMinute}:{Calls}");
}
