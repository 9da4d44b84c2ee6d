namespace ChatGpt.Testing.Internal;

/// <summary>The emulator's model list (<see cref="ChatGptEmulator.Models"/>) as the endpoints use it.</summary>
internal static class EmulatorModels
{
    /// <summary>The <c>created</c> timestamp of every listed model.</summary>
    public const long Created = 1_700_000_000;

    public static List<string> Snapshot(IList<string> models)
    {
        lock (models)
        {
            return [.. models];
        }
    }

    /// <summary>With <see cref="ChatGptEmulator.RejectUnknownModels"/>, a model not listed gets the API's 404.</summary>
    public static void CheckAccepted(ChatGptEmulator emulator, string model)
    {
        if (emulator.RejectUnknownModels && !Snapshot(emulator.Models).Contains(model))
        {
            throw new ApiErrorException(404, $"The model `{model}` does not exist or you do not have access to it.", "invalid_request_error", null, "model_not_found");
        }
    }
}
