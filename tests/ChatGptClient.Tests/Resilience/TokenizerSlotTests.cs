using ChatGpt.Resilience.Internal;
using Xunit.Abstractions;

namespace ChatGpt.Tests.Resilience;

/// <summary>Issue 14's token counter cold start. Run alone (<c>--filter TokenizerSlotTests</c>) to see the full load
/// cost in a fresh process; with other tests the vocabulary may already be cached and the load cheaper.</summary>
public class TokenizerSlotTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TokenizerSlot_FirstUse_LoadsOffTheCallingThread()
    {
        // Before: the first exact estimate built the tokenizer on the request path. After: the caller only starts the
        // load and gets the cheap estimate; the vocabulary is read on the thread pool, once per encoding.
        var slot = new TokenizerSlot("o200k_base");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var loadedAtOnce = slot.TryGet(out _);
        var onCaller = GC.GetAllocatedBytesForCurrentThread() - before;

        var totalBefore = GC.GetTotalAllocatedBytes(precise: true);
        var tokenizer = await slot.Loading;
        var loadCost = GC.GetTotalAllocatedBytes(precise: true) - totalBefore;

        Assert.False(loadedAtOnce);
        Assert.NotNull(tokenizer);
        Assert.True(onCaller < 4_096, $"The caller allocated {onCaller:N0} bytes.");
        Assert.True(slot.TryGet(out var shared) && ReferenceEquals(tokenizer, shared));
        output.WriteLine($"Tokenizer cold start: {onCaller:N0} bytes on the calling thread; about {loadCost:N0} bytes on the thread pool.");
    }

}
