using ChatGpt;
using ChatGpt.Testing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Routes a ChatGpt client registered with <c>AddChatGpt()</c> to the in-memory <see cref="ChatGptEmulator"/>.</summary>
public static class ChatGptEmulatorHttpClientBuilderExtensions
{
    /// <summary>The base address the client is given when it talks to the in-memory emulator.</summary>
    public static readonly Uri EmulatorBaseAddress = new("http://localhost/v1/");

    /// <summary>
    /// Makes the client talk to an in-memory emulator instead of the network: sets the primary handler to a
    /// <see cref="ChatGptEmulatorHandler"/> and points <see cref="ChatGptOptions.BaseAddress"/> at
    /// <c>http://localhost/v1/</c>, a loopback address, so no API key is needed (a configured key is sent to the
    /// emulator only, never over the network).
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddChatGpt()</c>.</param>
    /// <param name="emulator">The emulator to use (keep a reference to script it and read its <see cref="ChatGptEmulator.Requests"/>);
    /// a new one when <see langword="null"/>. It is also registered as a singleton if none is.</param>
    /// <returns>The builder, to chain calls.</returns>
    /// <remarks>All <see cref="ChatGptOptions"/> instances of the container are pointed at the emulator.</remarks>
    public static IHttpClientBuilder UseEmulator(this IHttpClientBuilder builder, ChatGptEmulator? emulator = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        emulator ??= new ChatGptEmulator();
        builder.Services.TryAddSingleton(emulator);
        builder.ConfigurePrimaryHttpMessageHandler(() => new ChatGptEmulatorHandler(emulator));
        builder.Services.PostConfigureAll<ChatGptOptions>(options => options.BaseAddress = EmulatorBaseAddress);
        return builder;
    }
}
