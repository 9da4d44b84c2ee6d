using ChatGpt;
using ChatGpt.DependencyInjection.Internal;
using ChatGpt.Resilience;
using ChatGpt.Resilience.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the ChatGpt resilience pipeline (retries, rate limiting, timeouts) to an <see cref="IHttpClientBuilder"/>.</summary>
public static class ChatGptResilienceHttpClientBuilderExtensions
{
    /// <summary>The name of the resilience handler, as seen in Polly's telemetry: the pipeline of the
    /// <see cref="HttpClient"/> named <c>X</c> is named <c>X-ChatGpt</c>.</summary>
    public const string PipelineName = "ChatGpt";

    /// <summary>
    /// Adds the pipeline that <c>AddChatGpt</c> adds when <see cref="ChatGptResilienceOptions.Enabled"/> is
    /// <see langword="true"/>: total timeout (<see cref="ChatGptOptions.Timeout"/>), retries that follow the server's
    /// word, the account's client-side rate limiter and a per-attempt timeout, configured by
    /// <see cref="ChatGptOptions.Resilience"/>.
    /// </summary>
    /// <remarks>
    /// <para>A Polly v8 pipeline, run by a <c>Microsoft.Extensions.Http.Resilience</c> <c>ResilienceHandler</c> of its own
    /// (so <c>RemoveAllResilienceHandlers()</c> removes it), with time from the <see cref="TimeProvider"/> registered in
    /// the container (the system clock otherwise). Polly's telemetry (its <c>resilience.polly.*</c> metrics, its logs at
    /// Debug, the <c>TelemetryOptions</c> listeners) is produced while something observes it.</para>
    /// <para>To use your own pipeline instead, set <see cref="ChatGptResilienceOptions.Enabled"/> to
    /// <see langword="false"/> (the handler then passes calls through) and chain yours on the builder <c>AddChatGpt</c>
    /// returns, e.g. <c>services.AddChatGpt(o =&gt; o.Resilience.Enabled = false).AddStandardResilienceHandler()</c>; or
    /// call <c>RemoveAllResilienceHandlers()</c> on it (experimental in Microsoft.Extensions.Http.Resilience, diagnostic
    /// <c>EXTEXP0001</c>) and then add yours. To share rate budgets
    /// across processes, register a shared <see cref="IChatGptRateBudgetStore"/> (experimental, <c>CHATGPT001</c>) before
    /// or after <c>AddChatGpt</c>, e.g. with the <c>ChatGptClient.RateLimiting.Redis</c> package; the waiting queue stays
    /// in each process.</para>
    /// </remarks>
    /// <param name="builder">The builder of the ChatGpt typed client.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHttpClientBuilder AddChatGptResilience(this IHttpClientBuilder builder) =>
        AddChatGptResilience(builder, Options.Options.DefaultName);

    /// <summary>Adds the pipeline configured by the <see cref="ChatGptOptions"/> named <paramref name="optionsName"/>: the
    /// options of <c>AddChatGpt(optionsName, ...)</c>, or any registered with
    /// <c>services.Configure&lt;ChatGptOptions&gt;(optionsName, ...)</c> (on your own <see cref="HttpClient"/>, say).
    /// The pipeline is rebuilt when those options are reloaded with valid values. A second call for the same client does nothing.</summary>
    /// <param name="builder">The builder of the <see cref="HttpClient"/> the client sends through.</param>
    /// <param name="optionsName">The name of the <see cref="ChatGptOptions"/> instance; <see cref="string.Empty"/> for the default one.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHttpClientBuilder AddChatGptResilience(this IHttpClientBuilder builder, string optionsName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(optionsName);

        var registration = new ChatGptResilienceRegistration(builder.Name);
        if (builder.Services.Any(d => registration.Equals(d.ImplementationInstance)))
        {
            return builder;
        }

        builder.Services.AddSingleton(registration);
        builder.Services.TryAddSingleton<IChatGptRateBudgetStore>(static services =>
            RateBudgetRegistry.DefaultStore(services.GetService<TimeProvider>() ?? TimeProvider.System));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatGptOptions>, ChatGptResilienceOptionsValidator>());
        builder.Services.TryAddSingleton<ChatGptOptionsProvider>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<Polly.Telemetry.TelemetryOptions>, QuietPollyTelemetry>());

        builder.Services.TryAddSingleton<ResiliencePipelineSources>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<Polly.Telemetry.TelemetryOptions>, PollyTelemetrySetup>());
        var clientName = builder.Name;
        builder.AddHttpMessageHandler(services => new ChatGptResilienceHandler(services.GetRequiredService<ResiliencePipelineSources>().For(clientName, optionsName)));

        return builder;
    }
}
