using System.ComponentModel;

namespace AssistantWithTools;

/// <summary>Today's weather, from a local table: the second function the assistant can call.</summary>
public sealed class WeatherStation
{
    private static readonly Dictionary<string, WeatherReport> s_weather = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Paris"] = new("Paris", 21, "sunny"),
        ["London"] = new("London", 14, "light rain"),
        ["Tokyo"] = new("Tokyo", 26, "humid, clouds"),
        ["New York"] = new("New York", 18, "windy"),
    };

    /// <summary>How many times the model called the function.</summary>
    public int Calls { get; private set; }

    [Description("Gets today's weather in a city.")]
    public WeatherReport GetWeather([Description("The city, e.g. Paris")] string city)
    {
        Calls++;
        var name = city.Trim().TrimEnd('.', '?', '!');
        return s_weather.TryGetValue(name, out var report) ? report : new WeatherReport(name, null, "no data for this city");
    }
}
