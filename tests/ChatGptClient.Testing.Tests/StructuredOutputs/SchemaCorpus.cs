namespace ChatGpt.Testing.Tests.StructuredOutputs;

/// <summary>
/// Schemas that structured outputs accept: the examples of OpenAI's structured-outputs and function-calling guides
/// (chain of thought, data extraction, UI generation with a recursive <c>#</c>, moderation, <c>anyOf</c>, <c>$defs</c>,
/// a linked list, string and number constraints), schemas as the official SDKs and Pydantic emit them, and one schema
/// per supported keyword with bounds chosen so that a naive generator fails.
/// </summary>
public static class SchemaCorpus
{
    public static readonly IReadOnlyDictionary<string, string> Schemas = new Dictionary<string, string>
    {
        ["guide: math reasoning"] = """
            {"type":"object","properties":{"steps":{"type":"array","items":{"type":"object","properties":{"explanation":{"type":"string"},"output":{"type":"string"}},"required":["explanation","output"],"additionalProperties":false}},"final_answer":{"type":"string"}},"required":["steps","final_answer"],"additionalProperties":false}
            """,
        ["guide: research paper extraction"] = """
            {"type":"object","properties":{"title":{"type":"string"},"authors":{"type":"array","items":{"type":"string"}},"abstract":{"type":"string"},"keywords":{"type":"array","items":{"type":"string"}}},"required":["title","authors","abstract","keywords"],"additionalProperties":false}
            """,
        ["guide: UI generation (recursive #)"] = """
            {"type":"object","properties":{"type":{"type":"string","description":"The type of the UI component","enum":["div","button","header","section","field","form"]},"label":{"type":"string","description":"The label of the UI component, used for buttons or form fields"},"children":{"type":"array","description":"Nested UI components","items":{"$ref":"#"}},"attributes":{"type":"array","description":"Arbitrary attributes for the UI component, suitable for any element","items":{"type":"object","properties":{"name":{"type":"string","description":"The name of the attribute, for example onClick or className"},"value":{"type":"string","description":"The value of the attribute"}},"required":["name","value"],"additionalProperties":false}}},"required":["type","label","children","attributes"],"additionalProperties":false}
            """,
        ["guide: moderation"] = """
            {"type":"object","properties":{"is_violating":{"type":"boolean","description":"Indicates if the content is violating guidelines"},"category":{"type":["string","null"],"description":"Type of violation, if the content is violating guidelines. Null otherwise.","enum":["violence","sexual","self_harm"]},"explanation_if_violating":{"type":["string","null"],"description":"Explanation of why the content is violating"}},"required":["is_violating","category","explanation_if_violating"],"additionalProperties":false}
            """,
        ["guide: anyOf user or address"] = """
            {"type":"object","properties":{"item":{"anyOf":[{"type":"object","description":"The user object to insert into the database","properties":{"name":{"type":"string","description":"The name of the user"},"age":{"type":"number","description":"The age of the user"}},"additionalProperties":false,"required":["name","age"]},{"type":"object","description":"The address object to insert into the database","properties":{"number":{"type":"string","description":"The number of the address. Eg. for 123 main st, this would be 123"},"street":{"type":"string","description":"The street name. Eg. for 123 main st, this would be main st"},"city":{"type":"string","description":"The city of the address"}},"additionalProperties":false,"required":["number","street","city"]}]}},"additionalProperties":false,"required":["item"]}
            """,
        ["guide: definitions via $defs"] = """
            {"type":"object","properties":{"steps":{"type":"array","items":{"$ref":"#/$defs/step"}},"final_answer":{"type":"string"}},"$defs":{"step":{"type":"object","properties":{"explanation":{"type":"string"},"output":{"type":"string"}},"required":["explanation","output"],"additionalProperties":false}},"required":["steps","final_answer"],"additionalProperties":false}
            """,
        ["guide: linked list (explicit recursion)"] = """
            {"type":"object","properties":{"linked_list":{"$ref":"#/$defs/linked_list_node"}},"$defs":{"linked_list_node":{"type":"object","properties":{"value":{"type":"number"},"next":{"anyOf":[{"$ref":"#/$defs/linked_list_node"},{"type":"null"}]}},"additionalProperties":false,"required":["next","value"]}},"additionalProperties":false,"required":["linked_list"]}
            """,
        ["guide: string pattern and format"] = """
            {"type":"object","properties":{"name":{"type":"string","description":"The name of the user"},"username":{"type":"string","description":"The username of the user. Must start with @","pattern":"^@[a-zA-Z0-9_]+$"},"email":{"type":"string","description":"The email of the user","format":"email"}},"additionalProperties":false,"required":["name","username","email"]}
            """,
        ["guide: number bounds"] = """
            {"type":"object","properties":{"location":{"type":"string"},"unit":{"type":["string","null"],"enum":["F","C"]},"value":{"type":"number","description":"The actual temperature value in the location","minimum":-130,"maximum":130}},"additionalProperties":false,"required":["location","unit","value"]}
            """,
        ["guide: array bounds"] = """
            {"type":"object","properties":{"items":{"type":"array","description":"List of items","minItems":1,"maxItems":5,"items":{"type":"string"}}},"additionalProperties":false,"required":["items"]}
            """,
        ["function calling: get_weather"] = """
            {"type":"object","properties":{"location":{"type":"string","description":"City and country e.g. Bogotá, Colombia"},"units":{"type":["string","null"],"enum":["celsius","fahrenheit"],"description":"Units the temperature will be returned in."}},"required":["location","units"],"additionalProperties":false}
            """,
        ["pydantic: nested $defs referencing each other"] = """
            {"$defs":{"Address":{"properties":{"street":{"title":"Street","type":"string"},"zip":{"pattern":"^\\d{5}(-\\d{4})?$","title":"Zip","type":"string"}},"required":["street","zip"],"title":"Address","type":"object","additionalProperties":false},"Person":{"properties":{"name":{"title":"Name","type":"string"},"home":{"$ref":"#/$defs/Address"},"work":{"anyOf":[{"$ref":"#/$defs/Address"},{"type":"null"}]}},"required":["name","home","work"],"title":"Person","type":"object","additionalProperties":false}},"properties":{"people":{"items":{"$ref":"#/$defs/Person"},"title":"People","type":"array"}},"required":["people"],"title":"Directory","type":"object","additionalProperties":false}
            """,
        ["draft-07 definitions"] = """
            {"definitions":{"money":{"type":"object","properties":{"amount":{"type":"number","exclusiveMinimum":0,"multipleOf":0.01},"currency":{"type":"string","pattern":"^[A-Z]{3}$"}},"required":["amount","currency"],"additionalProperties":false}},"type":"object","properties":{"price":{"$ref":"#/definitions/money"},"discount":{"anyOf":[{"$ref":"#/definitions/money"},{"type":"null"}]}},"required":["price","discount"],"additionalProperties":false}
            """,
        ["recursive tree via $defs with nullable children"] = """
            {"type":"object","properties":{"root":{"$ref":"#/$defs/node"}},"required":["root"],"additionalProperties":false,"$defs":{"node":{"type":"object","properties":{"name":{"type":"string","minLength":3,"maxLength":12},"children":{"type":["array","null"],"items":{"$ref":"#/$defs/node"}}},"required":["name","children"],"additionalProperties":false}}}
            """,
        ["mutual recursion"] = """
            {"type":"object","properties":{"expr":{"$ref":"#/$defs/expr"}},"required":["expr"],"additionalProperties":false,"$defs":{"expr":{"anyOf":[{"$ref":"#/$defs/binary"},{"type":"object","properties":{"literal":{"type":"integer","minimum":10,"maximum":20}},"required":["literal"],"additionalProperties":false}]},"binary":{"type":"object","properties":{"op":{"type":"string","enum":["+","-"]},"left":{"$ref":"#/$defs/expr"},"right":{"$ref":"#/$defs/expr"}},"required":["op","left","right"],"additionalProperties":false}}}
            """,
        ["rating: integer 1..5"] = """
            {"type":"object","properties":{"rating":{"type":"integer","minimum":1,"maximum":5},"comment":{"type":"string","maxLength":20}},"required":["rating","comment"],"additionalProperties":false}
            """,
        ["exclusive bounds and multipleOf"] = """
            {"type":"object","properties":{"ratio":{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1},"step":{"type":"integer","multipleOf":5,"minimum":12,"maximum":29},"half":{"type":"number","multipleOf":0.5,"minimum":2.1,"exclusiveMaximum":3},"negative":{"type":"integer","exclusiveMaximum":-100},"big":{"type":"number","minimum":1000000}},"required":["ratio","step","half","negative","big"],"additionalProperties":false}
            """,
        ["every format"] = """
            {"type":"object","properties":{"email":{"type":"string","format":"email"},"when":{"type":"string","format":"date-time"},"day":{"type":"string","format":"date"},"at":{"type":"string","format":"time"},"length":{"type":"string","format":"duration"},"id":{"type":"string","format":"uuid"},"v4":{"type":"string","format":"ipv4"},"v6":{"type":"string","format":"ipv6"},"host":{"type":"string","format":"hostname"}},"required":["email","when","day","at","length","id","v4","v6","host"],"additionalProperties":false}
            """,
        ["common patterns"] = """
            {"type":"object","properties":{"phone":{"type":"string","pattern":"^\\+?[1-9]\\d{1,14}$"},"sku":{"type":"string","pattern":"^SKU-[0-9]{4}-[A-Z]{2}$"},"color":{"type":"string","pattern":"^#(?:[0-9a-fA-F]{3}){1,2}$"},"semver":{"type":"string","pattern":"^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)$"},"slug":{"type":"string","pattern":"^[a-z0-9]+(?:-[a-z0-9]+)*$","minLength":10,"maxLength":30},"mail":{"type":"string","pattern":"^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$"},"not_admin":{"type":"string","pattern":"^(?!admin)[a-z]{4,8}$"},"unanchored":{"type":"string","pattern":"\\d{3}"},"word_or_number":{"type":"string","pattern":"^(yes|no|\\d+)$"},"repeat":{"type":"string","pattern":"^(ab)\\1$"},"unicode":{"type":"string","pattern":"^\\p{Lu}\\p{Ll}+$"},"negated":{"type":"string","pattern":"^[^@\\s]+@[^@\\s]+$"}},"required":["phone","sku","color","semver","slug","mail","not_admin","unanchored","word_or_number","repeat","unicode","negated"],"additionalProperties":false}
            """,
        ["string lengths"] = """
            {"type":"object","properties":{"short":{"type":"string","maxLength":3},"long":{"type":"string","minLength":200},"exact":{"type":"string","minLength":7,"maxLength":7},"code":{"type":"string","minLength":4,"maxLength":6,"pattern":"^[A-Z]+$"}},"required":["short","long","exact","code"],"additionalProperties":false}
            """,
        ["array bounds and nesting"] = """
            {"type":"object","properties":{"tags":{"type":"array","items":{"type":"string","enum":["a","b","c"]},"minItems":2,"maxItems":3},"matrix":{"type":"array","items":{"type":"array","items":{"type":"integer","minimum":-3,"maximum":-1},"minItems":3},"minItems":2,"maxItems":2},"none":{"type":"array","items":{"type":"string"},"maxItems":0}},"required":["tags","matrix","none"],"additionalProperties":false}
            """,
        ["const, type arrays and primitive anyOf"] = """
            {"type":"object","properties":{"kind":{"const":"event"},"count":{"type":["integer","null"],"minimum":3,"maximum":4},"flag":{"type":["null","boolean"]},"value":{"anyOf":[{"type":"string","format":"date"},{"type":"integer","minimum":10}]},"empty":{"type":"object","properties":{},"required":[],"additionalProperties":false}},"required":["kind","count","flag","value","empty"],"additionalProperties":false}
            """,
        ["top-level anyOf with refs"] = """
            {"anyOf":[{"$ref":"#/$defs/cat"},{"$ref":"#/$defs/dog"}],"$defs":{"cat":{"type":"object","properties":{"meow":{"type":"integer","minimum":1,"maximum":3}},"required":["meow"],"additionalProperties":false},"dog":{"type":"object","properties":{"bark":{"type":"string"}},"required":["bark"],"additionalProperties":false}}}
            """,
        ["escaped pointer tokens"] = """
            {"type":"object","properties":{"a":{"$ref":"#/$defs/with~1slash"},"b":{"$ref":"#/$defs/with~0tilde"},"c":{"$ref":"#/$defs/with%25percent"}},"required":["a","b","c"],"additionalProperties":false,"$defs":{"with/slash":{"type":"integer","minimum":7,"maximum":7},"with~tilde":{"type":"string","format":"uuid"},"with%percent":{"type":"boolean"}}}
            """,
    };

    /// <summary>Texts the emulator builds values from: numbers far out of every bound, emoji and CJK, nothing at all.</summary>
    public static readonly string[] Texts =
    [
        "What's the weather in Paris? Rate it 1990 out of 5.",
        "Summarize 😀 こんにちは 世界 for -5000 people",
        string.Empty,
        "0.333",
    ];
}
