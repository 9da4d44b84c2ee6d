namespace ChatGpt.Testing.Internal;

/// <summary>
/// One endpoint of the emulated API (chat completions, completions, models, files, ...): the routes it serves and how
/// it answers. The engine (<see cref="ChatGptEmulator"/>) does what every endpoint shares before calling
/// <see cref="HandleAsync"/>: routing, authentication, recording, scripting (scripted errors and raw bodies never reach
/// the endpoint), and after it: the common headers and the scripted transport faults.
/// </summary>
/// <remarks>To add an endpoint, derive from this class, declare its <see cref="Routes"/>, and register it in
/// <see cref="EmulatorEndpoints.Create"/>. See the package README ("Adding an endpoint to the emulator").</remarks>
internal abstract class EmulatorEndpoint
{
    protected EmulatorEndpoint(ChatGptEmulator emulator)
    {
        Emulator = emulator;
    }

    /// <summary>The routes this endpoint answers; a route's <see cref="EmulatorRoute.Body"/> says how its body is read.</summary>
    public abstract IReadOnlyList<EmulatorRoute> Routes { get; }

    /// <summary>The emulator's settings and shared services (<see cref="EmulatorIds"/>,
    /// <see cref="ChatGptEmulator.RateLimits"/>, <see cref="ChatGptEmulator.TimeProvider"/>, ...).</summary>
    protected ChatGptEmulator Emulator { get; }

    /// <summary>Answers one request matched to one of <see cref="Routes"/>. API errors are thrown as
    /// <see cref="ApiErrorException"/> (the engine writes the API's error body); any other failure is a bug.</summary>
    public abstract ValueTask<ResponsePlan> HandleAsync(EndpointRequest request, CancellationToken cancellationToken);
}
