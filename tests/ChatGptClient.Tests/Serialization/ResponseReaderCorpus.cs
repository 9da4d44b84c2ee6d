namespace ChatGpt.Tests.Serialization;

/// <summary>
/// JSON documents that the hand-written response readers and the source-generated contract must read alike: the
/// spec's examples, every field with a distinguishing value, nulls, unknown properties, and the odd shapes servers send.
/// </summary>
internal static class ResponseReaderCorpus
{
    /// <summary>Every field of a chat completion set, each to a value that differs from its default.</summary>
    public const string CompletionWithEveryField = """
        {"id":"chatcmpl-all","object":"chat.completion","created":1741569952,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_44709d6fcb","service_tier":"priority",
         "choices":[
          {"index":3,"finish_reason":"tool_calls",
           "message":{"role":"assistant","content":"Hello there","refusal":"I can't","name":"helper","tool_call_id":"call_0",
            "tool_calls":[
              {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
              {"id":"call_2","type":"custom","custom":{"name":"sql","input":"SELECT 1"}}],
            "annotations":[{"type":"url_citation","url_citation":{"start_index":21,"end_index":34,"url":"https://example.com/weather","title":"Weather"}}],
            "audio":{"id":"audio_abc123","data":"UklGRg==","expires_at":1729018505,"transcript":"Hello there!"},
            "function_call":{"name":"legacy_fn","arguments":"{}"}},
           "logprobs":{
            "content":[{"token":"Hello","logprob":-0.31725305,"bytes":[72,101,108,108,111],"top_logprobs":[{"token":"Hello","logprob":-0.31725305,"bytes":[72,101,108,108,111]},{"token":"Hi","logprob":-1.3190403,"bytes":[72,105]}]}],
            "refusal":[{"token":"I","logprob":-0.02,"bytes":[73],"top_logprobs":[{"token":"I","logprob":-0.02,"bytes":[73]}]}]}},
          {"index":1,"finish_reason":"length","logprobs":null,
           "message":{"role":"assistant","content":[{"type":"text","text":"a part"}]}}],
         "usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,
          "prompt_tokens_details":{"cached_tokens":3,"audio_tokens":4,"text_tokens":5,"image_tokens":6,"cache_write_tokens":7},
          "completion_tokens_details":{"reasoning_tokens":1,"audio_tokens":2,"accepted_prediction_tokens":3,"rejected_prediction_tokens":4,"text_tokens":5}},
         "moderation":{
          "input":{"type":"moderation","model":"omni-moderation-latest","results":[{"type":"text","model":"omni-moderation-latest","flagged":true,"categories":{"violence":true},"category_scores":{"violence":0.91},"category_applied_input_types":{"violence":["text"]}}]},
          "output":{"type":"error","code":"moderation_unavailable","message":"Try again."}},
         "metadata":{"user":"u-1"}}
        """;

    /// <summary>Every field of a chunk set, each to a value that differs from its default.</summary>
    public const string ChunkWithEveryField = """
        {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","system_fingerprint":"fp_44709d6fcb","service_tier":"flex","obfuscation":"r4N7vQ2m",
         "choices":[{"index":2,"finish_reason":"content_filter",
           "delta":{"role":"assistant","content":"Hel","refusal":"No",
            "tool_calls":[{"index":1,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"ci"}}],
            "function_call":{"name":"legacy_fn","arguments":"{}"}},
           "logprobs":{"content":[{"token":"Hel","logprob":-0.5,"bytes":[72,101,108],"top_logprobs":[{"token":"Hel","logprob":-0.5,"bytes":[72,101,108]}]}],"refusal":[{"token":"No","logprob":-3.5,"bytes":null,"top_logprobs":[]}]}}],
         "usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,
          "prompt_tokens_details":{"cached_tokens":3,"audio_tokens":4,"text_tokens":5,"image_tokens":6,"cache_write_tokens":7},
          "completion_tokens_details":{"reasoning_tokens":1,"audio_tokens":2,"accepted_prediction_tokens":3,"rejected_prediction_tokens":4,"text_tokens":5}},
         "moderation":{"input":{"type":"moderation","model":"omni-moderation-latest","results":[{"type":"text","model":"omni-moderation-latest","flagged":false,"categories":{"violence":false},"category_scores":{"violence":0.01},"category_applied_input_types":{"violence":["text"]}}]},"output":null},
         "error":{"message":"The server had an error.","type":"server_error","code":null,"param":null}}
        """;

    /// <summary>Chat completions, by name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Completions = new Dictionary<string, string>
    {
        ["every field"] = CompletionWithEveryField,

        // The examples of the spec (openai-openapi.yaml, createChatCompletion and getChatCompletion).
        ["spec: default"] = """
            {"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion","created":1741569952,"model":"gpt-5.4",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I assist you today?","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},
              "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},
             "service_tier":"default"}
            """,
        ["spec: functions"] = """
            {"id":"chatcmpl-abc123","object":"chat.completion","created":1699896916,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_abc123","type":"function","function":{"name":"get_current_weather","arguments":"{\n\"location\": \"Boston, MA\"\n}"}}]},"logprobs":null,"finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":82,"completion_tokens":17,"total_tokens":99,"completion_tokens_details":{"reasoning_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}
            """,
        ["spec: logprobs"] = """
            {"id":"chatcmpl-123","object":"chat.completion","created":1702685778,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I assist you today?"},
               "logprobs":{"content":[
                {"token":"Hello","logprob":-0.31725305,"bytes":[72,101,108,108,111],"top_logprobs":[{"token":"Hello","logprob":-0.31725305,"bytes":[72,101,108,108,111]},{"token":"Hi","logprob":-1.3190403,"bytes":[72,105]}]},
                {"token":"!","logprob":-0.02380986,"bytes":[33],"top_logprobs":[{"token":"!","logprob":-0.02380986,"bytes":[33]},{"token":" there","logprob":-3.787621,"bytes":[32,116,104,101,114,101]}]},
                {"token":" today","logprob":-0.000012828,"bytes":[32,116,111,100,97,121],"top_logprobs":[{"token":" today","logprob":-0.000012828,"bytes":[32,116,111,100,97,121]},{"token":"?","logprob":-11.56,"bytes":[63]}]}
               ]},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":9,"completion_tokens":9,"total_tokens":18,"completion_tokens_details":{"reasoning_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},
             "system_fingerprint":null}
            """,
        ["spec: stored completion"] = """
            {"object":"chat.completion","id":"chatcmpl-abc123","model":"gpt-4o-2024-08-06","created":1738960610,"request_id":"req_ded8ab984ec4bf840f37566c1011c417","tool_choice":null,
             "usage":{"total_tokens":31,"completion_tokens":18,"prompt_tokens":13},"seed":4944116822809979520,"top_p":1.0,"temperature":1.0,"presence_penalty":0.0,"frequency_penalty":0.0,
             "system_fingerprint":"fp_50cad350e4","input_user":null,"service_tier":"default","tools":null,"metadata":{"foo":"bar"},
             "choices":[{"index":0,"message":{"content":"Mind of circuits hum,  \nLearning patterns in silence—  \nFuture's quiet spark.","role":"assistant","tool_calls":null,"function_call":null},"finish_reason":"stop","logprobs":null}],
             "response_format":null}
            """,
        ["spec: stored completion, empty metadata"] = """
            {"object":"chat.completion","id":"chatcmpl-abc123","model":"gpt-4o-2024-08-06","created":1738960610,"usage":{"total_tokens":31,"completion_tokens":18,"prompt_tokens":13},
             "service_tier":"default","tools":null,"metadata":{},"choices":[{"index":0,"message":{"content":"x","role":"assistant","tool_calls":null,"function_call":null},"finish_reason":"stop","logprobs":null}]}
            """,

        ["refusal"] = """
            {"id":"chatcmpl-r","object":"chat.completion","created":1741570283,"model":"gpt-4o",
             "choices":[{"index":0,"finish_reason":"stop","logprobs":{"content":null,"refusal":[{"token":"I'm","logprob":-0.1,"bytes":[73,39,109],"top_logprobs":[]}]},
               "message":{"role":"assistant","content":null,"refusal":"I'm sorry, I can't help with that.","annotations":[]}}]}
            """,
        ["custom tool call"] = """
            {"id":"chatcmpl-c","object":"chat.completion","created":1741570283,"model":"gpt-5",
             "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_3","type":"custom","custom":{"name":"sql","input":"SELECT 1"}}]}}]}
            """,
        ["null for every nullable field"] = """
            {"id":null,"object":null,"created":1741570283,"model":null,"system_fingerprint":null,"service_tier":null,"usage":null,"moderation":null,"metadata":null,
             "choices":[
              {"index":0,"finish_reason":null,"logprobs":null,
               "message":{"role":"assistant","content":null,"refusal":null,"name":null,"tool_call_id":null,"tool_calls":null,"annotations":null,"audio":null,"function_call":null}},
              {"index":1,"message":null},
              null,
              {"index":2,"message":{"role":"assistant","tool_calls":[null,{"id":null,"type":null,"function":null,"custom":null},{"id":"c","function":{"name":null,"arguments":null},"custom":{"name":null,"input":null}}],
                "annotations":[null,{"type":null,"url_citation":null},{"type":"url_citation","url_citation":{"url":null,"title":null}}],
                "audio":{"id":null,"data":null,"expires_at":null,"transcript":null}},
               "logprobs":{"content":null,"refusal":null}}]}
            """,
        ["null choices and details"] = """
            {"id":"x","choices":null,"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3,"prompt_tokens_details":{"cached_tokens":null,"audio_tokens":null,"text_tokens":null,"image_tokens":null,"cache_write_tokens":null},
              "completion_tokens_details":{"reasoning_tokens":null,"audio_tokens":null,"accepted_prediction_tokens":null,"rejected_prediction_tokens":null,"text_tokens":null}}}
            """,
        ["only choices"] = """{"choices":[]}""",
        ["service tier: unknown, empty, every known one"] = """
            {"choices":[{"index":0,"finish_reason":"a_new_reason"},{"index":1,"finish_reason":""},{"index":2,"finish_reason":"function_call"}],"service_tier":"turbo"}
            """,
        ["service tier: empty"] = """{"choices":[],"service_tier":""}""",
        ["service tier: auto"] = """{"choices":[],"service_tier":"auto"}""",
        ["service tier: flex"] = """{"choices":[],"service_tier":"flex"}""",
        ["service tier: scale"] = """{"choices":[],"service_tier":"scale"}""",
        ["service tier: fast"] = """{"choices":[],"service_tier":"fast"}""",
        ["role: every known one, unknown, empty"] = """
            {"choices":[{"message":{"role":"user"}},{"message":{"role":"system"}},{"message":{"role":"tool"}},{"message":{"role":"developer"}},{"message":{"role":"function"}},{"message":{"role":"critic"}},{"message":{"role":""}},{"message":{}}]}
            """,
        ["fractional timestamp"] = """{"created":1741570283.25,"choices":[]}""",
        ["escaped names and values"] = """
            {"\u0069d":"chat\u0063mpl","m\u006fdel":"gpt-\u00e9","choices":[{"ind\u0065x":0,"message":{"r\u006fle":"assist\u0061nt","content":"caf\u00e9 \ud83d\ude00"}}],"service_tier":"pri\u006frity"}
            """,
        ["duplicate properties: the last wins"] = """
            {"id":"first","id":"second","choices":[{"index":0,"index":1,"message":{"content":"a","content":null}}],"choices":[{"index":5}]}
            """,
        ["unknown properties at every level"] = """
            {"zz":{"a":[1,{"b":null}],"c":"d"},"id":"u","choices":[{"zz":[[],[{}]],"index":0,"message":{"zz":{"x":{"y":[true,false]}},"role":"assistant","content":"hi",
              "tool_calls":[{"zz":1,"id":"c","type":"function","function":{"zz":"q","name":"f","arguments":"{}"},"custom":{"zz":{},"name":"n","input":"i"}}],
              "annotations":[{"zz":null,"type":"url_citation","url_citation":{"zz":[1,2],"start_index":1,"end_index":2,"url":"u","title":"t"}}],
              "audio":{"zz":{},"id":"a","data":"d","expires_at":1,"transcript":"t"},"function_call":{"zz":[],"name":"n","arguments":"{}"}},
              "logprobs":{"zz":{},"content":[{"zz":1,"token":"a","logprob":-1,"bytes":[97],"top_logprobs":[{"zz":2,"token":"a","logprob":-1,"bytes":[97]}]}]}}],
             "usage":{"zz":{"n":[1]},"prompt_tokens":1,"completion_tokens":1,"total_tokens":2,"prompt_tokens_details":{"zz":[],"cached_tokens":1},"completion_tokens_details":{"zz":"s","reasoning_tokens":1}},
             "moderation":{"zz":1,"input":{"zz":[],"type":"moderation","results":[{"zz":{},"flagged":true}]}},"metadata":{"k":"v"},"content":"top-level ignored","refusal":"ignored","finish_reason":"ignored","tool_calls":[],"response_info":{}}
            """,
        ["content parts"] = """
            {"choices":[{"index":0,"message":{"role":"assistant","content":[{"type":"text","text":"one"},{"type":"refusal","refusal":"no"}]}}]}
            """,
        ["whitespace and large numbers"] = """
            {
              "id" : "w" ,
              "created" : 4102444800 ,
              "choices" : [ { "index" : 2147483647 , "message" : { "role" : "assistant" , "content" : "" } } ] ,
              "usage" : { "prompt_tokens" : 2147483647 , "completion_tokens" : -1 , "total_tokens" : 0 }
            }
            """,
    };

    /// <summary>Stream chunks, by name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Chunks = new Dictionary<string, string>
    {
        ["every field"] = ChunkWithEveryField,

        // The examples of the spec (createChatCompletion streaming, and the chunk object).
        ["spec: first"] = """{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini", "system_fingerprint": "fp_44709d6fcb", "choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}""",
        ["spec: content"] = """{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini", "system_fingerprint": "fp_44709d6fcb", "choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}]}""",
        ["spec: last"] = """{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini", "system_fingerprint": "fp_44709d6fcb", "choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}""",
        ["spec: obfuscation"] = """{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini", "system_fingerprint": "fp_44709d6fcb", "choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}],"obfuscation":"p9K3xT6w"}""",
        ["spec: empty obfuscation"] = """{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini", "system_fingerprint": "fp_44709d6fcb", "choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"obfuscation":""}""",

        ["usage only, empty choices"] = """
            {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_44709d6fcb","choices":[],
             "usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}
            """,
        ["error object"] = """{"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}""",
        ["error string"] = """{"error":"overloaded"}""",
        ["error with choices"] = """{"id":"c","choices":[],"error":{"message":"m","code":500,"details":[{"a":1}]}}""",
        ["error null"] = """{"id":"c","choices":[],"error":null}""",
        ["tool call fragments"] = """
            {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}},{"index":1,"function":{"arguments":"{\"ci"}}]},"finish_reason":null}]}
            """,
        ["refusal fragment"] = """{"id":"c","choices":[{"index":0,"delta":{"refusal":"I can't"},"finish_reason":null}]}""",
        ["null for every nullable field"] = """
            {"id":null,"object":null,"created":1,"model":null,"system_fingerprint":null,"service_tier":null,"obfuscation":null,"usage":null,"moderation":null,"error":null,
             "choices":[{"index":0,"delta":{"role":null,"content":null,"refusal":null,"tool_calls":null,"function_call":null},"finish_reason":null,"logprobs":null},
              {"index":1,"delta":null},null,
              {"index":2,"delta":{"tool_calls":[null,{"index":0,"id":null,"type":null,"function":null},{"index":1,"function":{"name":null,"arguments":null}}],"function_call":{"name":null,"arguments":null}}}]}
            """,
        ["choices null"] = """{"id":"c","choices":null}""",
        ["empty object"] = """{}""",
        ["role: every known one, unknown, empty"] = """
            {"choices":[{"delta":{"role":"user"}},{"delta":{"role":"system"}},{"delta":{"role":"tool"}},{"delta":{"role":"developer"}},{"delta":{"role":"critic"}},{"delta":{"role":""}}]}
            """,
        ["unknown properties at every level"] = """
            {"zz":{"a":[1,{"b":null}]},"id":"u","choices":[{"zz":[[]],"index":0,"delta":{"zz":{"x":[1]},"role":"assistant","content":"hi","tool_calls":[{"zz":1,"index":0,"id":"c","type":"function","function":{"zz":"q","name":"f","arguments":"{}"}}],"function_call":{"zz":[],"name":"n"}},"logprobs":{"zz":1,"content":[]}}],
             "usage":{"zz":{"n":[1]},"prompt_tokens":1,"completion_tokens":1,"total_tokens":2,"prompt_tokens_details":{"zz":[],"cached_tokens":1},"completion_tokens_details":{"zz":"s","reasoning_tokens":1}},"content_delta":"ignored","response_info":{}}
            """,
        ["escaped names"] = """{"\u0069d":"c","ch\u006fices":[{"d\u0065lta":{"c\u006fntent":"\u00e9"}}]}""",
    };
}
