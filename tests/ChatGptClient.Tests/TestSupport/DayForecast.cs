namespace ChatGpt.Tests.TestSupport;

/// <summary>One day of a <see cref="WeatherReport"/>.</summary>
public sealed record DayForecast(string Day, int High);
