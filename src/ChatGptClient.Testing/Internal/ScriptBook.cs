namespace ChatGpt.Testing.Internal;

/// <summary>The scripted answers: a queue (one per request, first) and <c>When</c> rules (in the order added, each for
/// a number of requests or forever). Thread-safe.</summary>
internal sealed class ScriptBook
{
    private readonly Lock _gate = new();
    private readonly Queue<EmulatorResponse> _queue = new();
    private readonly List<Rule> _rules = [];

    public void Enqueue(IEnumerable<EmulatorResponse> responses)
    {
        lock (_gate)
        {
            foreach (var response in responses)
            {
                _queue.Enqueue(response);
            }
        }
    }

    public void AddRule(Func<EmulatedRequest, bool> predicate, EmulatorResponse response, int? times)
    {
        lock (_gate)
        {
            _rules.Add(new Rule(predicate, response, times));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
            _rules.Clear();
        }
    }

    /// <summary>The script for <paramref name="request"/>, consumed (a queued one, or a rule's), or <see langword="null"/>.</summary>
    public EmulatorResponse? Take(EmulatedRequest request)
    {
        lock (_gate)
        {
            if (_queue.TryDequeue(out var queued))
            {
                return queued;
            }

            for (var i = 0; i < _rules.Count; i++)
            {
                var rule = _rules[i];
                if (!rule.Predicate(request))
                {
                    continue;
                }

                if (rule.Remaining is int remaining)
                {
                    if (remaining <= 1)
                    {
                        _rules.RemoveAt(i);
                    }
                    else
                    {
                        _rules[i] = rule with { Remaining = remaining - 1 };
                    }
                }

                return rule.Response;
            }
        }

        return null;
    }

    private sealed record Rule(Func<EmulatedRequest, bool> Predicate, EmulatorResponse Response, int? Remaining);
}
