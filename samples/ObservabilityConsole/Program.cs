// Prints, with OpenTelemetry's console exporter, the span and the token metrics of one chat call and one streamed call.
// It needs no API key and no network: the calls go to the in-memory emulator of ChatGptClient.Testing. To watch real
// calls, remove UseEmulator() and set OPENAI_API_KEY.
using ChatGpt;
using ChatGpt.Chat;
using ChatGpt.Diagnostics;
using ChatGpt.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);

builder.Services.AddOpenTelemetry()
    .ConfigureResource(static resource => resource.AddService("ObservabilityConsole"))
    .WithTracing(static tracing => tracing.AddSource(ChatGptDiagnostics.ActivitySourceName).AddConsoleExporter())
    .WithMetrics(static metrics => metrics.AddMeter(ChatGptDiagnostics.MeterName).AddConsoleExporter());

builder.Services.AddChatGpt().UseEmulator();

using var host = builder.Build();
await host.StartAsync();
var client = host.Services.GetRequiredService<IChatGptClient>();

var completion = await client.CreateChatCompletionAsync(new ChatCompletionRequest
{
    Messages = [ChatMessage.User("Say hello in five words.")],
    MaxCompletionTokens = 50,
    Temperature = 0.2f,
});
Console.WriteLine($"Answer:      {completion.Content}");
Console.WriteLine($"Response:    {completion.ResponseInfo}");
Console.WriteLine($"Rate limits: {completion.ResponseInfo?.RateLimits}");

var streamed = await client.StreamChatCompletionAsync(new ChatCompletionRequest
{
    Messages = [ChatMessage.User("Count to three.")],
    StreamOptions = new ChatStreamOptions { IncludeUsage = true },
}).ToChatCompletionAsync();
Console.WriteLine($"Streamed:    {streamed.Content} ({streamed.Usage})");

await host.StopAsync();

// Disposing the host (at the end of this scope) flushes the metric exporter, which prints the histograms.
