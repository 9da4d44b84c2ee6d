using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using ChatGpt.Http.Internal;

namespace ChatGpt.Files.Internal;

/// <summary>
/// Walks a cursor-paged list (<c>?after=&lt;last id&gt;&amp;limit=N</c>, <c>has_more</c>) one page request at a time, as the
/// caller enumerates: files, fine-tuning jobs, their events and checkpoints.
/// </summary>
internal static class CursorPager
{
    /// <summary>Yields every item from the first page on, fetching the next page only when the caller reaches it.</summary>
    /// <param name="transport">The send path.</param>
    /// <param name="path">The list's path under the base address, e.g. <c>files</c>.</param>
    /// <param name="query">The fixed query parameters (filters, order, limit), without <c>after</c>.</param>
    /// <param name="after">The cursor to start after, or <see langword="null"/>.</param>
    /// <param name="pageType">The page's JSON.</param>
    /// <param name="idOf">An item's id: the cursor of the next page.</param>
    /// <param name="operation">The operation name of each page request.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public static async IAsyncEnumerable<T> EnumerateAsync<T>(
        ChatGptTransport transport,
        string path,
        IReadOnlyList<KeyValuePair<string, string>> query,
        string? after,
        JsonTypeInfo<ListPage<T>> pageType,
        Func<T, string> idOf,
        string operation,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        var cursor = after;
        while (true)
        {
            var uri = transport.CreateUri(BuildPath(path, query, cursor));
            var page = await transport.SendJsonAsync(HttpMethod.Get, uri, content: null, pageType, transport.CreateContext(operation), cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Data)
            {
                yield return item;
            }

            // The API says whether there is more; a server that says so but sends an empty page would loop forever.
            if (!page.HasMore || page.Data.Count == 0)
            {
                yield break;
            }

            var next = page.LastId is { Length: > 0 } last ? last : idOf(page.Data[^1]);
            if (next == cursor)
            {
                yield break;
            }

            cursor = next;
        }
    }

    /// <summary>The path with its query string, each value escaped.</summary>
    public static string BuildPath(string path, IReadOnlyList<KeyValuePair<string, string>> query, string? after)
    {
        var text = new StringBuilder(path);
        var separator = '?';
        foreach (var (name, value) in query)
        {
            text.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        if (after is not null)
        {
            text.Append(separator).Append("after=").Append(Uri.EscapeDataString(after));
        }

        return text.ToString();
    }
}
