namespace ChatGpt.Chat;

/// <summary>Moderated completions (<c>moderation</c>): the request's input and the generated output are checked by a moderation model.</summary>
/// <remarks>The results arrive in <see cref="ChatCompletion.Moderation"/> (and in a chunk's <see cref="ChatCompletionChunk.Moderation"/> when streaming).</remarks>
public sealed class ChatModerationOptions
{
    /// <summary>The moderation model, e.g. <c>omni-moderation-latest</c>.</summary>
    public required string Model { get; set; }

    /// <summary>What to do with the input and the output; the server's default when <see langword="null"/>.</summary>
    public ChatModerationPolicy? Policy { get; set; }
}
