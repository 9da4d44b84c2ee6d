using System.Text.Json.Serialization;

namespace ChatGpt.Tests.TestSupport;

/// <summary>Source-generated metadata for the structured-output tests, as a trimmed app would have it.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(WeatherReport))]
[JsonSerializable(typeof(DayForecast))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class StructuredJsonContext : JsonSerializerContext;
