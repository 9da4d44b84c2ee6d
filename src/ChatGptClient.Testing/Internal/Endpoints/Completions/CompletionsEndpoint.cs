namespace ChatGpt.Testing.Internal;

/// <summary><c>POST /v1/completions</c> (legacy), streamed or not: one set of <c>n</c> choices per prompt.</summary>
internal sealed class CompletionsEndpoint : EmulatorEndpoint
{
    public CompletionsEndpoint(ChatGptEmulator emulator)
        : base(emulator)
    {
    }

    public override IReadOnlyList<EmulatorRoute> Routes { get; } = [new("POST", "/v1/completions", RequestBodyKind.Json)];

    /// <summary>The body parameters accepted (others get 400 unless <see cref="ChatGptEmulator.AllowUnknownParameters"/>).</summary>
    public static IReadOnlyCollection<string> AcceptedParameters => CompletionsRequestValidator.AcceptedParameters;

    public override ValueTask<ResponsePlan> HandleAsync(EndpointRequest request, CancellationToken cancellationToken)
    {
        var completion = CompletionsRequestValidator.ReadCompletion(request.Json, Emulator.AllowUnknownParameters);
        EmulatorModels.CheckAccepted(Emulator, completion.Model);
        completion.PromptTokens = completion.Prompts.Sum(TokenCounter.Count);
        var script = request.Script;
        var choices = new List<(ChoiceResult Choice, string Prompt)>();
        for (var p = 0; p < completion.Prompts.Count; p++)
        {
            var prompt = completion.Prompts[p];
            var text = script?.Kind == EmulatorResponseKind.Text ? script.Content! : Responder.Complete(prompt);
            var defaultFinish = script?.Kind == EmulatorResponseKind.Text ? script.FinishReason! : "stop";
            for (var i = 0; i < completion.N; i++)
            {
                var limited = TextLimits.Apply(text, completion.Stop, completion.MaxTokens, defaultFinish, out var finishReason);
                choices.Add((new ChoiceResult((p * completion.N) + i, limited, [], finishReason), prompt));
            }
        }

        var completionTokens = choices.Sum(c => TokenCounter.Count(c.Choice.Text));
        var cost = completion.PromptTokens + ((long)completion.MaxTokens * completion.N * completion.Prompts.Count);
        var usage = new UsageCounts(completion.PromptTokens, completionTokens);
        var id = EmulatorIds.ObjectId("cmpl-", request.Sequence);
        var created = request.ReceivedAt.ToUnixTimeSeconds();
        var plan = GeneratedAnswer.Plan(
            Emulator.RateLimits,
            completion.Model,
            cost,
            request.ReceivedAt,
            completion.Stream,
            () => CompletionsResponseWriter.CompletionChunks(completion, id, created, choices, usage),
            () => CompletionsResponseWriter.Completion(completion, id, created, choices, usage));
        return ValueTask.FromResult(plan);
    }
}
