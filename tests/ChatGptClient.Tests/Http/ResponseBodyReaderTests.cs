using System.Net;
using System.Text;
using ChatGpt.Diagnostics;
using ChatGpt.Http.Internal;
using ChatGpt.Serialization;
using ChatGpt.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ChatGpt.Tests.Http;

/// <summary>The JSON body reader, directly: both reading paths, the limits, the failures.</summary>
public sealed class ResponseBodyReaderTests
{
    private static readonly ResponseBodyReader.Limits Generous = new(1_000_000, TimeSpan.FromMinutes(1), TimeProvider.System);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadJsonAsync_WithOrWithoutLength_Parsed(bool declareLength)
    {
        using var response = Response(Bodies.Models, declareLength);

        var list = await Read(response, Generous);

        Assert.NotEmpty(list.Data);
    }

    [Fact]
    public async Task ReadJsonAsync_Capture_KeepsTheRawBodyExactly()
    {
        using var response = Response(Bodies.Models, declareLength: true);
        var info = new ChatGptResponseInfo(HttpStatusCode.OK);

        await Read(response, Generous, info);

        Assert.Equal(Bodies.Models, Encoding.UTF8.GetString(info.RawBody!.Value.Span));
    }

    [Fact]
    public async Task ReadJsonAsync_DeclaredOverTheLimit_FailsBeforeReading()
    {
        using var response = Response(Bodies.Models, declareLength: true);

        var error = await Assert.ThrowsAsync<ChatGptException>(() => Read(response, Generous with { MaxBytes = 10 }));

        Assert.Contains("declares", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadJsonAsync_UndeclaredOverTheLimit_FailsWhileReading()
    {
        using var response = Response(Bodies.Models, declareLength: false);

        var error = await Assert.ThrowsAsync<ChatGptException>(() => Read(response, Generous with { MaxBytes = 10 }));

        Assert.Contains("passed ChatGptOptions.MaxResponseBytes (10 bytes)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"data\": [")]
    [InlineData("null")]
    [InlineData("{\"data\":[]} trailing")]
    public async Task ReadJsonAsync_Malformed_ChatGptException(string body)
    {
        using var response = Response(body, declareLength: true);

        var error = await Assert.ThrowsAsync<ChatGptException>(() => Read(response, Generous));

        Assert.Contains("could not be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadJsonAsync_Stalled_FailsAfterTheIdleTimeout()
    {
        var time = new FakeTimeProvider();
        var content = new SlowContent(Bodies.Models, stallAt: 10);
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };

        var read = Read(response, new ResponseBodyReader.Limits(1_000_000, TimeSpan.FromSeconds(10), time));
        await content.Stalled.Task;
        time.Advance(TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<ChatGptException>(() => read);
        Assert.IsType<TimeoutException>(error.InnerException);
    }

    private static Task<ChatGpt.Models.Internal.ModelList> Read(HttpResponseMessage response, ResponseBodyReader.Limits limits, ChatGptResponseInfo? capture = null) =>
        ResponseBodyReader.ReadJsonAsync(response, ResponseMetadata.Of(response, null, TimeProvider.System), ChatGptJsonContext.Default.ModelList, "response", capture, limits, CancellationToken.None);

    private static HttpResponseMessage Response(string body, bool declareLength) => new(HttpStatusCode.OK)
    {
        Content = declareLength ? new StringContent(body, Encoding.UTF8, "application/json") : new SlowContent(body),
    };
}
