using System.Text;
using ChatGpt.Resilience.Internal;

namespace ChatGpt.Tests.Resilience;

public class ErrorBodyReaderTests
{
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
    public void Parse_Bodies_TypeAndCode(string body, string? type, string? code) =>
        Assert.Equal((type, code), ErrorBodyReader.Parse(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public async Task ReadAsync_ErrorBody_StaysReadableAfterwards()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests)
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("""{"error":{"code":"rate_limit_exceeded"}}"""))),
        };

        var (_, code) = await ErrorBodyReader.ReadAsync(response, CancellationToken.None);
        var again = await response.Content.ReadAsStringAsync();

        Assert.Equal("rate_limit_exceeded", code);
        Assert.Contains("rate_limit_exceeded", again, StringComparison.Ordinal);
    }
}
