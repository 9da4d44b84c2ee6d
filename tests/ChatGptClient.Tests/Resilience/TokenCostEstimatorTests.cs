using ChatGpt.Chat;
using ChatGpt.Completions;
using ChatGpt.Resilience.Internal;

namespace ChatGpt.Tests.Resilience;

public class TokenCostEstimatorTests
{
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
        var tokenizer = TokenCostEstimator.ForModel(model);
        var expected = encoding == "o200k_base" ? TokenCostEstimator.ForModel("gpt-4o") : TokenCostEstimator.ForModel("gpt-4");

        Assert.NotNull(tokenizer);
        Assert.Same(expected, tokenizer);
    }

    [Fact]
    public void CountTokens_KnownText_RealTokenizerCount()
    {
        Assert.Equal(2, TokenCostEstimator.CountTokens("gpt-4o", "Hello world"));
        Assert.Equal(0, TokenCostEstimator.CountTokens("gpt-4o", ""));
        Assert.True(TokenCostEstimator.CountTokens("gpt-4o", string.Concat(Enumerable.Repeat("tokens ", 1000))) is >= 900 and <= 1100);
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

        var prompt = TokenCostEstimator.CountTokens("gpt-4o", "You are terse.") + TokenCostEstimator.CountTokens("gpt-4o", "Hello world");
        var expected = prompt + (2 * TokenCostEstimator.TokensPerMessage) + TokenCostEstimator.TokensPerMessage + (100 * 2);

        Assert.Equal(expected, RequestCostEstimator.EstimateChat("gpt-4o", request));
    }

    [Fact]
    public void EstimateChat_NoMaximum_ReservesDefaultCompletion()
    {
        var request = new ChatCompletionRequest { Messages = [ChatMessage.User("Hi")] };

        Assert.Equal(
            TokenCostEstimator.CountTokens("gpt-4o-mini", "Hi") + (2 * TokenCostEstimator.TokensPerMessage) + TokenCostEstimator.DefaultCompletionReserve,
            RequestCostEstimator.EstimateChat("gpt-4o-mini", request));
    }

    [Fact]
    public void EstimateCompletion_PromptAndMaxTokens_Added()
    {
        var request = new CompletionRequest { Prompt = "Say this is a test", MaxTokens = 7 };

        Assert.Equal(TokenCostEstimator.CountTokens("gpt-3.5-turbo-instruct", "Say this is a test") + 7, RequestCostEstimator.EstimateCompletion("gpt-3.5-turbo-instruct", request));
    }

    [Fact]
    public void EstimateChat_PlentyOfBudget_ChargesCheapUpperEstimate()
    {
        var text = string.Concat(Enumerable.Repeat("tokens ", 300));
        var request = new ChatCompletionRequest { Messages = [ChatMessage.User(text)], MaxCompletionTokens = 10 };
        var exact = RequestCostEstimator.EstimateChat("gpt-4o", request);

        var cheap = RequestCostEstimator.EstimateChat("gpt-4o", request, tokensAvailable: 1_000_000);

        // UTF-8 bytes / 3, framing and allowance: above the exact count (300 tokens) for ordinary text, never below it.
        Assert.Equal(((text.Length + 2) / 3) + (2 * TokenCostEstimator.TokensPerMessage) + 10, cheap);
        Assert.True(cheap > exact, $"cheap {cheap} <= exact {exact}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5_000)]
    public void EstimateChat_BudgetUnknownOrTight_CountsExactly(double tokensAvailable)
    {
        // 2,100 bytes of prompt is more than a tenth of 5,000 tokens: the exact count may decide whether the call waits.
        var request = new ChatCompletionRequest { Messages = [ChatMessage.User(string.Concat(Enumerable.Repeat("tokens ", 300)))] };

        Assert.Equal(RequestCostEstimator.EstimateChat("gpt-4o", request), RequestCostEstimator.EstimateChat("gpt-4o", request, tokensAvailable));
    }

    [Fact]
    public void EstimateCompletion_PlentyOfBudget_ChargesCheapUpperEstimate()
    {
        var request = new CompletionRequest { Prompt = "Say this is a test", MaxTokens = 7 };

        Assert.Equal(((18 + 2) / 3) + 7, RequestCostEstimator.EstimateCompletion("gpt-3.5-turbo-instruct", request, tokensAvailable: 1_000_000));
    }
}
