using System.Net;
using System.Text;
using ChatGpt.Http.Internal;
using ChatGpt.Internal;
using Microsoft.Extensions.Time.Testing;

namespace ChatGpt.Tests.Internal;

/// <summary>The error builder, directly: one parse of the body, the message, the fields, redaction.</summary>
public sealed class ChatGptErrorsTests
{
    private const string Key = "sk-test-echoed-0123456789";

    [Fact]
    public void FromResponse_ApiError_FieldsAndMessage()
    {
        var metadata = Metadata(HttpStatusCode.BadRequest, """{"error":{"message":"Bad temperature","type":"invalid_request_error","code":"decimal_above_max_value","param":"temperature"}}""", ("x-request-id", "req_1"));

        var error = ChatGptErrors.FromResponse(metadata, Key);

        Assert.Equal("Bad temperature (HTTP 400, type invalid_request_error, code decimal_above_max_value, param temperature, request id req_1)", error.Message);
        Assert.Equal(("invalid_request_error", "decimal_above_max_value", "temperature", "req_1"), (error.ErrorType, error.ErrorCode, error.Param, error.RequestId));
    }

    [Fact]
    public void FromResponse_HtmlBody_QuotedShortly()
    {
        var metadata = Metadata(HttpStatusCode.BadGateway, "<html>" + new string('x', 5000) + "</html>");

        var error = ChatGptErrors.FromResponse(metadata, Key);

        Assert.StartsWith("The server answered HTTP 502 ", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 700, error.Message);
        Assert.Null(error.ErrorCode);
    }

    [Fact]
    public void FromResponse_EmptyBody_SaysSo() =>
        Assert.Contains("with an empty body", ChatGptErrors.FromResponse(Metadata(HttpStatusCode.InternalServerError, string.Empty), Key).Message, StringComparison.Ordinal);

    [Fact]
    public void FromResponse_KeyEchoed_Redacted()
    {
        var error = ChatGptErrors.FromResponse(Metadata(HttpStatusCode.Unauthorized, "{\"error\":{\"message\":\"Incorrect API key provided: " + Key + "\"}}"), Key);

        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
        Assert.Contains("[REDACTED]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromResponse_429WithoutRetryAfter_RetryAfterFromTheSpentBudget()
    {
        var metadata = Metadata(HttpStatusCode.TooManyRequests, """{"error":{"code":"rate_limit_exceeded"}}""", ("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "2s"));

        Assert.Equal(TimeSpan.FromSeconds(2), ChatGptErrors.FromResponse(metadata, Key).RetryAfter);
    }

    [Theory]
    [InlineData("https://evil.test:8443/steal/prompt?key=1", "https://evil.test:8443")]
    [InlineData("/v2/elsewhere", "https://api.example.test")]
    [InlineData("https://user:pw@evil.test/x", "https://evil.test")]
    public void Redirect_NamesTheOriginOnly(string location, string origin)
    {
        var metadata = Metadata(HttpStatusCode.TemporaryRedirect, string.Empty, ("Location", location));

        var error = ChatGptErrors.Redirect(metadata, new Uri("https://api.example.test/v1/chat/completions"));

        Assert.Contains($"a redirect to {origin}.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("steal", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw", error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, error.StatusCode);
    }

    private static ResponseMetadata Metadata(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
    {
        using var response = new HttpResponseMessage(status);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        var metadata = ResponseMetadata.Of(response, null, new FakeTimeProvider());
        metadata.SetErrorBody(Encoding.UTF8.GetBytes(body));
        return metadata;
    }
}
