using Microsoft.ML.Tokenizers;

namespace ChatGpt.Resilience.Internal;

/// <summary>One encoding's tokenizer, built once on the thread pool when first wanted and shared by every caller.</summary>
internal sealed class TokenizerSlot
{
    private readonly string _encoding;
    private readonly Func<string, Tokenizer?> _create;
    private Task<Tokenizer?>? _loading;

    public TokenizerSlot(string encoding, Func<string, Tokenizer?>? create = null)
    {
        _encoding = encoding;
        _create = create ?? Create;
    }

    /// <summary>The loading (started by the first <see cref="TryGet"/> or <see cref="Get"/>), for tests to await.</summary>
    public Task<Tokenizer?> Loading => Start();

    /// <summary>The tokenizer if it has loaded; otherwise starts the load (once) and returns <see langword="false"/>.</summary>
    public bool TryGet(out Tokenizer? tokenizer)
    {
        var loading = Start();
        if (loading.IsCompletedSuccessfully && loading.Result is { } loaded)
        {
            tokenizer = loaded;
            return true;
        }

        tokenizer = null;
        return false;
    }

    /// <summary>The tokenizer, waiting for the load: for tests and tools only.</summary>
    public Tokenizer? Get() => Start().GetAwaiter().GetResult();

    private Task<Tokenizer?> Start()
    {
        var loading = Volatile.Read(ref _loading);
        if (loading is not null)
        {
            return loading;
        }

        var started = new Task<Tokenizer?>(static state => ((TokenizerSlot)state!).Load(), this);
        if (Interlocked.CompareExchange(ref _loading, started, null) is { } other)
        {
            return other;
        }

        started.Start(TaskScheduler.Default);
        return started;
    }

    private Tokenizer? Load() => _create(_encoding);

    private static Tokenizer? Create(string encoding)
    {
        try
        {
            return TiktokenTokenizer.CreateForEncoding(encoding);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or NotSupportedException or IOException)
        {
            // The vocabulary ships in a data package; without it we still estimate, only more coarsely.
            return null;
        }
    }
}
