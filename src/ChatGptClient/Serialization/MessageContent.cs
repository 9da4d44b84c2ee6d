using ChatGpt.Chat;

namespace ChatGpt.Serialization;

/// <summary>The polymorphic <c>content</c> field of a message: a string or an array of parts.</summary>
internal readonly record struct MessageContent(string? Text, IList<ChatContentPart>? Parts);
