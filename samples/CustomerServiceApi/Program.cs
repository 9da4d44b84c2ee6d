// CustomerServiceApi: an ASP.NET Core minimal API that answers customers with ChatGptClient.
// Configuration: appsettings.json ("ChatGpt" and "CustomerService" sections), user-secrets, environment variables.
// With no API key configured (ChatGpt:ApiKey, user-secrets or OPENAI_API_KEY) and no ChatGpt:BaseAddress, the
// built-in emulator answers, so the sample runs on a fresh machine.
using ChatGpt;
using CustomerServiceApi;
using Microsoft.AspNetCore.Http.HttpResults;

var builder = WebApplication.CreateBuilder(args);

var chatGptSection = builder.Configuration.GetSection(ChatGptOptions.DefaultSectionName);
var chatGpt = builder.Services.AddChatGpt(chatGptSection).AddHealthCheck();
builder.Services.AddOptions<CustomerServiceSettings>().BindConfiguration(CustomerServiceSettings.SectionName);

var useEmulator = builder.Configuration.GetValue<bool?>($"{CustomerServiceSettings.SectionName}:{nameof(CustomerServiceSettings.UseEmulator)}")
    ?? (string.IsNullOrWhiteSpace(chatGptSection[nameof(ChatGptOptions.ApiKey)])
        && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ChatGptOptions.ApiKeyEnvironmentVariable))
        && string.IsNullOrWhiteSpace(chatGptSection[nameof(ChatGptOptions.BaseAddress)]));
if (useEmulator)
{
    chatGpt.UseEmulator();
}

builder.Services.AddSingleton<CustomerServiceAssistant>();
builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, CustomerServiceJsonContext.Default));

var app = builder.Build();
var backend = useEmulator ? "emulator" : chatGptSection[nameof(ChatGptOptions.BaseAddress)] ?? "openai";
app.Logger.LogInformation("Answering with the {Backend} backend", backend);

app.MapGet("/", () => new ServiceInfo("Customer service assistant", backend, ["POST /ask", "POST /ask/stream", "GET /health"]));

// Lists the models (no tokens spent): proves the server answers and accepts the key, within 5 seconds.
app.MapHealthChecks("/health");

app.MapPost("/ask", async Task<Results<Ok<AskResponse>, ProblemHttpResult>> (AskRequest request, CustomerServiceAssistant assistant, CancellationToken cancellationToken) =>
{
    if (string.IsNullOrWhiteSpace(request.Question))
    {
        return TypedResults.Problem("The question is empty.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid question");
    }

    try
    {
        return TypedResults.Ok(await assistant.AskAsync(request, cancellationToken));
    }
    catch (ChatGptException ex)
    {
        return UpstreamProblem(ex);
    }
});

app.MapPost("/ask/stream", Results<ServerSentEventsResult<string>, ProblemHttpResult> (AskRequest request, CustomerServiceAssistant assistant, CancellationToken cancellationToken) =>
    string.IsNullOrWhiteSpace(request.Question)
        ? TypedResults.Problem("The question is empty.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid question")
        : TypedResults.ServerSentEvents(assistant.StreamAsync(request, cancellationToken)));

app.Run();

// The model is busy or out of quota: 503 with the server's Retry-After; anything else is a bad gateway.
static ProblemHttpResult UpstreamProblem(ChatGptException ex)
{
    var busy = ex.StatusCode is System.Net.HttpStatusCode.TooManyRequests or System.Net.HttpStatusCode.ServiceUnavailable;
    var extensions = new Dictionary<string, object?> { ["requestId"] = ex.RequestId, ["code"] = ex.ErrorCode };
    if (ex.RetryAfter is TimeSpan retryAfter)
    {
        extensions["retryAfterSeconds"] = (int)Math.Ceiling(retryAfter.TotalSeconds);
    }

    return TypedResults.Problem(
        ex.Message,
        statusCode: busy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway,
        title: busy ? "The assistant is busy" : "The assistant failed",
        extensions: extensions);
}

/// <summary>The entry point, public for WebApplicationFactory in the integration tests.</summary>
public partial class Program;
