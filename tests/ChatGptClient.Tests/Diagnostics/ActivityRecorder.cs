using System.Collections.Concurrent;
using System.Diagnostics;
using ChatGpt.Diagnostics;

namespace ChatGpt.Tests.Diagnostics;

/// <summary>
/// Records the client's spans of this test only: it starts a root activity and keeps the spans of its trace, so tests
/// running in parallel (which also make the client emit spans) do not leak in.
/// </summary>
internal sealed class ActivityRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public ActivityRecorder()
    {
        Root = new Activity("test-root").Start();
        var traceId = Root.TraceId;
        _listener = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == ChatGptDiagnostics.ActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == traceId)
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public Activity Root { get; }

    public IReadOnlyList<Activity> Stopped => [.. _stopped];

    public Activity Single()
    {
        var stopped = Stopped;
        Assert.True(stopped.Count == 1, $"Expected one span, got {stopped.Count}.");
        return stopped[0];
    }

    public void Dispose()
    {
        _listener.Dispose();
        Root.Stop();
    }
}
