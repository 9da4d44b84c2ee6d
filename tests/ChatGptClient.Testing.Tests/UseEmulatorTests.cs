using ChatGpt.Chat;
using ChatGpt.Completions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatGpt.Testing.Tests;

/// <summary>The real client, registered with AddChatGpt().UseEmulator(), works with no key and no network.</summary>
public class UseEmulatorTests
{
    [Fact]
    public async Task UseEmulator_ClientTalksToTheEmulatorWithoutAKey()
    {
        var emulator = new ChatGptEmulator();
        await using var provider = CreateProvider(emulator);
        var client = provider.GetRequiredService<IChatGptClient>();

        var completion = await client.CreateChatCompletionAsync(new ChatCompletionRequest { Messages = [ChatMessage.User("Hello")] });

        Assert.StartsWith("Hello!", completion.Content);
        var request = Assert.Single(emulator.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("gpt-4o-mini", request.Model);
        Assert.Equal(new Uri("http://localhost/v1/"), provider.GetRequiredService<IOptions<ChatGptOptions>>().Value.BaseAddress);
        Assert.Same(emulator, provider.GetRequiredService<ChatGptEmulator>());
    }

    [Fact]
    public async Task UseEmulator_StreamingAndLegacyAndModelsWork()
    {
        await using var provider = CreateProvider(new ChatGptEmulator());
        var client = provider.GetRequiredService<IChatGptClient>();

        var streamed = new List<string>();
        await foreach (var chunk in client.StreamChatCompletionAsync(new ChatCompletionRequest { Messages = [ChatMessage.User("Count to 3")] }))
        {
            if (chunk.Choices.Count > 0 && chunk.Choices[0].Delta?.Content is { } text)
            {
                streamed.Add(text);
            }
        }

        var completion = await client.CreateCompletionAsync(new CompletionRequest { Prompt = "Say this is a test" });
        var models = await client.ListModelsAsync();

        Assert.Equal("1, 2, 3.", string.Concat(streamed));
        Assert.True(streamed.Count > 3);
        Assert.Equal("\n\nThis is indeed a test", completion.Text);
        Assert.Contains(models, m => m.Id == "gpt-4o-mini");
    }

    [Fact]
    public async Task UseEmulator_ScriptedErrorSurfacesAsChatGptException()
    {
        var emulator = new ChatGptEmulator();
        emulator.When(_ => true, EmulatorResponse.InsufficientQuota());
        await using var provider = CreateProvider(emulator);
        var client = provider.GetRequiredService<IChatGptClient>();

        var error = await Assert.ThrowsAsync<ChatGptException>(() => client.CreateChatCompletionAsync(new ChatCompletionRequest { Messages = [ChatMessage.User("Hi")] }));

        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal("insufficient_quota", error.ErrorCode);
        Assert.StartsWith("req_", error.RequestId);
    }

    [Fact]
    public void UseEmulator_NullBuilder_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ChatGptEmulatorHttpClientBuilderExtensions.UseEmulator(null!));
    }

    private static ServiceProvider CreateProvider(ChatGptEmulator emulator)
    {
        var services = new ServiceCollection();
        services.AddChatGpt(o => o.ApiKey = null).UseEmulator(emulator);
        return services.BuildServiceProvider(validateScopes: true);
    }
}
