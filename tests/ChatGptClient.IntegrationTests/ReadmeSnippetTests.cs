using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ChatGpt.IntegrationTests;

/// <summary>
/// Every C# block of the README compiles as pasted: a block is a complete Program.cs, or says in its first line that it
/// "Continues" an earlier one (then it is appended to that program, its usings moved to the top).
/// </summary>
/// <remarks>
/// The blocks are compiled against the assemblies this test project references (the library projects and the packages
/// the blocks name), not against a packed .nupkg: packing and restoring from a local feed in a test takes minutes on
/// the CI machine, and the assemblies are the same ones the package contains.
/// </remarks>
public sealed partial class ReadmeSnippetTests
{
    public static TheoryData<int, string> Programs()
    {
        var data = new TheoryData<int, string>();
        foreach (var (line, source) in ReadPrograms())
        {
            data.Add(line, source);
        }

        return data;
    }

    [Fact]
    public void Readme_EveryCSharpBlockIsAProgramOrSaysWhatItContinues()
    {
        var blocks = CSharpBlock().Matches(File.ReadAllText(ReadmePath()));

        Assert.True(blocks.Count >= 10, $"Only {blocks.Count} C# blocks found.");
        Assert.All(blocks, b => Assert.Matches(@"^// (Program\.cs|Continues )", b.Groups[1].Value));
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Readme_CSharpBlock_Compiles(int line, string source)
    {
        // What a new project has without being asked: the SDK's implicit usings (the Web SDK's for ASP.NET Core blocks).
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var implicitUsings = source.Contains("ASP.NET Core", StringComparison.Ordinal) ? ConsoleUsings + WebUsings : ConsoleUsings;
        Compilation compilation = CSharpCompilation.Create(
            $"ReadmeBlockAtLine{line}",
            [CSharpSyntaxTree.ParseText(source, parse), CSharpSyntaxTree.ParseText(implicitUsings, parse)],
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        // The System.Text.Json source generator runs in every build; a block's JsonSerializerContext needs it here too.
        CSharpGeneratorDriver.Create(JsonGenerator.Value).RunGeneratorsAndUpdateCompilation(compilation, out compilation, out _);

        using var output = new MemoryStream();
        var result = compilation.Emit(output);

        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(errors.Count == 0, $"The README block at line {line} does not compile:\n{string.Join('\n', errors)}\n\n{source}");
    }

    private const string ConsoleUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;

        """;

    private const string WebUsings = """
        global using System.Net.Http.Json;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;

        """;

    private static readonly Lazy<ISourceGenerator> JsonGenerator = new(() =>
    {
        // packs/Microsoft.NETCore.App.Ref/<version>/analyzers/dotnet/cs/, next to the running shared framework.
        var dotnetRoot = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var path = Directory.GetFiles(Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref"), "System.Text.Json.SourceGeneration.dll", SearchOption.AllDirectories)
            .Where(p => p.Contains(Path.Combine("analyzers", "dotnet", "cs"), StringComparison.Ordinal))
            .OrderByDescending(p => p, StringComparer.Ordinal)
            .First();
        var type = System.Reflection.Assembly.LoadFrom(path).GetType("System.Text.Json.SourceGeneration.JsonSourceGenerator", throwOnError: true)!;
        return ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator();
    });

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
    {
        // This project's own output (the libraries and the named packages) first, then the shared frameworks.
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
        {
            paths.TryAdd(Path.GetFileName(file), file);
        }

        foreach (var file in ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator))
        {
            paths.TryAdd(Path.GetFileName(file), file);
        }

        var references = new List<MetadataReference>();
        foreach (var path in paths.Values)
        {
            try
            {
                using var stream = File.OpenRead(path);
                using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
                if (reader.HasMetadata)
                {
                    references.Add(MetadataReference.CreateFromFile(path));
                }
            }
            catch (BadImageFormatException)
            {
            }
        }

        return references;
    });

    private static IEnumerable<(int Line, string Source)> ReadPrograms()
    {
        var text = File.ReadAllText(ReadmePath());
        var programs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match block in CSharpBlock().Matches(text))
        {
            var code = block.Groups[1].Value;
            var line = text[..block.Index].Count(c => c == '\n') + 1;
            string program;
            if (Continuation().Match(code) is { Success: true } continues)
            {
                // "// Continues the Quickstart program above" extends the block headed "(the Quickstart program)".
                var name = continues.Groups[1].Value;
                Assert.True(programs.TryGetValue(name, out var earlier), $"The block at line {line} continues '{name}', which no earlier block names.");
                program = programs[name] = Join(earlier!, code);
            }
            else
            {
                program = code;
                if (ProgramName().Match(code) is { Success: true } named)
                {
                    programs[named.Groups[1].Value] = code;
                }
            }

            yield return (line, program);
        }
    }

    // Usings of the continuation go to the top; type declarations of the earlier program stay after all statements.
    private static string Join(string program, string continuation)
    {
        var lines = continuation.Split('\n');
        var usings = lines.Where(IsUsing).ToList();
        var body = lines.Where(l => !IsUsing(l)).ToList();
        var programLines = program.Split('\n').ToList();
        var firstType = programLines.FindIndex(l => TypeDeclaration().IsMatch(l));
        var insertAt = firstType < 0 ? programLines.Count : firstType;
        programLines.InsertRange(insertAt, body);
        return string.Join('\n', usings) + "\n" + string.Join('\n', programLines);

        static bool IsUsing(string line) => line.StartsWith("using ", StringComparison.Ordinal) && !line.StartsWith("using var ", StringComparison.Ordinal) && line.TrimEnd().EndsWith(';');
    }

    private static string ReadmePath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ChatGptClient.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Repository root not found."), "README.md");
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^// Continues the (\w+) program")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"^// Program\.cs \(the (\w+) program\)")]
    private static partial Regex ProgramName();

    [GeneratedRegex(@"^(static string |internal |public |\[JsonSerializable)")]
    private static partial Regex TypeDeclaration();
}
