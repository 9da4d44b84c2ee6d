namespace AssistantWithTools;

/// <summary>What <see cref="WeatherStation.GetWeather"/> returns to the model.</summary>
public sealed record WeatherReport(string City, int? TemperatureC, string Conditions);
