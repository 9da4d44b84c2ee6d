using System.Text;
using ChatGpt.Chat;
using ChatGpt.FineTuning.Internal;
using ChatGpt.FineTuning.TrainingData;

namespace ChatGpt.Tests.FineTuning;

public class TrainingDataValidatorTests
{
    private const string Good = """{"messages":[{"role":"system","content":"You are helpful."},{"role":"user","content":"Where is my order?"},{"role":"assistant","content":"It ships tomorrow."}]}""";

    [Fact]
    public async Task Validate_TenGoodExamples_IsValidWithStatistics()
    {
        var report = await ValidateAsync(Lines(10));

        Assert.True(report.IsValid, report.ToString());
        Assert.Equal(10, report.ExampleCount);
        Assert.Equal(10, report.LineCount);
        var tokens = report.TokensPerExample!.Value;
        Assert.Equal(tokens.Min, tokens.Max);
        Assert.Equal(tokens.Min * 10, tokens.Total);
        Assert.InRange(tokens.Min, 20, 40);
        Assert.Equal(10, report.Epochs); // 10 examples: epochs raised until 100 examples are seen
        Assert.Equal(tokens.Total * 10, report.BilledTokens);
    }

    [Fact]
    public async Task Validate_TokenCounts_UseTheModelsTokenizer()
    {
        var text = string.Concat(Enumerable.Repeat("Customer service is our priority. ", 20));
        var line = $$"""{"messages":[{"role":"user","content":"{{text}}"},{"role":"assistant","content":"Yes."}]}""";
        var expected = 3 + (3 + Count("user") + Count(text)) + (3 + Count("assistant") + Count("Yes."));

        var report = await ValidateAsync(string.Join('\n', Enumerable.Repeat(line, 10)));

        Assert.Equal(expected, report.TokensPerExample!.Value.Max);

        static int Count(string s) => ChatGpt.Resilience.Internal.ModelTokenizer.ForModel("gpt-4o-mini")!.CountTokens(s);
    }

    [Theory]
    [InlineData("""{"messages": [""", TrainingDataIssueKind.InvalidJson)]
    [InlineData("""["not", "an", "object"]""", TrainingDataIssueKind.InvalidJson)]
    [InlineData("""{}""", TrainingDataIssueKind.MissingMessages)]
    [InlineData("""{"messages":[]}""", TrainingDataIssueKind.MissingMessages)]
    [InlineData("""{"messages":[{"role":"robot","content":"x"},{"role":"assistant","content":"y"}]}""", TrainingDataIssueKind.UnknownRole)]
    [InlineData("""{"messages":[{"content":"x"},{"role":"assistant","content":"y"}]}""", TrainingDataIssueKind.UnknownRole)]
    [InlineData("""{"messages":[{"role":"user","content":"x","mood":"happy"},{"role":"assistant","content":"y"}]}""", TrainingDataIssueKind.UnknownKey)]
    [InlineData("""{"messages":[{"role":"user","content":"x"},{"role":"assistant","content":"y"}],"temperature":1}""", TrainingDataIssueKind.UnknownKey)]
    [InlineData("""{"messages":[{"role":"user"},{"role":"assistant","content":"y"}]}""", TrainingDataIssueKind.MissingContent)]
    [InlineData("""{"messages":[{"role":"user","content":42},{"role":"assistant","content":"y"}]}""", TrainingDataIssueKind.MissingContent)]
    [InlineData("""{"messages":[{"role":"system","content":"x"},{"role":"user","content":"y"}]}""", TrainingDataIssueKind.NoAssistantMessage)]
    [InlineData("""{"messages":[{"role":"user","content":"x"},{"role":"assistant","content":"y","weight":2}]}""", TrainingDataIssueKind.InvalidValue)]
    public async Task Validate_BadLine_ReportsItsKindOnItsLine(string bad, TrainingDataIssueKind kind)
    {
        var lines = Lines(12).Split('\n').ToList();
        lines[4] = bad; // line 5

        var report = await ValidateAsync(string.Join('\n', lines));

        Assert.False(report.IsValid);
        var issue = Assert.Single(report.Issues);
        Assert.Equal(kind, issue.Kind);
        Assert.Equal(5, issue.LineNumber);
        Assert.StartsWith("line 5: ", issue.ToString());
    }

    [Fact]
    public async Task Validate_AssistantWithToolCallsAndNoContent_IsValid()
    {
        var line = """{"messages":[{"role":"user","content":"Weather?"},{"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},{"role":"tool","tool_call_id":"call_1","content":"Sunny"},{"role":"assistant","content":"Sunny."}],"tools":[{"type":"function","function":{"name":"get_weather"}}]}""";

        var report = await ValidateAsync(string.Join('\n', Enumerable.Repeat(line, 10)));

        Assert.True(report.IsValid, report.ToString());
    }

    [Fact]
    public async Task Validate_ExampleOverTheContextLength_IsTooLongAndBilledAtTheLimit()
    {
        var options = new TrainingDataValidationOptions { MaxTokensPerExample = 40 };
        var longLine = $$"""{"messages":[{"role":"user","content":"{{string.Concat(Enumerable.Repeat("word ", 50))}}"},{"role":"assistant","content":"ok"}]}""";
        var lines = Lines(10).Split('\n').ToList();
        lines[2] = longLine;

        var report = await ValidateAsync(string.Join('\n', lines), options);

        var issue = Assert.Single(report.Issues);
        Assert.Equal(TrainingDataIssueKind.TooLong, issue.Kind);
        Assert.Equal(3, issue.LineNumber);
        Assert.Equal(1, report.ExamplesOverLimit);
        Assert.True(report.TokensPerExample!.Value.Max > 40);
    }

    [Fact]
    public async Task Validate_NineExamples_TooFewForTheFile()
    {
        var report = await ValidateAsync(Lines(9));

        var issue = Assert.Single(report.Issues);
        Assert.Equal(TrainingDataIssueKind.TooFewExamples, issue.Kind);
        Assert.Equal(0, issue.LineNumber);
    }

    [Fact]
    public async Task Validate_BlankLinesAndCrLf_AreSkippedButCounted()
    {
        var text = "\r\n" + string.Join("\r\n", Enumerable.Repeat(Good, 10)) + "\r\n\r\n{bad\r\n";

        var report = await ValidateAsync(text);

        var issue = Assert.Single(report.Issues);
        Assert.Equal(TrainingDataIssueKind.InvalidJson, issue.Kind);
        Assert.Equal(13, issue.LineNumber);
        Assert.Equal(10, report.ExampleCount);
    }

    [Fact]
    public async Task Validate_ManyBadLines_KeepsOnlyTheCapButCountsAll()
    {
        var text = string.Join('\n', Enumerable.Repeat("{", 50));

        var report = await ValidateAsync(text, new TrainingDataValidationOptions { MaxReportedIssues = 5 });

        Assert.Equal(5, report.Issues.Count);
        Assert.Equal(51, report.IssueCount); // 50 lines + too few examples
    }

    [Fact]
    public async Task Validate_IssuesAcrossManyBatches_AreReportedByLineWithExactTotals()
    {
        // 5,000 lines: batches of examples are counted beside the parsing, yet the report must be the one a line-by-line
        // pass gives: every issue on its line, the capped list holding the first lines, the statistics exact.
        var options = new TrainingDataValidationOptions { MaxTokensPerExample = 40, MaxReportedIssues = 12 };
        var longLine = $$"""{"messages":[{"role":"user","content":"{{string.Concat(Enumerable.Repeat("word ", 50))}}"},{"role":"assistant","content":"ok"}]}""";
        var lines = Enumerable.Range(1, 5000).Select(n => n % 97 == 0 ? "{bad" : n % 50 == 0 ? longLine : Good).ToList();

        var report = await ValidateAsync(string.Join('\n', lines), options);

        var expected = Enumerable.Range(1, 5000).Where(n => n % 97 == 0 || n % 50 == 0).ToList();
        Assert.Equal(expected.Count, report.IssueCount);
        Assert.Equal(expected.Take(12), report.Issues.Select(static i => (int)i.LineNumber));
        Assert.All(report.Issues, i => Assert.Equal(i.LineNumber % 97 == 0 ? TrainingDataIssueKind.InvalidJson : TrainingDataIssueKind.TooLong, i.Kind));
        var examples = 5000 - (5000 / 97);
        Assert.Equal(examples, report.ExampleCount);
        Assert.Equal(5000 / 50 - expected.Count(n => n % 97 == 0 && n % 50 == 0), report.ExamplesOverLimit);
        var good = (await ValidateAsync(Lines(10))).TokensPerExample!.Value.Min;
        var tooLong = report.TokensPerExample!.Value.Max;
        Assert.Equal((long)(examples - report.ExamplesOverLimit) * good + report.ExamplesOverLimit * tooLong, report.TokensPerExample.Value.Total);
    }

    [Fact]
    public async Task Validate_Price_EstimatesTheCostOfTheBilledTokens()
    {
        var report = await ValidateAsync(Lines(10), new TrainingDataValidationOptions { PricePerMillionTokens = 3m, Epochs = 2 });

        Assert.Equal(2, report.Epochs);
        Assert.Equal(report.BilledTokens * 3m / 1_000_000m, report.EstimatedCost);
    }

    [Theory]
    [InlineData(1, 25)]
    [InlineData(10, 10)]
    [InlineData(34, 3)]
    [InlineData(100, 3)]
    [InlineData(8_333, 3)]
    [InlineData(8_334, 2)]
    [InlineData(10_000, 2)]
    [InlineData(30_000, 1)]
    public void DefaultEpochs_FollowTheApisAutoRule(long examples, int epochs) => Assert.Equal(epochs, TrainingDataDefaults.DefaultEpochs(examples));

    [Fact]
    public void Defaults_ArePinned()
    {
        var options = new TrainingDataValidationOptions();
        Assert.Equal("gpt-4o-mini-2024-07-18", options.Model);
        Assert.Equal(10, options.MinExamples);
        Assert.Equal(1000, options.MaxReportedIssues);
        Assert.Equal(65_536, TrainingDataDefaults.ContextLength("gpt-4o-mini-2024-07-18"));
        Assert.Equal(16_385, TrainingDataDefaults.ContextLength("gpt-3.5-turbo-0125"));
    }

    [Fact]
    public async Task WriterAndReader_RoundTripConversationsWithTools()
    {
        var tool = ChatTool.CreateFunction("get_order", "Looks an order up", """{"type":"object","properties":{"id":{"type":"string"}}}""");
        var examples = Enumerable.Range(0, 10).Select(i => new FineTuningExample
        {
            Messages =
            [
                ChatMessage.System("You are Acme's support agent."),
                ChatMessage.User($"Where is order {i}?"),
                new ChatMessage { Role = ChatRole.Assistant, ToolCalls = [ChatToolCall.CreateFunctionCall("call_1", "get_order", $$"""{"id":"{{i}}"}""")] },
                ChatMessage.Tool("call_1", "shipped"),
                ChatMessage.Assistant($"Order {i} has shipped."),
            ],
            Tools = [tool],
        }).ToList();
        using var stream = new MemoryStream();

        await using (var writer = new TrainingDataWriter(stream, leaveOpen: true))
        {
            foreach (var example in examples)
            {
                await writer.WriteAsync(example);
            }

            Assert.Equal(10, writer.Count);
        }

        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal(10, text.Count(c => c == '\n'));
        Assert.StartsWith("""{"messages":[{"role":"system","content":"You are Acme's support agent."}""", text);

        stream.Position = 0;
        var report = await TrainingDataValidator.ValidateAsync(stream);
        Assert.True(report.IsValid, report.ToString());

        stream.Position = 0;
        var read = new List<FineTuningExample>();
        await foreach (var example in TrainingDataReader.ReadAsync(stream))
        {
            read.Add(example);
        }

        Assert.Equal(10, read.Count);
        Assert.Equal("Order 3 has shipped.", read[3].Messages[^1].Content);
        Assert.Equal("get_order", read[3].Messages[2].ToolCalls![0].Function!.Name);
        Assert.Equal("get_order", read[3].Tools![0].Function!.Name);
    }

    [Fact]
    public async Task Reader_BadLine_ThrowsWithItsLineNumber()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Good + "\n{oops\n"));

        var error = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var unused in TrainingDataReader.ReadAsync(stream))
            {
            }
        });

        Assert.StartsWith("Line 2 ", error.Message);
    }

    internal const string GoodLine = Good;

    private static string Lines(int count) => string.Join('\n', Enumerable.Repeat(Good, count));

    private static Task<TrainingDataReport> ValidateAsync(string text, TrainingDataValidationOptions? options = null) =>
        TrainingDataValidator.ValidateAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), options);

    /// <summary>A line repeated <c>count</c> times, produced on demand.</summary>
    internal sealed class RepeatingStream(byte[] line, int count, Action? atMiddle = null) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int size) => Read(buffer.AsSpan(offset, size));

        public override int Read(Span<byte> buffer)
        {
            var total = (long)line.Length * count;
            if (atMiddle is not null && _position >= total / 2)
            {
                var callback = atMiddle;
                atMiddle = null;
                callback();
            }

            var n = 0;
            while (n < buffer.Length && _position < total)
            {
                var inLine = (int)(_position % line.Length);
                var take = Math.Min(buffer.Length - n, line.Length - inLine);
                line.AsSpan(inLine, take).CopyTo(buffer[n..]);
                n += take;
                _position += take;
            }

            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int size) => throw new NotSupportedException();
    }
}
