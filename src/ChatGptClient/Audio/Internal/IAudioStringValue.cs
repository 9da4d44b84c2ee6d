namespace ChatGpt.Audio.Internal;

/// <summary>An extensible string value of the audio API (voices, formats, models): what the one JSON converter needs.</summary>
/// <typeparam name="TSelf">The value type.</typeparam>
internal interface IAudioStringValue<TSelf>
    where TSelf : struct, IAudioStringValue<TSelf>
{
    /// <summary>The wire value; empty for <see langword="default"/>.</summary>
    string Value { get; }

    /// <summary>The value for a wire string, reusing a static instance when the string is a known one.</summary>
    static abstract TSelf FromWire(string value);
}
