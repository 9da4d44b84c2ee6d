using Microsoft.Extensions.Logging;

namespace ChatGpt.ScaleOut;

/// <summary>Warnings and errors of a replica (the store's fallbacks and rejoins) on its standard error, prefixed with the
/// replica's id, so a run shows why a replica left the shared budget.</summary>
internal sealed class StandardErrorLogger(int replica) : ILoggerProvider, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Console.Error.WriteLine($"  replica {replica} {logLevel}: {formatter(state, exception)}");
        }
    }

    public void Dispose()
    {
    }
}
