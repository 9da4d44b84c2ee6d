using ChatGpt.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatGpt.IntegrationTests;

/// <summary>The CustomerServiceApi sample in memory, its ChatGpt client answered by the emulator whatever the
/// machine's environment (a developer's OPENAI_API_KEY is never used).</summary>
public sealed class CustomerServiceApiFactory : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("CustomerService:UseEmulator", "true");
        builder.UseSetting("CustomerService:SystemPrompt", "You are the test assistant.");
    }

    /// <summary>The emulator the app registered (UseEmulator adds it as a singleton), to script and inspect it.</summary>
    public ChatGptEmulator Emulator => Services.GetRequiredService<ChatGptEmulator>();
}
