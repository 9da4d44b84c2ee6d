namespace ChatGpt.Testing.Internal;

/// <summary>One token of a text: its UTF-8 bytes (part of a character when the tokenizer splits one) and its text as
/// the API shows it: the characters it holds, and <c>\xNN</c> for each byte of a character it holds only part of.</summary>
internal sealed record TextToken(string Token, byte[] Bytes);
