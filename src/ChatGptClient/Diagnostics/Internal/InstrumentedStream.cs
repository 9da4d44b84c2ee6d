using ChatGpt.Internal;

namespace ChatGpt.Diagnostics.Internal;

/// <summary>
/// A stream of the client observed by a <see cref="ChatGptCallScope"/>: the scope opens at the first
/// <see cref="IAsyncEnumerator{T}.MoveNextAsync"/> (when the request is sent), sees each chunk, and closes when the stream
/// ends, fails or is disposed early.
/// </summary>
/// <remarks>
/// A wrapper rather than code inside the client's iterator because an iterator cannot catch around a <c>yield</c>; the
/// methods are <c>async</c> so the span set as <see cref="System.Diagnostics.Activity.Current"/> never leaks into the caller.
/// </remarks>
internal sealed class InstrumentedStream<T>(ChatGptInstrumentation owner, ChatGptRequestContext context, IAsyncEnumerable<T> inner) : IAsyncEnumerable<T>
    where T : class
{
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        new Enumerator(owner, context, inner.GetAsyncEnumerator(cancellationToken));

    private sealed class Enumerator(ChatGptInstrumentation owner, ChatGptRequestContext context, IAsyncEnumerator<T> inner) : IAsyncEnumerator<T>
    {
        private ChatGptCallScope? _scope;
        private bool _started;

        public T Current => inner.Current;

        public async ValueTask<bool> MoveNextAsync()
        {
            if (!_started)
            {
                _started = true;
                _scope = owner.Start(context);
            }

            try
            {
                if (!await inner.MoveNextAsync().ConfigureAwait(false))
                {
                    _scope?.OnStreamEnded();
                    _scope?.End();
                    return false;
                }
            }
            catch (Exception ex)
            {
                _scope?.Fail(ex);
                _scope?.End();
                throw;
            }

            _scope?.OnChunk(inner.Current);
            return true;
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await inner.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                // Ends the span of a stream the caller stopped reading; a no-op when it already ended.
                _scope?.End();
            }
        }
    }
}
