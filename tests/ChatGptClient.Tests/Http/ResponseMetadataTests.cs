using System.Net;
using System.Text;
using ChatGpt.Http.Internal;
using ChatGpt.Resilience.Internal;
using Microsoft.Extensions.Time.Testing;

namespace ChatGpt.Tests.Http;

public sealed class ResponseMetadataTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RetryAfter_BothHeaders_MillisecondsWin() =>
        Assert.Equal(TimeSpan.FromMilliseconds(250), Read(HttpStatusCode.TooManyRequests, ("retry-after-ms", "250"), ("Retry-After", "7")).RetryAfter);

    [Fact]
    public void RetryAfter_MalformedMilliseconds_FallsBackToRetryAfter() =>
        Assert.Equal(TimeSpan.FromSeconds(7), Read(HttpStatusCode.TooManyRequests, ("retry-after-ms", "soon"), ("Retry-After", "7")).RetryAfter);

    [Fact]
    public void RetryAfter_None_Null() => Assert.Null(Read(HttpStatusCode.TooManyRequests).RetryAfter);

    [Fact]
    public void RetryAfter_HttpDate_MeasuredOnTheInjectedClock()
    {
        // The fake clock is in 2026; the wall clock would give a wait of zero or years.
        var metadata = Read(HttpStatusCode.ServiceUnavailable, ("Retry-After", Now.AddSeconds(30).ToString("R")));
        Assert.Equal(TimeSpan.FromSeconds(30), metadata.RetryAfter);
    }

    [Fact]
    public void ServerWait_429WithoutRetryAfter_ResetOfSpentBudget()
    {
        (string, string)[] headers = [("x-ratelimit-remaining-tokens", "0"), ("x-ratelimit-reset-tokens", "12s")];

        Assert.Equal(TimeSpan.FromSeconds(12), Read(HttpStatusCode.TooManyRequests, headers).ServerWait);
        Assert.Null(Read(HttpStatusCode.ServiceUnavailable, headers).ServerWait);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData(" false ", false)]
    [InlineData("maybe", null)]
    public void ShouldRetry_Values_Parsed(string value, bool? expected) =>
        Assert.Equal(expected, Read(HttpStatusCode.InternalServerError, ("x-should-retry", value)).ShouldRetry);

    [Fact]
    public void RateLimits_AllHeaders_Parsed()
    {
        var limits = Read(
            HttpStatusCode.OK,
            ("x-ratelimit-limit-requests", "10000"),
            ("x-ratelimit-limit-tokens", "2000000"),
            ("x-ratelimit-remaining-requests", "9999"),
            ("x-ratelimit-remaining-tokens", "1999950"),
            ("x-ratelimit-reset-requests", "6ms"),
            ("x-ratelimit-reset-tokens", "1ms")).RateLimits;

        Assert.Equal(new RateLimitSnapshot(10_000, 2_000_000, 9_999, 1_999_950, TimeSpan.FromMilliseconds(6), TimeSpan.FromMilliseconds(1)), limits);
    }

    [Fact]
    public void RateLimits_MixedCaseAmongOtherHeaders_Parsed()
    {
        var metadata = Read(
            HttpStatusCode.OK,
            ("x-request-id", "req_1"),
            ("X-RateLimit-Remaining-Tokens", "42"),
            ("x-ratelimit-limit-tokens-usage-based", "7"),
            ("x-ratelimit-reset-tokens", "1m0s"),
            ("openai-processing-ms", "321"));

        Assert.Equal(new RateLimitSnapshot(null, null, null, 42, null, TimeSpan.FromMinutes(1)), metadata.RateLimits);
        Assert.Equal("req_1", metadata.RequestId);
        Assert.Equal(TimeSpan.FromMilliseconds(321), metadata.ProcessingTime);
    }

    [Fact]
    public void RateLimits_MalformedValues_Ignored() =>
        Assert.False(Read(HttpStatusCode.OK, ("x-ratelimit-limit-requests", "lots"), ("x-ratelimit-remaining-requests", "-1"), ("x-ratelimit-reset-requests", "later")).RateLimits.HasAny);

    [Theory]
    [InlineData(HttpStatusCode.TemporaryRedirect, "application/json")]
    [InlineData(HttpStatusCode.Found, null)]
    [InlineData(HttpStatusCode.TooManyRequests, "text/html")]
    [InlineData(HttpStatusCode.OK, "text/html")]
    public void RateLimits_NotTheApisAnswer_NotRead(HttpStatusCode status, string? contentType)
    {
        using var response = Response(status, ("x-ratelimit-limit-tokens", "1"), ("x-ratelimit-remaining-tokens", "0"));
        if (contentType is not null)
        {
            response.Content = new StringContent("<html>proxy</html>", Encoding.UTF8, contentType);
        }

        var metadata = ResponseMetadata.Of(response, null, new FakeTimeProvider(Now));

        Assert.False(metadata.IsApiResponse);
        Assert.False(metadata.RateLimits.HasAny);
    }

    [Theory]
    [InlineData("x-request-id", nameof(ResponseHeader.RequestId))]
    [InlineData("X-Request-ID", nameof(ResponseHeader.RequestId))]
    [InlineData("openai-processing-ms", nameof(ResponseHeader.ProcessingMs))]
    [InlineData("retry-after-ms", nameof(ResponseHeader.RetryAfterMs))]
    [InlineData("Retry-After", nameof(ResponseHeader.RetryAfter))]
    [InlineData("x-should-retry", nameof(ResponseHeader.ShouldRetry))]
    [InlineData("location", nameof(ResponseHeader.Location))]
    [InlineData("x-ratelimit-limit-requests", nameof(ResponseHeader.LimitRequests))]
    [InlineData("X-RateLimit-Limit-Tokens", nameof(ResponseHeader.LimitTokens))]
    [InlineData("x-ratelimit-remaining-requests", nameof(ResponseHeader.RemainingRequests))]
    [InlineData("x-ratelimit-remaining-tokens", nameof(ResponseHeader.RemainingTokens))]
    [InlineData("x-ratelimit-reset-requests", nameof(ResponseHeader.ResetRequests))]
    [InlineData("X-RATELIMIT-RESET-TOKENS", nameof(ResponseHeader.ResetTokens))]
    [InlineData("x-ratelimit-lxmit-tokens", nameof(ResponseHeader.None))]
    [InlineData("x-ratelimit-rxset-tokens", nameof(ResponseHeader.None))]
    [InlineData("x-request-ix", nameof(ResponseHeader.None))]
    [InlineData("retry-after-mx", nameof(ResponseHeader.None))]
    [InlineData("x-should-retrx", nameof(ResponseHeader.None))]
    [InlineData("openai-version", nameof(ResponseHeader.None))]
    [InlineData("Date", nameof(ResponseHeader.None))]
    [InlineData("", nameof(ResponseHeader.None))]
    public void Classify_Names_ToldApartByLengthThenCompared(string name, string expected) =>
        Assert.Equal(Enum.Parse<ResponseHeader>(expected), ResponseMetadata.Classify(name));

    [Theory]
    [InlineData("application/json", "application/json")]
    [InlineData("application/json; charset=utf-8", "application/json")]
    [InlineData("Application/JSON;charset=utf-8", "application/json")]
    [InlineData(" text/event-stream ; charset=utf-8", "text/event-stream")]
    [InlineData("text/html; charset=iso-8859-1", "text/html")]
    [InlineData("audio/mpeg", "audio/mpeg")]
    [InlineData("; charset=utf-8", null)]
    public void ContentType_AsSent_MediaTypeWithoutParameters(string header, string? expected)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", header);

        Assert.Equal(expected, ResponseMetadata.Of(response, null, TimeProvider.System).ContentType);
    }

    [Fact]
    public void ContentType_TextHtmlWithParameters_NotTheApisAnswer()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", "TEXT/HTML; charset=utf-8");

        Assert.False(ResponseMetadata.Of(response, null, TimeProvider.System).IsApiResponse);
    }

    [Fact]
    public void Of_SameResponse_ReadOnceAndShared()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/v1/models");
        using var response = Response(HttpStatusCode.OK, ("x-request-id", "req_1"));
        using var retried = Response(HttpStatusCode.OK, ("x-request-id", "req_2"));
        var clock = new FakeTimeProvider(Now);

        var first = ResponseMetadata.Of(response, request, clock);

        Assert.Same(first, ResponseMetadata.Of(response, request, clock));
        Assert.Equal("req_2", ResponseMetadata.Of(retried, request, clock).RequestId);
    }

    [Theory]
    [InlineData("""{"error":{"message":"m","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""", "insufficient_quota", "insufficient_quota")]
    [InlineData("""{"error":{"message":"m","type":"requests","code":"rate_limit_exceeded"}}""", "requests", "rate_limit_exceeded")]
    [InlineData("""{"error":{"message":"m","type":"server_error","code":null}}""", "server_error", null)]
    [InlineData("""{"error":{"code":503,"type":"x"}}""", "x", "503")]
    [InlineData("""{"type":"slow_down","code":"slow_down"}""", "slow_down", "slow_down")]
    [InlineData("""{"error":"plain text"}""", null, null)]
    [InlineData("""{"error":{"nested":{"type":"no"},"type":"yes"}}""", "yes", null)]
    [InlineData("not json", null, null)]
    [InlineData("""{"error":{"type":"cut""", null, null)]
    [InlineData("", null, null)]
    public async Task ReadErrorBodyAsync_Bodies_TypeAndCode(string body, string? type, string? code)
    {
        using var response = Response(HttpStatusCode.TooManyRequests);
        response.Content = new StringContent(body);
        var metadata = ResponseMetadata.Of(response, null, new FakeTimeProvider(Now));

        await metadata.ReadErrorBodyAsync(response, CancellationToken.None);

        Assert.Equal((type, code), (metadata.Error?.Type, metadata.Error?.Code));
    }

    [Fact]
    public async Task ReadErrorBodyAsync_CalledTwice_ReadsTheBodyOnce()
    {
        using var response = Response(HttpStatusCode.TooManyRequests);
        var body = new CountingStream(Encoding.UTF8.GetBytes("""{"error":{"code":"rate_limit_exceeded"}}"""));
        response.Content = new StreamContent(body);
        var metadata = ResponseMetadata.Of(response, null, new FakeTimeProvider(Now));

        await metadata.ReadErrorBodyAsync(response, CancellationToken.None);
        var reads = body.Reads;
        await metadata.ReadErrorBodyAsync(response, CancellationToken.None);

        Assert.Equal("rate_limit_exceeded", metadata.Error?.Code);
        Assert.Equal(reads, body.Reads);
    }

    [Fact]
    public async Task ReadErrorBodyAsync_HugeBody_ReadsOnlyTheLimit()
    {
        using var response = Response(HttpStatusCode.InternalServerError);
        response.Content = new ByteArrayContent(new byte[ResponseMetadata.MaxErrorBodyBytes * 4]);
        var metadata = ResponseMetadata.Of(response, null, new FakeTimeProvider(Now));

        await metadata.ReadErrorBodyAsync(response, CancellationToken.None);

        Assert.Equal(ResponseMetadata.MaxErrorBodyBytes, metadata.ErrorBody.Length);
    }

    private static ResponseMetadata Read(HttpStatusCode status, params (string Name, string Value)[] headers)
    {
        using var response = Response(status, headers);
        return ResponseMetadata.Of(response, null, new FakeTimeProvider(Now));
    }

    private static HttpResponseMessage Response(HttpStatusCode status, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    private sealed class CountingStream(byte[] data) : MemoryStream(data)
    {
        public int Reads { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            return base.Read(buffer, offset, count);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reads++;
            return base.ReadAsync(buffer, cancellationToken);
        }
    }
}
