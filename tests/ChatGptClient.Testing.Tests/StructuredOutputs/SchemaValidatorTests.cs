namespace ChatGpt.Testing.Tests.StructuredOutputs;

/// <summary>The validator the generator is judged by must reject what breaks each keyword, or the corpus tests prove nothing.</summary>
public class SchemaValidatorTests
{
    [Theory]
    [InlineData("rating: integer 1..5", """{"rating":1990,"comment":"ok"}""")]
    [InlineData("rating: integer 1..5", """{"rating":3,"comment":"a comment longer than twenty"}""")]
    [InlineData("guide: string pattern and format", """{"name":"n","username":"no-at","email":"a@b.example"}""")]
    [InlineData("guide: string pattern and format", """{"name":"n","username":"@ok","email":"not an email"}""")]
    [InlineData("every format", """{"email":"a@example.com","when":"yesterday","day":"2024-01-15","at":"10:30:00Z","length":"P1D","id":"0b9c2bd4-5e2f-4c8a-a1f8-2b7c7ad2d0f3","v4":"192.0.2.1","v6":"2001:db8::1","host":"example.com"}""")]
    [InlineData("guide: linked list (explicit recursion)", """{"linked_list":"a string instead of the node"}""")]
    [InlineData("draft-07 definitions", """{"price":{"amount":1.005,"currency":"EUR"},"discount":null}""")]
    [InlineData("draft-07 definitions", """{"price":{"amount":1,"currency":"EUR","extra":1},"discount":null}""")]
    [InlineData("array bounds and nesting", """{"tags":["a"],"matrix":[[-1,-1,-1],[-1,-1,-1]],"none":[]}""")]
    [InlineData("exclusive bounds and multipleOf", """{"ratio":1,"step":15,"half":2.5,"negative":-101,"big":1000000}""")]
    public void Errors_InstanceBreakingAKeyword_IsRejected(string schemaName, string instance)
    {
        Assert.NotEmpty(SchemaValidator.Errors(SchemaCorpus.Schemas[schemaName], instance));
    }
}
