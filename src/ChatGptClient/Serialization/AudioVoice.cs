namespace ChatGpt.Serialization;

/// <summary>The polymorphic <c>audio.voice</c> field: a built-in voice name or a custom voice's id.</summary>
internal readonly record struct AudioVoice(string? Name, string? Id);
