namespace ChatGpt.Diagnostics.Internal;

/// <summary>Attribute names of the OpenTelemetry GenAI semantic conventions (and the few general ones they use).</summary>
internal static class GenAiAttributes
{
    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";

    /// <summary>The older name of <see cref="ProviderName"/>, still read by many collectors and dashboards.</summary>
    public const string System = "gen_ai.system";
    public const string RequestModel = "gen_ai.request.model";
    public const string RequestMaxTokens = "gen_ai.request.max_tokens";
    public const string RequestTemperature = "gen_ai.request.temperature";
    public const string RequestTopP = "gen_ai.request.top_p";
    public const string RequestFrequencyPenalty = "gen_ai.request.frequency_penalty";
    public const string RequestPresencePenalty = "gen_ai.request.presence_penalty";
    public const string RequestStopSequences = "gen_ai.request.stop_sequences";
    public const string RequestSeed = "gen_ai.request.seed";
    public const string RequestChoiceCount = "gen_ai.request.choice.count";
    public const string OutputType = "gen_ai.output.type";
    public const string ResponseId = "gen_ai.response.id";
    public const string ResponseModel = "gen_ai.response.model";
    public const string ResponseFinishReasons = "gen_ai.response.finish_reasons";
    public const string ResponseTimeToFirstChunk = "gen_ai.response.time_to_first_chunk";
    public const string UsageInputTokens = "gen_ai.usage.input_tokens";
    public const string UsageOutputTokens = "gen_ai.usage.output_tokens";
    public const string TokenType = "gen_ai.token.type";
    public const string InputMessages = "gen_ai.input.messages";
    public const string OutputMessages = "gen_ai.output.messages";
    public const string OpenAIRequestServiceTier = "openai.request.service_tier";
    public const string OpenAIResponseServiceTier = "openai.response.service_tier";
    public const string OpenAIResponseSystemFingerprint = "openai.response.system_fingerprint";

    /// <summary>Not in the conventions: the provider's <c>x-request-id</c>, which support asks for.</summary>
    public const string OpenAIResponseRequestId = "openai.response.request_id";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string ErrorType = "error.type";
    public const string HttpResponseStatusCode = "http.response.status_code";
    public const string HttpRequestMethod = "http.request.method";

    public const string ProviderOpenAI = "openai";
    public const string TokenTypeInput = "input";
    public const string TokenTypeOutput = "output";
}
