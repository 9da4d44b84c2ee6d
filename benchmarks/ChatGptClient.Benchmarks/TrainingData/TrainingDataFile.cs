using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChatGpt.Benchmarks.TrainingData;

/// <summary>
/// Writes a chat fine-tuning JSONL file of realistic customer-service examples, the same bytes for a given size on every
/// run: a few system prompts shared across examples (as real files have), questions and answers of varied length and
/// vocabulary (so the tokenizer's cache does not answer for it), one example in eight with a tool list, a tool call and
/// its result, one in six with a second turn, names, order numbers, prices and the odd non-ASCII word.
/// </summary>
internal static class TrainingDataFile
{
    private static readonly string[] s_systemPrompts =
    [
        "You are Acme's friendly customer-service assistant. Answer briefly and precisely, and never promise a refund you cannot give.",
        "You are the support assistant of Northwind Outdoor. Be warm, concise and accurate; ask for the order number when you need it.",
        "You answer questions about Contoso Bank's cards and accounts. Never ask for a full card number or a PIN. Keep answers under 120 words.",
        "You are Fabrikam Home's assistant for deliveries, returns and warranties. Use the customer's name when they give it.",
    ];

    private static readonly string[] s_words =
    [
        "order", "parcel", "delivery", "refund", "return", "warranty", "invoice", "account", "password", "address", "courier",
        "damaged", "missing", "late", "tracking", "number", "shipping", "express", "standard", "store", "credit", "voucher",
        "exchange", "size", "colour", "replacement", "label", "pickup", "weekend", "Monday", "Tuesday", "Friday", "morning",
        "please", "could", "would", "should", "thanks", "sorry", "help", "need", "want", "arrived", "broken", "cracked",
        "screen", "battery", "charger", "jacket", "boots", "tent", "kettle", "blender", "sofa", "mattress", "lamp", "desk",
        "the", "a", "an", "my", "your", "our", "it", "is", "was", "has", "have", "been", "not", "yet", "still", "already",
        "when", "where", "why", "how", "what", "which", "can", "will", "do", "does", "did", "to", "from", "for", "with",
        "on", "in", "at", "by", "about", "after", "before", "since", "until", "and", "or", "but", "so", "because", "if",
        "subscription", "cancel", "renew", "upgrade", "downgrade", "plan", "monthly", "yearly", "discount", "promotion",
        "café", "naïve", "Zürich", "München", "garantía", "envío", "déjà", "façade", "smörgåsbord", "jalapeño",
        "checkout", "payment", "declined", "pending", "charged", "twice", "statement", "balance", "transfer", "limit",
        "assemble", "instructions", "screws", "manual", "model", "serial", "receipt", "photo", "email", "phone", "chat",
    ];

    private static readonly string[] s_names = ["Alice", "Bob", "Chen", "Dara", "Emeka", "Fatima", "Gustavo", "Hana", "Ivan", "Jun"];

    private const string ToolsJson = """[{"type":"function","function":{"name":"get_order_status","description":"Looks up an order's status and expected delivery date.","parameters":{"type":"object","properties":{"order_id":{"type":"string","description":"The order number, e.g. A-12345."}},"required":["order_id"]}}},{"type":"function","function":{"name":"start_return","description":"Opens a return for an order line and emails a label.","parameters":{"type":"object","properties":{"order_id":{"type":"string"},"line":{"type":"integer"},"reason":{"type":"string","enum":["damaged","wrong_item","not_needed"]}},"required":["order_id","line","reason"]}}}]""";

    /// <summary>Writes examples to <paramref name="path"/> until the file holds at least <paramref name="targetBytes"/> bytes.</summary>
    /// <returns>The file's length and example count.</returns>
    public static (long Bytes, int Examples) Write(string path, long targetBytes)
    {
        var random = new Random(20261206);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var tools = JsonDocument.Parse(ToolsJson);
        var examples = 0;
        while (file.Length < targetBytes)
        {
            using (var writer = new Utf8JsonWriter(file))
            {
                WriteExample(writer, random, examples, tools.RootElement);
            }

            file.WriteByte((byte)'\n');
            examples++;
        }

        return (file.Length, examples);
    }

    private static void WriteExample(Utf8JsonWriter writer, Random random, int index, JsonElement tools)
    {
        var withTools = index % 8 == 3;
        writer.WriteStartObject();
        writer.WriteStartArray("messages");
        Message(writer, "system", s_systemPrompts[random.Next(s_systemPrompts.Length)]);
        var name = random.Next(4) == 0 ? s_names[random.Next(s_names.Length)] : null;
        Message(writer, "user", Question(random), name);
        if (withTools)
        {
            var orderId = OrderId(random);
            writer.WriteStartObject();
            writer.WriteString("role", "assistant");
            writer.WriteStartArray("tool_calls");
            writer.WriteStartObject();
            writer.WriteString("id", "call_" + random.Next(100_000_000).ToString("D8", CultureInfo.InvariantCulture));
            writer.WriteString("type", "function");
            writer.WriteStartObject("function");
            writer.WriteString("name", "get_order_status");
            writer.WriteString("arguments", $$"""{"order_id":"{{orderId}}"}""");
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteStartObject();
            writer.WriteString("role", "tool");
            writer.WriteString("tool_call_id", "call_1");
            writer.WriteString("content", $$"""{"order_id":"{{orderId}}","status":"in_transit","expected":"2026-12-{{random.Next(10, 28)}}"}""");
            writer.WriteEndObject();
        }

        Message(writer, "assistant", Answer(random));
        if (random.Next(6) == 0)
        {
            Message(writer, "user", Question(random), name);
            Message(writer, "assistant", Answer(random), weight: random.Next(2));
        }

        writer.WriteEndArray();
        if (withTools)
        {
            writer.WritePropertyName("tools");
            tools.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    private static void Message(Utf8JsonWriter writer, string role, string content, string? name = null, int? weight = null)
    {
        writer.WriteStartObject();
        writer.WriteString("role", role);
        writer.WriteString("content", content);
        if (name is not null)
        {
            writer.WriteString("name", name);
        }

        if (weight is { } w)
        {
            writer.WriteNumber("weight", w);
        }

        writer.WriteEndObject();
    }

    private static string Question(Random random) => Sentences(random, random.Next(1, 4), 6, 22) + "?";

    private static string Answer(Random random) => Sentences(random, random.Next(2, 9), 8, 28) + ".";

    private static string Sentences(Random random, int count, int minWords, int maxWords)
    {
        var text = new StringBuilder();
        for (var s = 0; s < count; s++)
        {
            if (s > 0)
            {
                text.Append(random.Next(5) == 0 ? "\n\n" : " ");
            }

            var words = random.Next(minWords, maxWords);
            for (var w = 0; w < words; w++)
            {
                if (w > 0)
                {
                    text.Append(random.Next(12) == 0 ? ", " : " ");
                }

                var roll = random.Next(40);
                var word = roll switch
                {
                    0 => OrderId(random),
                    1 => "$" + random.Next(5, 900).ToString(CultureInfo.InvariantCulture) + "." + random.Next(100).ToString("D2", CultureInfo.InvariantCulture),
                    2 => random.Next(1, 31).ToString(CultureInfo.InvariantCulture),
                    _ => s_words[random.Next(s_words.Length)],
                };
                text.Append(w == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
            }

            if (s < count - 1)
            {
                text.Append('.');
            }
        }

        return text.ToString();
    }

    private static string OrderId(Random random) => "A-" + random.Next(10_000, 99_999).ToString(CultureInfo.InvariantCulture);
}
