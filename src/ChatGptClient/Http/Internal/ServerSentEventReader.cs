using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChatGpt.Diagnostics;
using ChatGpt.Internal;

namespace ChatGpt.Http.Internal;

/// <summary>
/// Reads a <c>text/event-stream</c> response as it arrives: decodes each event with a <see cref="ServerSentEventDecoder{T}"/>,
/// fails with a <see cref="ChatGptException"/> on an error event, a malformed event, a cut connection, a stream that ends
/// before its end marker, or no event for the idle timeout; disposes the response when done.
/// </summary>
internal static class ServerSentEventReader
{
    /// <summary>How a stream is read.</summary>
    /// <param name="IdleTimeout">The longest wait for the next event (<see cref="Timeout.InfiniteTimeSpan"/>: none).</param>
    /// <param name="TimeProvider">The clock of the idle timeout.</param>
    /// <param name="ApiKey">The key, redacted from error messages a server echoes.</param>
    /// <param name="MaxEventBytes">The largest event accepted (<see cref="ChatGptOptions.MaxStreamEventBytes"/>).</param>
    /// <param name="EndName">How the end of the stream is called in the error of a cut stream (<c>[DONE]</c>).</param>
    internal readonly record struct Settings(TimeSpan IdleTimeout, TimeProvider TimeProvider, string? ApiKey, int MaxEventBytes, string EndName = "[DONE]");

    /// <summary>Yields the decoded values of <paramref name="response"/>'s events, which it owns and disposes.</summary>
    public static async IAsyncEnumerable<T> ReadAsync<T>(
        HttpResponseMessage response,
        ResponseMetadata metadata,
        ServerSentEventDecoder<T> decoder,
        Settings settings,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        using (response)
        {
            var requestId = metadata.RequestId;
            using var idle = new StreamIdleTimeout(settings.IdleTimeout, settings.TimeProvider, cancellationToken);

            Stream stream;
            try
            {
                stream = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                throw ChatGptErrors.StreamCut(0, requestId, ex, settings.EndName);
            }

            // The limit is on one event, counted while it arrives: a huge line fails here, before the parser buffers it all.
            var guarded = new GuardedReadStream(stream, settings.MaxEventBytes, static (metadata, max) => EventTooLarge(max, metadata), metadata, idle: null);
            await using var streamScope = guarded.ConfigureAwait(false);
            var parser = SseParser.Create(guarded, (type, data) =>
            {
                guarded.RestartCount();
                return decoder(type, data);
            });
            var events = parser.EnumerateAsync(idle.Token).GetAsyncEnumerator(idle.Token);
            await using var eventsScope = events.ConfigureAwait(false);

            var received = 0;
            var done = false;
            while (!done)
            {
                StreamEvent<T> item;
                try
                {
                    idle.MarkActivity();

                    if (!await events.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    item = events.Current.Data;
                }
                catch (OperationCanceledException) when (idle.TimedOut(cancellationToken))
                {
                    throw new ChatGptException($"The stream was abandoned: no event arrived for {settings.IdleTimeout} (ChatGptOptions.Resilience.StreamIdleTimeout) after {received} event(s).", metadata.StatusCode, requestId: requestId, innerException: new TimeoutException());
                }
                catch (JsonException ex)
                {
                    throw ChatGptErrors.MalformedBody("stream event", metadata.StatusCode, requestId, ex);
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
                {
                    throw ChatGptErrors.StreamCut(received, requestId, ex, settings.EndName);
                }

                if (item.IsDone)
                {
                    done = true;
                    break;
                }

                if (item.Error is { } error)
                {
                    throw ChatGptErrors.FromErrorElement(error, metadata.StatusCode, requestId, settings.ApiKey);
                }

                if (item.Value is not { } value)
                {
                    continue;
                }

                received++;
                done = item.IsLast;
                yield return value;
            }

            if (!done)
            {
                throw ChatGptErrors.StreamCut(received, requestId, inner: null, settings.EndName);
            }
        }
    }

    /// <summary>
    /// The decoder of chat and completion streams: values in events of the default type, an end marker <c>[DONE]</c>,
    /// <c>error</c> events, and an <c>error</c> member inside a value (<paramref name="getError"/>). Other event types are ignored.
    /// Each value gets <paramref name="info"/> (with its event's raw data when <paramref name="captureRaw"/>).
    /// </summary>
    public static ServerSentEventDecoder<T> UntilDone<T>(JsonTypeInfo<T> type, Func<T, JsonElement?> getError, ChatGptResponseInfo info, bool captureRaw)
        where T : class =>
        (eventType, data) =>
        {
            if (data.SequenceEqual("[DONE]"u8))
            {
                return StreamEvent<T>.Done;
            }

            if (eventType == "error")
            {
                return StreamEvent<T>.Failed(ReadErrorElement(data));
            }

            if (eventType != SseParser.EventTypeDefault)
            {
                // Events of other types (pings, vendor extensions) carry nothing for us.
                return StreamEvent<T>.Ignored;
            }

            var value = JsonSerializer.Deserialize(data, type);
            if (value is null)
            {
                return StreamEvent<T>.Ignored;
            }

            if (getError(value) is { ValueKind: not JsonValueKind.Null } error)
            {
                return StreamEvent<T>.Failed(error);
            }

            ChatGptResponseInfo.Attach(value, captureRaw ? info.WithRawBody(data.ToArray()) : info);
            return StreamEvent<T>.Of(value);
        };

    /// <summary>
    /// The decoder of streams whose events are typed by their <c>event:</c> name or, when it has none, by the data's
    /// <c>type</c> field (audio: <c>transcript.text.delta</c>, <c>transcript.text.done</c>, <c>speech.audio.delta</c>…).
    /// An <c>error</c> type fails the stream; <paramref name="isLast"/> names the type that ends it; <c>[DONE]</c> also
    /// ends it; <paramref name="accept"/> may skip types the caller does not model.
    /// </summary>
    public static ServerSentEventDecoder<T> ByType<T>(JsonTypeInfo<T> type, Func<string, bool> isLast, Func<string, bool>? accept = null)
        where T : class =>
        (eventType, data) =>
        {
            if (data.SequenceEqual("[DONE]"u8))
            {
                return StreamEvent<T>.Done;
            }

            var name = eventType != SseParser.EventTypeDefault ? eventType : ReadType(data) ?? string.Empty;
            if (name == "error")
            {
                return StreamEvent<T>.Failed(ReadErrorElement(data));
            }

            if (accept is not null && !accept(name))
            {
                return StreamEvent<T>.Ignored;
            }

            return JsonSerializer.Deserialize(data, type) is { } value
                ? new StreamEvent<T>(value, false, null, isLast(name))
                : StreamEvent<T>.Ignored;
        };

    /// <summary>The top-level <c>type</c> string of an event's JSON data, or <see langword="null"/>.</summary>
    public static string? ReadType(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            if (!reader.Read())
            {
                return null;
            }

            if (isType)
            {
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }

            reader.Skip();
        }

        return null;
    }

    private static ChatGptException EventTooLarge(long maxBytes, ResponseMetadata metadata) =>
        new($"A stream event passed ChatGptOptions.MaxStreamEventBytes ({maxBytes} bytes) and was not read further. If such events are expected, raise ChatGptOptions.MaxStreamEventBytes.{(metadata.RequestId is { } id ? $" (request id {id})" : string.Empty)}", metadata.StatusCode, requestId: metadata.RequestId, innerException: new InvalidDataException($"An event is larger than {maxBytes} bytes."));

    private static JsonElement ReadErrorElement(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        return (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var inner) ? inner : root).Clone();
    }
}
