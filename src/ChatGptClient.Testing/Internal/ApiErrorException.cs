namespace ChatGpt.Testing.Internal;

/// <summary>An error the emulator answers with the API's error body; thrown by validation, caught by the engine.</summary>
internal sealed class ApiErrorException : Exception
{
    public ApiErrorException(int statusCode, string message, string type = "invalid_request_error", string? param = null, string? code = null)
        : base(message)
    {
        StatusCode = statusCode;
        Type = type;
        Param = param;
        Code = code;
    }

    public int StatusCode { get; }

    public string Type { get; }

    public string? Param { get; }

    public string? Code { get; }

    public static ApiErrorException Invalid(string message, string? param, string? code = null) => new(400, message, "invalid_request_error", param, code);
}
