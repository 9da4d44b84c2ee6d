using Microsoft.Extensions.Hosting;

namespace ChatGpt.Testing.Internal;

/// <summary>A host lifetime that listens to no signals: the emulator server is embedded in someone else's process, so
/// Ctrl+C and SIGTERM belong to that process (the default console lifetime would take them and stop only the server).</summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
