using System.Net;
using System.Text;

namespace ChatGpt.Tests.Diagnostics;

/// <summary>The API key must not reach any log line, span, exception or description, even when a server echoes it.</summary>
public sealed class ChatGptRedactionTests
{
    [Fact]
    public async Task CreateChatCompletionAsync_ServerEchoesKey_KeyAppearsInNoTelemetry()
    {
        using var harness = new TelemetryHarness(static o => o.LogContent = true);
        harness.RespondJson(
            TelemetryHarness.ChatUrl,
            $$$"""{"error":{"message":"Incorrect API key provided: {{{TelemetryHarness.ApiKey}}}. You can find your API key at https://platform.openai.com.","type":"invalid_request_error","code":"invalid_api_key"}}""",
            status: HttpStatusCode.Unauthorized);
        using var recorder = new ActivityRecorder();

        var error = await Assert.ThrowsAsync<ChatGptException>(() => harness.Client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest()));

        AssertNoKey(harness, recorder, error);
    }

    [Fact]
    public async Task StreamChatCompletionAsync_ErrorEventEchoesKey_KeyAppearsInNoTelemetry()
    {
        using var harness = new TelemetryHarness(static o => o.LogContent = true);
        harness.RespondStream(TelemetryHarness.ChatUrl, [TelemetryHarness.ChatStreamEvents[0], $$$"""{"error":{"message":"Key {{{TelemetryHarness.ApiKey}}} was revoked.","type":"invalid_request_error","code":"invalid_api_key"}}"""]);
        using var recorder = new ActivityRecorder();

        var error = await Assert.ThrowsAsync<ChatGptException>(async () =>
        {
            await foreach (var chunk in harness.Client.StreamChatCompletionAsync(TelemetryHarness.ChatRequest()))
            {
            }
        });

        AssertNoKey(harness, recorder, error);
    }

    [Fact]
    public async Task CreateChatCompletionAsync_SuccessWithEverythingOn_KeyAppearsInNoTelemetry()
    {
        using var harness = new TelemetryHarness(static o =>
        {
            o.LogContent = true;
            o.CaptureRawResponse = true;
        });
        harness.RespondJson(TelemetryHarness.ChatUrl, TelemetryHarness.ChatJson);
        using var recorder = new ActivityRecorder();

        var completion = await harness.Client.CreateChatCompletionAsync(TelemetryHarness.ChatRequest());

        AssertNoKey(harness, recorder, error: null);
        Assert.DoesNotContain(TelemetryHarness.ApiKey, completion.ResponseInfo!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_Options_DoesNotShowKey()
    {
        var options = new ChatGptOptions { ApiKey = TelemetryHarness.ApiKey, LogContent = true, CaptureRawResponse = true };

        Assert.DoesNotContain(TelemetryHarness.ApiKey, options.ToString(), StringComparison.Ordinal);
    }

    private static void AssertNoKey(TelemetryHarness harness, ActivityRecorder recorder, Exception? error)
    {
        const string key = TelemetryHarness.ApiKey;
        var text = new StringBuilder();
        foreach (var record in harness.Logs.GetSnapshot())
        {
            text.AppendLine(record.Message).AppendLine(record.Exception?.ToString());
            foreach (var pair in record.StructuredState ?? [])
            {
                text.AppendLine(pair.Value);
            }
        }

        foreach (var span in recorder.Stopped)
        {
            text.AppendLine(span.DisplayName).AppendLine(span.StatusDescription);
            foreach (var tag in span.TagObjects)
            {
                text.AppendLine(tag.Value is string[] values ? string.Join(' ', values) : tag.Value?.ToString());
            }

            foreach (var item in span.Events)
            {
                text.AppendLine(item.Name);
                foreach (var tag in item.Tags)
                {
                    text.AppendLine(tag.Value?.ToString());
                }
            }
        }

        for (var inner = error; inner is not null; inner = inner.InnerException)
        {
            text.AppendLine(inner.ToString()).AppendLine(inner.Message);
        }

        var all = text.ToString();
        Assert.NotEmpty(recorder.Stopped);
        Assert.True(harness.Logs.Count > 0);
        Assert.DoesNotContain(key, all, StringComparison.Ordinal);
        Assert.DoesNotContain(key[^12..], all, StringComparison.Ordinal);
    }
}
