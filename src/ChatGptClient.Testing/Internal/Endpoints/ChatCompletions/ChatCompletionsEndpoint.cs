using System.Text;
using System.Text.Json;

namespace ChatGpt.Testing.Internal;

/// <summary><c>POST /v1/chat/completions</c>, streamed or not: validates the request, generates the choices (scripted
/// text or tool call, a tool the user mentions, or the <see cref="Responder"/> rules; structured outputs follow the
/// schema), applies the rate limits and writes the answer.</summary>
internal sealed class ChatCompletionsEndpoint : EmulatorEndpoint
{
    public ChatCompletionsEndpoint(ChatGptEmulator emulator)
        : base(emulator)
    {
    }

    public override IReadOnlyList<EmulatorRoute> Routes { get; } = [new("POST", "/v1/chat/completions", RequestBodyKind.Json)];

    /// <summary>The body parameters accepted (others get 400 unless <see cref="ChatGptEmulator.AllowUnknownParameters"/>).</summary>
    public static IReadOnlyCollection<string> AcceptedParameters => ChatCompletionsRequestValidator.AcceptedParameters;

    public override ValueTask<ResponsePlan> HandleAsync(EndpointRequest request, CancellationToken cancellationToken)
    {
        var chat = ChatCompletionsRequestValidator.ReadChat(request.Json, Emulator.AllowUnknownParameters);
        EmulatorModels.CheckAccepted(Emulator, chat.Model);
        chat.PromptTokens = CountPrompt(chat);
        var choices = Generate(chat, request.Script, request.Sequence);
        var completionTokens = choices.Sum(c => c.HasToolCalls ? c.ToolCalls.Sum(t => 3 + TokenCounter.Count(t.Name) + TokenCounter.Count(t.Arguments)) : TokenCounter.Count(c.Text));
        var cost = chat.PromptTokens + (chat.MaxTokens is int max ? (long)max * chat.N : completionTokens);
        var usage = new UsageCounts(chat.PromptTokens, completionTokens);
        var id = EmulatorIds.ObjectId("chatcmpl-", request.Sequence);
        var created = request.ReceivedAt.ToUnixTimeSeconds();
        var plan = GeneratedAnswer.Plan(
            Emulator.RateLimits,
            chat.Model,
            cost,
            request.ReceivedAt,
            chat.Stream,
            () => ChatCompletionsResponseWriter.ChatCompletionChunks(chat, id, created, choices, usage),
            () => ChatCompletionsResponseWriter.ChatCompletion(chat, id, created, choices, usage));
        return ValueTask.FromResult(plan);
    }

    private static int CountPrompt(ParsedChatRequest request)
    {
        // OpenAI's documented estimate: 3 tokens of framing per message (+1 per name), 3 to prime the reply.
        var total = 3;
        foreach (var message in request.Messages)
        {
            total += 3 + TokenCounter.Count(message.Role) + TokenCounter.Count(message.Text);
            if (message.Name is not null)
            {
                total += 1 + TokenCounter.Count(message.Name);
            }

            foreach (var call in message.ToolCalls)
            {
                total += 3 + TokenCounter.Count(call.Name) + TokenCounter.Count(call.Arguments);
            }
        }

        foreach (var tool in request.Tools)
        {
            total += 8 + TokenCounter.Count(tool.Name) + TokenCounter.Count(tool.Description) + TokenCounter.Count(tool.Parameters?.GetRawText());
        }

        return total;
    }

    private static List<ChoiceResult> Generate(ParsedChatRequest request, EmulatorResponse? script, long sequence)
    {
        var choices = new List<ChoiceResult>(request.N);
        var last = request.Messages[^1];
        List<ToolCallResult>? toolCalls = null;
        string? text = null;
        var finish = "stop";
        if (script?.Kind == EmulatorResponseKind.ToolCall)
        {
            toolCalls = [new ToolCallResult(EmulatorIds.ObjectId("call_", sequence), script.ToolName!, script.ToolArguments!)];
        }
        else if (script?.Kind == EmulatorResponseKind.Text)
        {
            text = script.Content!;
            finish = script.FinishReason!;
        }
        else if (ToolPlanner.ChooseTools(request) is { Count: > 0 } tools)
        {
            toolCalls = [.. tools.Select((tool, i) => new ToolCallResult(EmulatorIds.ObjectId("call_", (sequence * 100) + i), tool.Name, ToolPlanner.BuildArguments(tool, last.Text)))];
        }
        else
        {
            text = last.Role == "tool" ? AnswerFromTools(request) : Responder.Reply(LastUserText(request), request.Model);
            text = request.ResponseFormat switch
            {
                "json_object" => Encoding.UTF8.GetString(ResponseWriter.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("response", text);
                    w.WriteEndObject();
                })),
                "json_schema" when request.ResponseSchema is JsonElement schema => ToolPlanner.BuildJson(schema, text),
                _ => text,
            };
        }

        for (var i = 0; i < request.N; i++)
        {
            if (toolCalls is not null)
            {
                choices.Add(new ChoiceResult(i, null, toolCalls, "tool_calls"));
            }
            else
            {
                var limited = TextLimits.Apply(text!, request.Stop, request.MaxTokens, finish, out var finishReason);
                choices.Add(new ChoiceResult(i, limited, [], finishReason));
            }
        }

        return choices;
    }

    private static string LastUserText(ParsedChatRequest request)
    {
        for (var i = request.Messages.Count - 1; i >= 0; i--)
        {
            if (request.Messages[i].Role == "user")
            {
                return request.Messages[i].Text;
            }
        }

        return request.Messages[^1].Text;
    }

    private static string AnswerFromTools(ParsedChatRequest request)
    {
        // The trailing tool messages answer calls of an earlier assistant message: name each result by its function.
        var names = request.Messages.SelectMany(m => m.ToolCalls).GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.Last().Name, StringComparer.Ordinal);
        var results = new List<(string Name, string Result)>();
        for (var i = request.Messages.Count - 1; i >= 0 && request.Messages[i].Role == "tool"; i--)
        {
            var message = request.Messages[i];
            var name = message.ToolCallId is not null && names.TryGetValue(message.ToolCallId, out var n) ? n : "the tool";
            results.Insert(0, (name, message.Text));
        }

        return Responder.AnswerFromTools(results);
    }
}
