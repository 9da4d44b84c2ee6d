namespace ChatGpt.Tests.TestSupport;

/// <summary>A structured answer with a nested list and an optional (nullable) field.</summary>
public sealed record WeatherReport(string City, double TemperatureC, string? Note, IReadOnlyList<DayForecast> Days);
