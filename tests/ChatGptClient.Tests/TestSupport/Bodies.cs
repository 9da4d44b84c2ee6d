namespace ChatGpt.Tests.TestSupport;

/// <summary>Realistic response bodies, including fields the library does not model.</summary>
internal static class Bodies
{
    public const string ChatCompletion = """
        {
          "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
          "object": "chat.completion",
          "created": 1741569952,
          "model": "gpt-4.1-2025-04-14",
          "choices": [
            {
              "index": 0,
              "message": {
                "role": "assistant",
                "content": "Hello! How can I assist you today?",
                "refusal": null,
                "annotations": [],
                "some_future_field": {"nested": [1, 2, 3]}
              },
              "logprobs": null,
              "finish_reason": "stop"
            }
          ],
          "usage": {
            "prompt_tokens": 19,
            "completion_tokens": 10,
            "total_tokens": 29,
            "prompt_tokens_details": { "cached_tokens": 0, "audio_tokens": 0 },
            "completion_tokens_details": { "reasoning_tokens": 0, "audio_tokens": 0, "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0 }
          },
          "service_tier": "default",
          "system_fingerprint": "fp_abc123",
          "a_field_added_next_year": true
        }
        """;

    public const string ToolCallCompletion = """
        {
          "id": "chatcmpl-tool",
          "object": "chat.completion",
          "created": 1699896916,
          "model": "gpt-4o-mini",
          "choices": [
            {
              "index": 0,
              "message": {
                "role": "assistant",
                "content": null,
                "tool_calls": [
                  { "id": "call_abc123", "type": "function", "function": { "name": "get_current_weather", "arguments": "{\n\"location\": \"Boston, MA\"\n}" } }
                ]
              },
              "logprobs": null,
              "finish_reason": "tool_calls"
            }
          ],
          "usage": { "prompt_tokens": 82, "completion_tokens": 17, "total_tokens": 99 }
        }
        """;

    public const string Completion = """
        {
          "id": "cmpl-uqkvlQyYK7bGYrRHQ0eXlWi7",
          "object": "text_completion",
          "created": 1589478378,
          "model": "gpt-3.5-turbo-instruct",
          "system_fingerprint": "fp_44709d6fcb",
          "choices": [
            { "text": "\n\nThis is indeed a test", "index": 0, "logprobs": null, "finish_reason": "length" }
          ],
          "usage": { "prompt_tokens": 5, "completion_tokens": 7, "total_tokens": 12 }
        }
        """;

    public const string Models = """
        {
          "object": "list",
          "data": [
            { "id": "model-id-0", "object": "model", "created": 1686935002, "owned_by": "organization-owner" },
            { "id": "model-id-1", "object": "model", "created": 1686935002, "owned_by": "organization-owner", "shutdown_date": null }
          ]
        }
        """;

    public const string RateLimitError = """
        {"error":{"message":"Rate limit reached for gpt-4o-mini in organization org-x on requests per min (RPM): Limit 3, Used 3, Requested 1.","type":"requests","param":null,"code":"rate_limit_exceeded"}}
        """;

    public const string InvalidRequestError = """
        {"error":{"message":"'temperature' must be between 0 and 2.","type":"invalid_request_error","param":"temperature","code":"invalid_value"}}
        """;
}
