using System.Text.Json;
using ChatGpt.Testing.Internal;

namespace ChatGpt.Testing.Tests.StructuredOutputs;

/// <summary>The generator behind strict structured outputs: every instance it writes validates against its schema.</summary>
public class SchemaInstanceGeneratorTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in SchemaCorpus.Schemas.Keys)
        {
            for (var text = 0; text < SchemaCorpus.Texts.Length; text++)
            {
                data.Add(name, text);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generate_CorpusSchema_ValidatesAgainstIt(string schemaName, int textIndex)
    {
        var schemaText = SchemaCorpus.Schemas[schemaName];
        var text = SchemaCorpus.Texts[textIndex];
        using var schema = JsonDocument.Parse(schemaText);

        var instance = SchemaInstanceGenerator.Generate(schema.RootElement, text, FirstNumber(text));

        SchemaValidator.AssertValid(schemaText, instance, $"{schemaName} with text \"{text}\"");
    }

    [Fact]
    public void Generate_RecursiveReference_IsExpandedThenBounded()
    {
        using var schema = JsonDocument.Parse(SchemaCorpus.Schemas["guide: linked list (explicit recursion)"]);

        var instance = JsonDocument.Parse(SchemaInstanceGenerator.Generate(schema.RootElement, "x", null)).RootElement;

        // The reference is followed (an object, not a string) and the list ends with null after a few nodes.
        var node = instance.GetProperty("linked_list");
        var length = 0;
        while (node.ValueKind == JsonValueKind.Object)
        {
            length++;
            node = node.GetProperty("next");
        }

        Assert.Equal(JsonValueKind.Null, node.ValueKind);
        Assert.InRange(length, 2, SchemaInstanceGenerator.ExpandDepth + 1);
    }

    [Fact]
    public void Generate_NumberFromTheText_IsKeptWhenInBoundsAndMovedWhenNot()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"rating":{"type":"integer","minimum":1,"maximum":5},"days":{"type":"integer"}},"required":["rating","days"]}""");

        var inBounds = SchemaInstanceGenerator.Generate(schema.RootElement, "4", 4);
        var outOfBounds = SchemaInstanceGenerator.Generate(schema.RootElement, "1990", 1990);

        Assert.Equal("""{"rating":4,"days":4}""", inBounds);
        Assert.Equal("""{"rating":3,"days":1990}""", outOfBounds);
    }

    [Theory]
    [InlineData(@"^@[a-zA-Z0-9_]+$", "@a")]
    [InlineData(@"^\d{5}(-\d{4})?$", "11111")]
    [InlineData(@"^SKU-[0-9]{4}-[A-Z]{2}$", "SKU-1111-AA")]
    [InlineData(@"^(ab)\1$", "abab")]
    [InlineData(@"^[^@\s]+@[^@\s]+$", "a@a")]
    public void RegexSampler_CommonPattern_GivesASimpleMatch(string pattern, string expected)
    {
        Assert.True(RegexSampler.TryGenerate(pattern, 0, null, out var sample));
        Assert.Equal(expected, sample);
    }

    [Fact]
    public void RegexSampler_MinLength_GrowsUnboundedRepeats()
    {
        Assert.True(RegexSampler.TryGenerate("^[a-z0-9]+(?:-[a-z0-9]+)*$", 10, 30, out var sample));

        Assert.InRange(sample.Length, 10, 30);
        Assert.Matches("^[a-z0-9]+(?:-[a-z0-9]+)*$", sample);
    }

    private static double? FirstNumber(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, @"-?\d+(?:\.\d+)?");
        return match.Success ? double.Parse(match.Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
