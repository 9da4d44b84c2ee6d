using ChatGpt.Chat;
using ChatGpt.Completions;
using ChatGpt.Resilience.Internal;

namespace ChatGpt.Tests.Resilience;

public class RequestTokenEstimatorTests
{
    public RequestTokenEstimatorTests()
    {
        // Exact counts need the tokenizers loaded (the request path never waits for them: see the cold-start tests).
        Assert.NotNull(ModelTokenizer.ForModel("gpt-4o"));
        Assert.NotNull(ModelTokenizer.ForModel("gpt-4"));
    }

    [Theory]
    [InlineData("gpt-4o-mini", "o200k_base")]
    [InlineData("gpt-4.1", "o200k_base")]
    [InlineData("o3-mini", "o200k_base")]
    [InlineData("gpt-5", "o200k_base")]
    [InlineData("llama3.1:8b", "o200k_base")]
    [InlineData(null, "o200k_base")]
    [InlineData("gpt-4", "cl100k_base")]
    [InlineData("gpt-4-turbo", "cl100k_base")]
    [InlineData("gpt-3.5-turbo", "cl100k_base")]
    [InlineData("gpt-3.5-turbo-instruct", "cl100k_base")]
    public void ForModel_Models_PickTheirEncoding(string? model, string encoding)
    {
        var tokenizer = ModelTokenizer.ForModel(model);
        var expected = encoding == "o200k_base" ? ModelTokenizer.ForModel("gpt-4o") : ModelTokenizer.ForModel("gpt-4");

        Assert.NotNull(tokenizer);
        Assert.Same(expected, tokenizer);
    }

    [Fact]
    public void CountTokens_KnownText_RealTokenizerCount()
    {
        Assert.Equal(2, ModelTokenizer.CountTokens("gpt-4o", "Hello world"));
        Assert.Equal(0, ModelTokenizer.CountTokens("gpt-4o", ""));
        Assert.True(ModelTokenizer.CountTokens("gpt-4o", string.Concat(Enumerable.Repeat("tokens ", 1000))) is >= 900 and <= 1100);
    }

    [Fact]
    public void EstimateChat_PromptFramingAndMaxCompletionTokens_Added()
    {
        var request = new ChatCompletionRequest
        {
            Messages = [ChatMessage.System("You are terse."), ChatMessage.User("Hello world")],
            MaxCompletionTokens = 100,
            N = 2,
        };

        var prompt = ModelTokenizer.CountTokens("gpt-4o", "You are terse.") + ModelTokenizer.CountTokens("gpt-4o", "Hello world");
        var expected = prompt + (2 * RequestTokenEstimator.TokensPerMessage) + RequestTokenEstimator.TokensPerMessage + (100 * 2);

        Assert.Equal(expected, RequestTokenEstimator.EstimateChat("gpt-4o", request, 0));
    }

    [Fact]
    public void EstimateChat_NoMaximum_ReservesDefaultCompletion()
    {
        var request = new ChatCompletionRequest { Messages = [ChatMessage.User("Hi")] };

        Assert.Equal(
            ModelTokenizer.CountTokens("gpt-4o-mini", "Hi") + (2 * RequestTokenEstimator.TokensPerMessage) + RequestTokenEstimator.DefaultCompletionReserve,
            RequestTokenEstimator.EstimateChat("gpt-4o-mini", request, 0));
    }

    [Fact]
    public void EstimateCompletion_PromptAndMaxTokens_Added()
    {
        var request = new CompletionRequest { Prompt = "Say this is a test", MaxTokens = 7 };

        Assert.Equal(ModelTokenizer.CountTokens("gpt-3.5-turbo-instruct", "Say this is a test") + 7, RequestTokenEstimator.EstimateCompletion("gpt-3.5-turbo-instruct", request, 0));
    }

    [Fact]
    public void EstimateChat_PlentyOfBudget_ChargesCheapUpperEstimate()
    {
        var text = string.Concat(Enumerable.Repeat("tokens ", 300));
        var request = new ChatCompletionRequest { Messages = [ChatMessage.User(text)], MaxCompletionTokens = 10 };
        var exact = RequestTokenEstimator.EstimateChat("gpt-4o", request, 0);

        var cheap = RequestTokenEstimator.EstimateChat("gpt-4o", request, tokensAvailable: 1_000_000);

        // UTF-8 bytes / 3, framing and allowance: above the exact count (300 tokens) for ordinary text, never below it.
        Assert.Equal(((text.Length + 2) / 3) + (2 * RequestTokenEstimator.TokensPerMessage) + 10, cheap);
        Assert.True(cheap > exact, $"cheap {cheap} <= exact {exact}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5_000)]
    public void EstimateChat_BudgetUnknownOrTight_CountsExactly(double tokensAvailable)
    {
        // 2,100 bytes of prompt is more than a tenth of 5,000 tokens: the exact count may decide whether the call waits.
        var request = new ChatCompletionRequest { Messages = [ChatMessage.User(string.Concat(Enumerable.Repeat("tokens ", 300)))] };

        Assert.Equal(RequestTokenEstimator.EstimateChat("gpt-4o", request, 0), RequestTokenEstimator.EstimateChat("gpt-4o", request, tokensAvailable));
    }

    [Fact]
    public void EstimateCompletion_PlentyOfBudget_ChargesCheapUpperEstimate()
    {
        var request = new CompletionRequest { Prompt = "Say this is a test", MaxTokens = 7 };

        Assert.Equal(((18 + 2) / 3) + 7, RequestTokenEstimator.EstimateCompletion("gpt-3.5-turbo-instruct", request, tokensAvailable: 1_000_000));
    }
}
