using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace ChatGpt.Tests.TestSupport;

internal static class TestClients
{
    public const string ApiKey = "sk-test-0123456789abcdefSECRET";
    public const string BaseUrl = "https://api.example.test/v1/";

    public static ChatGptClient Create(MockHttpMessageHandler handler, Action<ChatGptOptions>? configure = null, TimeProvider? timeProvider = null)
    {
        var options = new ChatGptOptions { ApiKey = ApiKey, BaseAddress = new Uri(BaseUrl) };
        configure?.Invoke(options);
        return new ChatGptClient(new HttpClient(handler), Options.Create(options), timeProvider);
    }

    /// <summary>Captures the body of the request it matches, for exact wire assertions.</summary>
    public static MockedRequest CaptureBody(this MockedRequest request, Action<string> capture) =>
        request.With(message =>
        {
            capture(message.Content!.ReadAsStringAsync().GetAwaiter().GetResult());
            return true;
        });
}
