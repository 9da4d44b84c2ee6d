using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using ChatGpt.Chat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChatGpt.ScaleOut;

/// <summary>
/// One replica: a process with its own container and client, as a service's pod would have. It warms up, says
/// <c>READY</c>, waits for <c>GO</c> on its standard input, fires its whole share of calls at once, and prints
/// <c>RESULT {json}</c>.
/// </summary>
internal static class Replica
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var id = args.Int("id", 0);
        var baseAddress = new Uri(args.Get("base") ?? throw new ArgumentException("--base is required."));
        var redis = args.Get("redis") ?? "none";
        var models = args.All("model").Select(ScaleOutModel.Parse).ToList();

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new StandardErrorLogger(id)));
        var chat = services.AddChatGpt(o =>
        {
            o.BaseAddress = baseAddress;
            o.ApiKey = "sk-scale-out-demo";
        });
        ConnectionMultiplexer? connection = null;
        if (redis != "none")
        {
            // The application's own connection, shared with the store through the container (the DI overload).
            connection = await ConnectionMultiplexer.ConnectAsync(redis).ConfigureAwait(false);
            services.AddSingleton<IConnectionMultiplexer>(connection);
            chat.AddRedisRateLimiting(o => o.OperationTimeout = TimeSpan.FromMilliseconds(args.Int("operation-timeout-ms", 50)));
        }

        long storeOperations = 0;
        double storeSeconds = 0;
        var fellBack = false;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name is "chatgpt.rate_budget.store.duration" or "chatgpt.rate_budget.store.fallbacks")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };

        // A fallback: the store left Redis for its retry interval (three slow answers in a row, or a failed connection).
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => fellBack = true);
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            Interlocked.Increment(ref storeOperations);
            lock (listener)
            {
                storeSeconds += value;
            }
        });
        listener.Start();

        var provider = services.BuildServiceProvider();
        await using var providerScope = provider.ConfigureAwait(false);
        var client = provider.GetRequiredService<IChatGptClient>();

        Console.WriteLine("READY");
        if (await Console.In.ReadLineAsync().ConfigureAwait(false) != "GO")
        {
            return 2;
        }

        // Interleaved: the models' calls alternate, as an app's routing and answering calls would.
        var calls = new List<string>();
        for (var i = 0; calls.Count < models.Sum(m => m.Calls); i++)
        {
            calls.AddRange(models.Where(m => i < m.Calls).Select(m => m.Name));
        }

        var results = models.ToDictionary(m => m.Name, m => new Tally(m.Calls));
        await Task.WhenAll(calls.Select(async model =>
        {
            var tally = results[model];
            try
            {
                await client.CreateChatCompletionAsync(new ChatCompletionRequest { Model = model, Messages = [ChatMessage.User("Hi")], MaxTokens = 16 }).ConfigureAwait(false);
                Interlocked.Increment(ref tally.Succeeded);
            }
            catch (ChatGptException exception)
            {
                Interlocked.Increment(ref tally.Failed);
                lock (tally.Errors)
                {
                    if (tally.Errors.Count < 3)
                    {
                        tally.Errors.Add($"{exception.GetType().Name}: {exception.Message}");
                    }
                }
            }
            finally
            {
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                InterlockedMax(ref tally.LastFinishedAt, now);
            }
        })).ConfigureAwait(false);

        listener.RecordObservableInstruments();
        var result = new ReplicaResult(
            id,
            results.ToDictionary(r => r.Key, r => new ModelResult(r.Value.Calls, r.Value.Succeeded, r.Value.Failed, r.Value.LastFinishedAt, r.Value.Errors)),
            Interlocked.Read(ref storeOperations),
            storeSeconds,
            fellBack);
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(result, ScaleOutJsonContext.Default.ReplicaResult));
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        return 0;
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private sealed class Tally(int calls)
    {
        public int Calls { get; } = calls;

        public int Succeeded;

        public int Failed;

        public long LastFinishedAt;

        public List<string> Errors { get; } = [];

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Succeeded}/{Calls}");
    }
}
