using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ChatGpt.Testing.Internal;

/// <summary>
/// Writes a JSON instance that validates against a JSON Schema, for the subset structured outputs support: <c>$ref</c>
/// to <c>$defs</c> / <c>definitions</c> and recursive <c>#</c> references, <c>anyOf</c>, <c>enum</c>, <c>const</c>,
/// <c>type</c> arrays with <c>null</c>, <c>pattern</c>, <c>format</c>, <c>minimum</c> / <c>maximum</c> (exclusive too),
/// <c>multipleOf</c>, <c>minLength</c> / <c>maxLength</c>, <c>minItems</c> / <c>maxItems</c>, <c>required</c>,
/// <c>additionalProperties</c>.
/// </summary>
/// <remarks>
/// <para>Values come from the emulated answer: strings are its text (fitted to the length bounds), numbers the first
/// number in it (moved into the bounds and onto <c>multipleOf</c>), so the instance reads like an answer while it stays
/// valid. Formats get fixed samples, patterns a generated match (<see cref="RegexSampler"/>).</para>
/// <para>Recursion is bounded: a reference is expanded <see cref="ExpandDepth"/> times along a path; deeper, only what
/// the schema requires is written, and each choice (an <c>anyOf</c> branch, a type, an array length) takes the cheapest
/// option that ends, as computed by <see cref="Cost"/> (null, empty arrays, fewest required properties).</para>
/// </remarks>
internal sealed class SchemaInstanceGenerator
{
    /// <summary>How many times a reference is expanded along one path before only required content is written.</summary>
    public const int ExpandDepth = 3;

    private const int MaxDepth = 64;
    private const int Infinite = int.MaxValue / 4;

    private readonly JsonElement _root;
    private readonly string _text;
    private readonly double? _number;

    private SchemaInstanceGenerator(JsonElement root, string text, double? number)
    {
        _root = root;
        _text = text;
        _number = number;
    }

    /// <summary>An instance of <paramref name="schema"/> as compact JSON text.</summary>
    public static string Generate(JsonElement schema, string text, double? number)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonFormat.WriterOptions))
        {
            new SchemaInstanceGenerator(schema, text, number).WriteValue(writer, schema, depth: 0, refDepth: 0);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static int Add(int a, int b) => Math.Min(Infinite, a + b);

    private static bool HasArray(JsonElement schema, string name, out JsonElement array) =>
        schema.TryGetProperty(name, out array) && array.ValueKind == JsonValueKind.Array && array.GetArrayLength() > 0;

    private static int? Integer(JsonElement schema, string name) =>
        schema.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? (int)Math.Clamp(number, 0, int.MaxValue)
            : null;

    private static decimal? Decimal(JsonElement schema, string name) =>
        schema.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) ? number : null;

    private static string? String(JsonElement schema, string name) =>
        schema.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The schema's types: its <c>type</c> (string or array), or the one its keywords imply.</summary>
    private static List<string> Types(JsonElement schema)
    {
        var types = new List<string>();
        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                types.Add(type.GetString()!);
            }
            else if (type.ValueKind == JsonValueKind.Array)
            {
                types.AddRange(type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!));
            }
        }

        if (types.Count == 0)
        {
            types.Add(
                schema.TryGetProperty("properties", out _) || schema.TryGetProperty("required", out _) || schema.TryGetProperty("additionalProperties", out _) ? "object"
                : schema.TryGetProperty("items", out _) || schema.TryGetProperty("prefixItems", out _) ? "array"
                : schema.TryGetProperty("minimum", out _) || schema.TryGetProperty("maximum", out _) || schema.TryGetProperty("multipleOf", out _) ? "number"
                : "string");
        }

        return types;
    }

    private static HashSet<string> Required(JsonElement schema)
    {
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("required", out var names) && names.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in names.EnumerateArray())
            {
                if (name.ValueKind == JsonValueKind.String)
                {
                    required.Add(name.GetString()!);
                }
            }
        }

        return required;
    }

    private static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>A value in the bounds and on the step, as close to <paramref name="preferred"/> as simple arithmetic gets.</summary>
    private static decimal ChooseNumber(decimal preferred, decimal? lo, bool loExclusive, decimal? hi, bool hiExclusive, decimal? step)
    {
        bool Fits(decimal v) =>
            (lo is not decimal l || v > l || (!loExclusive && v == l)) &&
            (hi is not decimal h || v < h || (!hiExclusive && v == h)) &&
            (step is not decimal s || v % s == 0);

        if (Fits(preferred))
        {
            return preferred;
        }

        var candidates = new List<decimal>();
        if (step is decimal stride)
        {
            if (lo is decimal low && hi is decimal high)
            {
                candidates.Add(Math.Floor((low + high) / 2 / stride) * stride);
            }

            candidates.Add(Math.Round(preferred / stride) * stride);
            if (lo is decimal first)
            {
                var value = Math.Ceiling(first / stride) * stride;
                candidates.Add(value == first && loExclusive ? value + stride : value);
            }

            if (hi is decimal last)
            {
                var value = Math.Floor(last / stride) * stride;
                candidates.Add(value == last && hiExclusive ? value - stride : value);
            }
        }
        else
        {
            var clamped = preferred;
            if (lo is decimal low && clamped < low)
            {
                clamped = low;
            }

            if (hi is decimal high && clamped > high)
            {
                clamped = high;
            }

            candidates.Add(clamped);
            if (lo is decimal a && hi is decimal b)
            {
                candidates.Add((a + b) / 2);
            }
            else if (lo is decimal only)
            {
                candidates.Add(only + 1);
            }
            else if (hi is decimal onlyHigh)
            {
                candidates.Add(onlyHigh - 1);
            }
        }

        foreach (var candidate in candidates)
        {
            if (Fits(candidate))
            {
                return candidate;
            }
        }

        // The bounds leave no value: write the nearest one rather than fail (the schema cannot be satisfied).
        return candidates[^1];
    }

    /// <summary>The smallest multiple of <paramref name="multipleOf"/> that is an integer (for integers with a fractional step).</summary>
    private static decimal IntegerStep(decimal multipleOf)
    {
        for (var k = 1; k <= 10_000; k++)
        {
            var candidate = multipleOf * k;
            if (candidate % 1 == 0)
            {
                return candidate;
            }
        }

        return multipleOf;
    }

    /// <summary>The text fitted to the length bounds (counted in code points; non-ASCII is dropped when bounds apply, so
    /// every way of counting length agrees).</summary>
    private static string FitLength(string text, int minLength, int? maxLength)
    {
        if (minLength == 0 && maxLength is null)
        {
            return text;
        }

        var ascii = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c < 0x80 && !char.IsControl(c))
            {
                ascii.Append(c);
            }
        }

        var result = ascii.ToString().Trim();
        if (result.Length == 0)
        {
            result = "emulated";
        }

        var seed = result;
        while (result.Length < minLength)
        {
            result += " " + seed;
        }

        if (maxLength is int max && result.Length > max)
        {
            result = result[..max];
        }

        return result;
    }

    private void WriteValue(Utf8JsonWriter writer, JsonElement schema, int depth, int refDepth)
    {
        if (depth > MaxDepth || schema.ValueKind == JsonValueKind.False)
        {
            writer.WriteNullValue();
            return;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            writer.WriteStringValue(_text);
            return;
        }

        if (String(schema, "$ref") is string reference)
        {
            if (TryResolve(reference, out var target))
            {
                WriteValue(writer, target, depth + 1, refDepth + 1);
            }
            else
            {
                writer.WriteNullValue();
            }

            return;
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            constant.WriteTo(writer);
            return;
        }

        if (HasArray(schema, "enum", out var values))
        {
            values[0].WriteTo(writer);
            return;
        }

        var minimal = refDepth > ExpandDepth;
        foreach (var keyword in (string[])["anyOf", "oneOf"])
        {
            if (HasArray(schema, keyword, out var options))
            {
                WriteValue(writer, ChooseOption(options, minimal), depth + 1, refDepth);
                return;
            }
        }

        if (HasArray(schema, "allOf", out var all))
        {
            // Not in the structured-outputs subset; a single wrapped schema (a common generator output) is exact.
            WriteValue(writer, all[0], depth + 1, refDepth);
            return;
        }

        var types = Types(schema);
        var type = minimal && types.Contains("null") ? "null" : types.FirstOrDefault(t => t != "null") ?? "null";
        switch (type)
        {
            case "object":
                WriteObject(writer, schema, depth, refDepth, minimal);
                break;
            case "array":
                WriteArray(writer, schema, depth, refDepth, minimal);
                break;
            case "integer":
                WriteNumber(writer, schema, integer: true);
                break;
            case "number":
                WriteNumber(writer, schema, integer: false);
                break;
            case "boolean":
                writer.WriteBooleanValue(true);
                break;
            case "null":
                writer.WriteNullValue();
                break;
            default:
                writer.WriteStringValue(StringValue(schema));
                break;
        }
    }

    private JsonElement ChooseOption(JsonElement options, bool minimal)
    {
        var best = options[0];
        var bestCost = Infinite + 1;
        foreach (var option in options.EnumerateArray())
        {
            var cost = Cost(option, []);
            if (!minimal && cost < Infinite)
            {
                return option;
            }

            if (cost < bestCost)
            {
                (best, bestCost) = (option, cost);
            }
        }

        return best;
    }

    private void WriteObject(Utf8JsonWriter writer, JsonElement schema, int depth, int refDepth, bool minimal)
    {
        var required = Required(schema);
        var maxProperties = Integer(schema, "maxProperties");
        var written = new HashSet<string>(StringComparer.Ordinal);
        writer.WriteStartObject();
        var hasProperties = schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object;
        if (hasProperties)
        {
            // Required properties first when a maximum count forces a choice; otherwise in the schema's order.
            var optionalRoom = maxProperties is int max ? Math.Max(0, max - required.Count) : int.MaxValue;
            foreach (var property in properties.EnumerateObject())
            {
                var isRequired = required.Contains(property.Name);
                if (!isRequired && (minimal || optionalRoom == 0 || Cost(property.Value, []) >= Infinite))
                {
                    continue;
                }

                if (!isRequired)
                {
                    optionalRoom--;
                }

                writer.WritePropertyName(property.Name);
                WriteValue(writer, property.Value, depth + 1, refDepth);
                written.Add(property.Name);
            }
        }

        foreach (var name in required)
        {
            if (written.Add(name))
            {
                writer.WritePropertyName(name);
                var additional = schema.TryGetProperty("additionalProperties", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
                WriteValue(writer, additional.ValueKind == JsonValueKind.Object ? additional : default, depth + 1, refDepth);
            }
        }

        if (Integer(schema, "minProperties") is int minProperties && !(schema.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.False))
        {
            for (var i = written.Count; i < minProperties; i++)
            {
                writer.WriteString("property_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), _text);
            }
        }

        writer.WriteEndObject();
    }

    private void WriteArray(Utf8JsonWriter writer, JsonElement schema, int depth, int refDepth, bool minimal)
    {
        var minItems = Integer(schema, "minItems") ?? 0;
        var maxItems = Integer(schema, "maxItems");
        var prefix = HasArray(schema, "prefixItems", out var p) ? p : HasArray(schema, "items", out var tuple) ? tuple : default;
        var prefixCount = prefix.ValueKind == JsonValueKind.Array ? prefix.GetArrayLength() : 0;
        var items = schema.TryGetProperty("items", out var i) && i.ValueKind is JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False ? i : default;
        var itemsAllowed = items.ValueKind != JsonValueKind.False;
        var itemsEnd = items.ValueKind == JsonValueKind.Undefined || Cost(items, []) < Infinite;

        var count = minimal ? minItems : Math.Max(minItems, Math.Max(prefixCount, itemsAllowed && itemsEnd ? 1 : 0));
        if (maxItems is int max)
        {
            count = Math.Min(count, Math.Max(max, minItems));
        }

        if (!itemsAllowed)
        {
            count = Math.Min(count, prefixCount);
        }

        writer.WriteStartArray();
        for (var index = 0; index < count; index++)
        {
            var itemSchema = index < prefixCount ? prefix[index] : items;
            WriteValue(writer, itemSchema.ValueKind == JsonValueKind.Undefined ? default : itemSchema, depth + 1, refDepth);
        }

        writer.WriteEndArray();
    }

    private void WriteNumber(Utf8JsonWriter writer, JsonElement schema, bool integer)
    {
        decimal? lo = Decimal(schema, "minimum");
        decimal? hi = Decimal(schema, "maximum");
        bool loExclusive = false, hiExclusive = false;
        if (schema.TryGetProperty("exclusiveMinimum", out var exclusiveMinimum))
        {
            if (exclusiveMinimum.ValueKind == JsonValueKind.Number && exclusiveMinimum.TryGetDecimal(out var value) && (lo is null || value >= lo))
            {
                (lo, loExclusive) = (value, true);
            }
            else if (exclusiveMinimum.ValueKind == JsonValueKind.True && lo is not null)
            {
                loExclusive = true;
            }
        }

        if (schema.TryGetProperty("exclusiveMaximum", out var exclusiveMaximum))
        {
            if (exclusiveMaximum.ValueKind == JsonValueKind.Number && exclusiveMaximum.TryGetDecimal(out var value) && (hi is null || value <= hi))
            {
                (hi, hiExclusive) = (value, true);
            }
            else if (exclusiveMaximum.ValueKind == JsonValueKind.True && hi is not null)
            {
                hiExclusive = true;
            }
        }

        var step = Decimal(schema, "multipleOf") is decimal m && m > 0 ? m : (decimal?)null;
        if (integer)
        {
            step = step is decimal s ? IntegerStep(s) : 1;
        }

        var preferred = _number is double d && Math.Abs(d) < 1e15 ? (decimal)d : 1m;
        if (integer)
        {
            preferred = Math.Truncate(preferred);
        }

        var chosen = Normalize(ChooseNumber(preferred, lo, loExclusive, hi, hiExclusive, step));
        if (chosen % 1 == 0 && chosen is >= long.MinValue and <= long.MaxValue)
        {
            writer.WriteNumberValue((long)chosen);
        }
        else
        {
            writer.WriteNumberValue(chosen);
        }
    }

    private string StringValue(JsonElement schema)
    {
        var minLength = Integer(schema, "minLength") ?? 0;
        var maxLength = Integer(schema, "maxLength");
        var pattern = String(schema, "pattern");
        if (String(schema, "format") is string format && StringFormats.Sample(format, _text) is string sample &&
            RegexSampler.CodePoints(sample) >= minLength && (maxLength is null || RegexSampler.CodePoints(sample) <= maxLength) &&
            (pattern is null || SafeIsMatch(pattern, sample)))
        {
            return sample;
        }

        if (pattern is not null)
        {
            var fitted = FitLength(_text, minLength, maxLength);
            if (SafeIsMatch(pattern, fitted))
            {
                return fitted;
            }

            if (RegexSampler.TryGenerate(pattern, minLength, maxLength, out var generated))
            {
                return generated;
            }
        }

        return FitLength(_text, minLength, maxLength);
    }

    private static bool SafeIsMatch(string pattern, string text)
    {
        try
        {
            return System.Text.RegularExpressions.Regex.IsMatch(text, pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(200));
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>The size of the smallest instance (in values written), <see cref="Infinite"/> when none ends (a required
    /// recursion with no way out); <paramref name="visiting"/> holds the references on the current path.</summary>
    private int Cost(JsonElement schema, List<string> visiting)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.False:
                return Infinite;
            case JsonValueKind.Object:
                break;
            default:
                return 1;
        }

        if (String(schema, "$ref") is string reference)
        {
            if (visiting.Contains(reference) || visiting.Count > MaxDepth)
            {
                return Infinite;
            }

            if (!TryResolve(reference, out var target))
            {
                return 1;
            }

            visiting.Add(reference);
            var cost = Cost(target, visiting);
            visiting.RemoveAt(visiting.Count - 1);
            return cost;
        }

        if (schema.TryGetProperty("const", out _) || HasArray(schema, "enum", out _))
        {
            return 1;
        }

        foreach (var keyword in (string[])["anyOf", "oneOf"])
        {
            if (HasArray(schema, keyword, out var options))
            {
                var best = Infinite;
                foreach (var option in options.EnumerateArray())
                {
                    best = Math.Min(best, Cost(option, visiting));
                }

                return best;
            }
        }

        if (HasArray(schema, "allOf", out var all))
        {
            return Cost(all[0], visiting);
        }

        var types = Types(schema);
        if (types.Contains("null"))
        {
            return 1;
        }

        switch (types[0])
        {
            case "object":
                var total = 1;
                var hasProperties = schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object;
                foreach (var name in Required(schema))
                {
                    total = Add(total, hasProperties && properties.TryGetProperty(name, out var property) ? Cost(property, visiting) : 1);
                }

                return total;
            case "array":
                var minItems = Integer(schema, "minItems") ?? 0;
                if (minItems == 0)
                {
                    return 1;
                }

                var items = schema.TryGetProperty("items", out var i) ? i : default;
                var each = items.ValueKind == JsonValueKind.Undefined ? 1 : Cost(items, visiting);
                return each >= Infinite ? Infinite : Add(1, (int)Math.Min(Infinite, (long)minItems * each));
            default:
                return 1;
        }
    }

    /// <summary>Resolves a JSON pointer reference within the root schema (<c>#</c>, <c>#/$defs/x</c>,
    /// <c>#/definitions/x</c>, escaped <c>~0</c> / <c>~1</c> and percent-encoded tokens).</summary>
    private bool TryResolve(string reference, out JsonElement target)
    {
        target = _root;
        if (reference == "#")
        {
            return true;
        }

        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var raw in reference[2..].Split('/'))
        {
            var token = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (target.ValueKind == JsonValueKind.Object && target.TryGetProperty(token, out var next))
            {
                target = next;
            }
            else if (target.ValueKind == JsonValueKind.Array && int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < target.GetArrayLength())
            {
                target = target[index];
            }
            else
            {
                return false;
            }
        }

        return true;
    }
}
