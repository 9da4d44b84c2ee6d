namespace ChatGpt.Benchmarks.Contenders;

/// <summary>Every contender, each with its own <see cref="HttpClient"/> over one shared handler.</summary>
internal sealed class ContenderSet : IDisposable
{
    /// <summary>The base address the in-memory contenders call; the handler never resolves it.</summary>
    public static readonly Uri InMemoryBaseAddress = new("http://localhost/v1/");

    private ContenderSet(List<IContender> all) => All = all;

    public IReadOnlyList<IContender> All { get; }

    public IContender Baseline => All[0];

    public IContender ChatGptBare => Find(ChatGptContender.BareName);

    public IContender ChatGptDi => Find(ChatGptContender.DiName);

    public IContender OpenAiSdk => Find("OpenAI SDK");

    public IContender Betalgo => Find("Betalgo");

    /// <summary>Builds the contenders over one shared (in-memory) handler.</summary>
    public static ContenderSet Create(HttpMessageHandler handler, Uri baseAddress) => Create(() => handler, baseAddress, disposeHandlers: false);

    /// <summary>Builds the contenders, each over its own handler from <paramref name="handlerFactory"/> (loopback sockets).</summary>
    public static ContenderSet Create(Func<HttpMessageHandler> handlerFactory, Uri baseAddress) => Create(handlerFactory, baseAddress, disposeHandlers: true);

    private static ContenderSet Create(Func<HttpMessageHandler> handlerFactory, Uri baseAddress, bool disposeHandlers)
    {
        List<IContender> all =
        [
            new BaselineContender(handlerFactory(), baseAddress, disposeHandlers),
            ChatGptContender.CreateBare(handlerFactory(), baseAddress, disposeHandlers),
            ChatGptContender.CreateFromDependencyInjection(handlerFactory, baseAddress),
            new OpenAiSdkContender(handlerFactory(), baseAddress, disposeHandlers),
            new BetalgoContender(handlerFactory(), baseAddress, disposeHandlers),
        ];

        // For the overhead analysis (README): CHATGPT_BENCH_VARIANTS=1 adds DI clients with parts of the default
        // resilience pipeline turned off, measured in the same process as the rest.
        if (Environment.GetEnvironmentVariable("CHATGPT_BENCH_VARIANTS") == "1")
        {
            all.Add(ChatGptContender.CreateFromDependencyInjection(handlerFactory, baseAddress, "DI, no adaptive limiting", o => o.Resilience.AdaptiveRateLimiting = false));
            all.Add(ChatGptContender.CreateFromDependencyInjection(handlerFactory, baseAddress, "DI, no retry or attempt timeout", o =>
            {
                o.Resilience.MaxRetries = 0;
                o.Resilience.AttemptTimeout = Timeout.InfiniteTimeSpan;
            }));
            all.Add(ChatGptContender.CreateFromDependencyInjection(handlerFactory, baseAddress, "DI, resilience off", o => o.Resilience.Enabled = false));
        }

        return new(all);
    }

    public IContender Find(string name) =>
        All.FirstOrDefault(c => c.Name == name) ?? throw new InvalidOperationException($"No contender named {name}.");

    public void Dispose()
    {
        foreach (var contender in All)
        {
            contender.Dispose();
        }
    }
}
