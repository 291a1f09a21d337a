using System.Text;
using Aicq.Client;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Aicq.Ops.Tests.Docs;

/// <summary>
/// The C# blocks of a README, in order, are the top-level statements of one console program (later blocks use what
/// earlier ones declared), with the implicit usings of <c>dotnet new console</c>, referencing only .NET and
/// Aicq.Client. They must compile without errors or warnings; diagnostics point at README lines.
/// </summary>
public sealed class ReadmeCSharpTests
{
    private static readonly string[] ImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    [Theory]
    [MemberData(nameof(ReadmeBlocks.FileNames), MemberType = typeof(ReadmeBlocks))]
    public void ReadmeCSharpBlocks_CompileAgainstAicqClient(string file)
    {
        var blocks = ReadmeBlocks.Read(file).Where(b => b.Language == "csharp").ToList();
        Assert.NotEmpty(blocks);

        var program = new StringBuilder();
        foreach (var block in blocks) program.Append($"#line {block.Line + 1} \"{file}\"\n").Append(block.Code);
        var compilation = CSharpCompilation.Create("ReadmeSnippets",
            [
                CSharpSyntaxTree.ParseText(string.Join('\n', ImplicitUsings.Select(u => $"global using {u};")), path: "GlobalUsings.g.cs"),
                CSharpSyntaxTree.ParseText(program.ToString(), new CSharpParseOptions(LanguageVersion.Latest), path: file),
            ],
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        var problems = compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    // The running .NET's own assemblies (the trusted platform list, minus the test's dependencies) and Aicq.Client.
    private static IEnumerable<MetadataReference> References()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetDirectoryName(path) == framework);
        return platform.Append(typeof(AicqClient).Assembly.Location).Select(path => MetadataReference.CreateFromFile(path));
    }
}
