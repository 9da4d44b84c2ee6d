namespace ChatGpt.Serialization;

/// <summary>
/// What <see cref="ExtensibleStringJsonConverter{T}"/> needs of an extensible string value type: its known values and a
/// way to wrap any other wire string. Implemented explicitly, so it adds nothing to the public types' surface.
/// </summary>
/// <typeparam name="TSelf">The value type.</typeparam>
internal interface IExtensibleString<TSelf>
    where TSelf : struct, IExtensibleString<TSelf>
{
    /// <summary>The wire field, named in the error when the token is not a string.</summary>
    static abstract string FieldName { get; }

    /// <summary>The static instances of the values this version knows.</summary>
    static abstract IReadOnlyList<TSelf> KnownValues { get; }

    /// <summary>The wire string.</summary>
    string Value { get; }

    /// <summary>Wraps a wire string that is not one of the known values.</summary>
    static abstract TSelf Create(string value);
}
