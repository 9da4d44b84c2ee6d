using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatGpt.IntegrationTests.Resilience;

/// <summary>
/// A Kestrel server on 127.0.0.1 that plays an OpenAI endpoint under load: a real requests-per-minute budget (a refilling
/// bucket, as OpenAI's, reported in <c>x-ratelimit-*</c> headers and enforced with 429 + <c>retry-after-ms</c>), plus
/// faults planned per call: permanent errors, injected 429s, 5xx, dropped connections and slow answers.
/// </summary>
/// <remarks>Calls are told apart by their <c>user</c> field (<c>req-N</c>); every attempt is recorded with the server's
/// own clock so the test can check what the client did.</remarks>
internal sealed class FaultInjectingServer : IAsyncDisposable
{
    public const string SuccessJson =
        """{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"pong"},"finish_reason":"stop"}],"usage":{"prompt_tokens":8,"completion_tokens":1,"total_tokens":9}}""";

    private readonly WebApplication _app;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _bucketLock = new();
    private readonly double _limitPerMinute;
    private readonly TimeSpan _slowFor;
    private readonly double _initiallyAvailable;
    private double _available;
    private TimeSpan _lastRefill;

    private FaultInjectingServer(WebApplication app, double limitPerMinute, double initiallyAvailable, TimeSpan slowFor)
    {
        _app = app;
        _limitPerMinute = limitPerMinute;
        _available = _initiallyAvailable = initiallyAvailable;
        _slowFor = slowFor;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentDictionary<int, CallRecord> Calls { get; } = new();

    public double RatePerSecond => _limitPerMinute / 60;

    public int Attempts => _attempts;

    public int Accepted => _accepted;

    /// <summary>429s the server sent because the account's budget was spent (not the injected ones).</summary>
    public int BudgetRejections => _budgetRejections;

    public int InjectedRejections => _injectedRejections;

    private int _attempts;
    private int _accepted;
    private int _budgetRejections;
    private int _injectedRejections;

    public static async Task<FaultInjectingServer> StartAsync(double limitPerMinute, double initiallyAvailable, TimeSpan slowFor)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FaultInjectingServer(app, limitPerMinute, initiallyAvailable, slowFor);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Urls.Single().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/v1/");
        return server;
    }

    /// <summary>What the server planned for a call; the test expects the matching outcome.</summary>
    public static Plan PlanFor(int id) => (id % 100, id % 10, id % 20) switch
    {
        (0, _, _) => Plan.BadRequest,
        (1, _, _) => Plan.InsufficientQuota,
        (2, _, _) => Plan.ServerSaysDoNotRetry,
        (3, _, _) => Plan.AlwaysFails,
        (_, 4, _) => Plan.InjectedRateLimitOnce,
        (_, 5, _) => Plan.ServerErrorOnce,
        (_, 6, _) => Plan.DroppedConnectionOnce,
        (_, _, _) when id % 50 == 7 => Plan.SlowOnce,
        _ => Plan.Succeeds,
    };

    /// <summary>Forgets the warm-up: counters start at zero and the budget at its initial level.</summary>
    public void ResetCounters()
    {
        _attempts = _accepted = _budgetRejections = _injectedRejections = 0;
        lock (_bucketLock)
        {
            _available = _initiallyAvailable;
            _lastRefill = _clock.Elapsed;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var arrived = _clock.Elapsed;
        Interlocked.Increment(ref _attempts);
        int id;
        using (var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted))
        {
            id = int.Parse(body.RootElement.GetProperty("user").GetString()!.AsSpan(4), CultureInfo.InvariantCulture);
        }

        var call = Calls.GetOrAdd(id, static _ => new CallRecord());
        int attempt;
        lock (call)
        {
            attempt = call.Arrivals.Count;
            call.Arrivals.Add(arrived);
            if (call.NotBefore is { } notBefore && arrived < notBefore)
            {
                call.EarlyRetries++;
                call.SmallestMargin = Min(call.SmallestMargin, arrived - notBefore);
            }
            else if (call.NotBefore is { } honoured)
            {
                call.SmallestMargin = Min(call.SmallestMargin, arrived - honoured);
            }

            if (call.Final)
            {
                call.AttemptsAfterFinal++;
            }
        }

        // Every attempt counts against the account, as at OpenAI.
        double available;
        bool allowed;
        lock (_bucketLock)
        {
            var now = _clock.Elapsed;
            _available = Math.Min(_limitPerMinute, _available + ((now - _lastRefill).TotalSeconds * RatePerSecond));
            _lastRefill = now;
            allowed = _available >= 1;
            if (allowed)
            {
                _available -= 1;
            }

            available = _available;
        }

        var response = http.Response;
        response.Headers["x-request-id"] = $"req_{id}_{attempt}";
        response.Headers["x-ratelimit-limit-requests"] = _limitPerMinute.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-remaining-requests"] = Math.Max(0, Math.Floor(available)).ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-reset-requests"] = $"{((_limitPerMinute - available) / RatePerSecond).ToString("0.###", CultureInfo.InvariantCulture)}s";
        response.Headers["x-ratelimit-limit-tokens"] = "10000000";
        response.Headers["x-ratelimit-remaining-tokens"] = "9999000";
        response.Headers["x-ratelimit-reset-tokens"] = "6ms";

        if (!allowed)
        {
            Interlocked.Increment(ref _budgetRejections);
            var waitMs = Math.Ceiling((1 - available) / RatePerSecond * 1000);
            await RetryLaterAsync(http, call, 429, "rate_limit_exceeded", "requests", TimeSpan.FromMilliseconds(waitMs));
            return;
        }

        Interlocked.Increment(ref _accepted);
        switch (PlanFor(id))
        {
            case Plan.BadRequest:
                await FinalAsync(http, call, 400, "invalid_value", "invalid_request_error");
                return;
            case Plan.InsufficientQuota:
                await FinalAsync(http, call, 429, "insufficient_quota", "insufficient_quota");
                return;
            case Plan.ServerSaysDoNotRetry:
                response.Headers["x-should-retry"] = "false";
                await FinalAsync(http, call, 503, null, "server_error");
                return;
            case Plan.AlwaysFails:
                await ErrorAsync(http, 500, null, "server_error");
                return;
            case Plan.InjectedRateLimitOnce when attempt == 0:
                Interlocked.Increment(ref _injectedRejections);
                await RetryLaterAsync(http, call, 429, "rate_limit_exceeded", "tokens", TimeSpan.FromMilliseconds(200));
                return;
            case Plan.ServerErrorOnce when attempt == 0:
                if (id / 10 % 3 == 0)
                {
                    await RetryLaterAsync(http, call, 503, null, "server_error", TimeSpan.FromSeconds(1));
                }
                else
                {
                    await ErrorAsync(http, id / 10 % 3 == 1 ? 502 : 504, null, "server_error");
                }

                return;
            case Plan.DroppedConnectionOnce when attempt == 0:
                http.Abort();
                return;
            case Plan.SlowOnce when attempt == 0:
                try
                {
                    await Task.Delay(_slowFor, http.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                break;
        }

        response.ContentType = "application/json";
        await response.WriteAsync(SuccessJson);
    }

    private async Task RetryLaterAsync(HttpContext http, CallRecord call, int status, string? code, string type, TimeSpan wait)
    {
        http.Response.Headers["retry-after-ms"] = wait.TotalMilliseconds.ToString(CultureInfo.InvariantCulture);
        lock (call)
        {
            // Measured as the answer leaves: the client cannot start waiting any earlier.
            call.NotBefore = _clock.Elapsed + wait;
        }

        await ErrorAsync(http, status, code, type);
    }

    private async Task FinalAsync(HttpContext http, CallRecord call, int status, string? code, string type)
    {
        lock (call)
        {
            call.Final = true;
        }

        await ErrorAsync(http, status, code, type);
    }

    private Task ErrorAsync(HttpContext http, int status, string? code, string type)
    {
        if (Calls.TryGetValue(int.Parse(http.Response.Headers["x-request-id"].ToString().Split('_')[1], CultureInfo.InvariantCulture), out var call))
        {
            lock (call)
            {
                call.Answers.Add(_clock.Elapsed);
            }
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        var codeJson = code is null ? "null" : $"\"{code}\"";
        return http.Response.WriteAsync($$$"""{"error":{"message":"injected {{{status}}}","type":"{{{type}}}","param":null,"code":{{{codeJson}}}}}""");
    }

    private static TimeSpan? Min(TimeSpan? a, TimeSpan b) => a is { } value && value < b ? value : b;

    public enum Plan
    {
        Succeeds,
        BadRequest,
        InsufficientQuota,
        ServerSaysDoNotRetry,
        AlwaysFails,
        InjectedRateLimitOnce,
        ServerErrorOnce,
        DroppedConnectionOnce,
        SlowOnce,
    }

    /// <summary>Every attempt of one call, as the server saw it.</summary>
    public sealed class CallRecord
    {
        public List<TimeSpan> Arrivals { get; } = [];

        /// <summary>The earliest time the server allowed the next attempt (its last <c>retry-after-ms</c>).</summary>
        public TimeSpan? NotBefore { get; set; }

        public int EarlyRetries { get; set; }

        public TimeSpan? SmallestMargin { get; set; }

        /// <summary>Whether the server gave an answer that must not be retried.</summary>
        public bool Final { get; set; }

        public int AttemptsAfterFinal { get; set; }

        /// <summary>When each error answer left the server.</summary>
        public List<TimeSpan> Answers { get; } = [];
    }
}
