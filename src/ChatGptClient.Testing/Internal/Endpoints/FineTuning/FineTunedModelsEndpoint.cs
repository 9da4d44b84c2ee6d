namespace ChatGpt.Testing.Internal;

/// <summary><c>DELETE /v1/models/{model}</c>: deletes a fine-tuned model the emulator made; base models cannot be deleted.</summary>
internal sealed class FineTunedModelsEndpoint : EmulatorEndpoint
{
    private static readonly EmulatorRoute s_delete = new("DELETE", "/v1/models/{*model}");

    public FineTunedModelsEndpoint(ChatGptEmulator emulator)
        : base(emulator)
    {
    }

    public override IReadOnlyList<EmulatorRoute> Routes { get; } = [s_delete];

    public override ValueTask<ResponsePlan> HandleAsync(EndpointRequest request, CancellationToken cancellationToken)
    {
        var model = request.RouteValue("model");
        var models = Emulator.Models;
        lock (models)
        {
            if (!models.Contains(model))
            {
                throw new ApiErrorException(404, $"The model '{model}' does not exist", "invalid_request_error", "model", "model_not_found");
            }

            if (!model.StartsWith("ft:", StringComparison.Ordinal))
            {
                throw new ApiErrorException(403, $"You have insufficient permissions for this operation: only fine-tuned models can be deleted, not '{model}'.", "invalid_request_error", "model", "insufficient_permissions");
            }

            models.Remove(model);
        }

        return ValueTask.FromResult(ResponsePlan.Json(200, FilesResponseWriter.Deleted(model, "model")));
    }
}
