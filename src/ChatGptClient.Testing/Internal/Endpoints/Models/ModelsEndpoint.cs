namespace ChatGpt.Testing.Internal;

/// <summary><c>GET /v1/models</c> and <c>GET /v1/models/{model}</c>.</summary>
internal sealed class ModelsEndpoint : EmulatorEndpoint
{
    private static readonly EmulatorRoute s_list = new("GET", "/v1/models");
    private static readonly EmulatorRoute s_retrieve = new("GET", "/v1/models/{*model}");

    public ModelsEndpoint(ChatGptEmulator emulator)
        : base(emulator)
    {
    }

    public override IReadOnlyList<EmulatorRoute> Routes { get; } = [s_list, s_retrieve];

    public override ValueTask<ResponsePlan> HandleAsync(EndpointRequest request, CancellationToken cancellationToken)
    {
        var models = EmulatorModels.Snapshot(Emulator.Models);
        if (request.Route == s_list)
        {
            return ValueTask.FromResult(ResponsePlan.Json(200, ModelsResponseWriter.Models(models, EmulatorModels.Created)));
        }

        var model = request.RouteValue("model");
        if (!models.Contains(model))
        {
            throw new ApiErrorException(404, $"The model '{model}' does not exist", "invalid_request_error", "model", "model_not_found");
        }

        return ValueTask.FromResult(ResponsePlan.Json(200, ModelsResponseWriter.Model(model, EmulatorModels.Created)));
    }
}
