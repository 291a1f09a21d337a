using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Aicq.Ops.Tests.Docs;

/// <summary>
/// The C# blocks of a README, in order, as the top-level statements of one console program (later blocks use what
/// earlier ones declared), with the implicit usings of <c>dotnet new console</c>, referencing only .NET and
/// Aicq.Client. <c>#line</c> directives make every diagnostic point at a README line.
/// </summary>
internal static class ReadmeProgram
{
    private static readonly string[] ImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    public static CSharpCompilation Compile(string file, Func<CodeBlock, string>? rewrite = null)
    {
        var blocks = ReadmeBlocks.Read(file).Where(b => b.Language == "csharp").ToList();
        Assert.NotEmpty(blocks);
        var program = new StringBuilder();
        foreach (var block in blocks) program.Append($"#line {block.Line + 1} \"{file}\"\n").Append(rewrite?.Invoke(block) ?? block.Code);
        return CSharpCompilation.Create("ReadmeProgram",
            [
                CSharpSyntaxTree.ParseText(string.Join('\n', ImplicitUsings.Select(u => $"global using {u};")), path: "GlobalUsings.g.cs"),
                CSharpSyntaxTree.ParseText(program.ToString(), new CSharpParseOptions(LanguageVersion.Latest), path: file),
            ],
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>Errors and warnings, as the compiler prints them.</summary>
    public static IReadOnlyList<string> Problems(CSharpCompilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();

    /// <summary>Writes the program with Aicq.Client, its Aicq.Protocol and its native libsodium into <paramref name="directory"/> and runs it there.</summary>
    public static async Task<RunResult> RunAsync(CSharpCompilation compilation, string directory)
    {
        var dll = Path.Combine(directory, "ReadmeProgram.dll");
        var emitted = compilation.Emit(dll);
        Assert.True(emitted.Success, string.Join('\n', emitted.Diagnostics));
        await File.WriteAllTextAsync(Path.Combine(directory, "ReadmeProgram.runtimeconfig.json"),
            """{"runtimeOptions":{"tfm":"net10.0","framework":{"name":"Microsoft.NETCore.App","version":"10.0.0"}}}""");
        var client = typeof(AicqClient).Assembly.Location;
        var binaries = Path.GetDirectoryName(client)!;
        File.Copy(client, Path.Combine(directory, Path.GetFileName(client)));
        foreach (var dependency in new[] { "Aicq.Protocol.dll", "NSec.Cryptography.dll" })
            File.Copy(Path.Combine(binaries, dependency), Path.Combine(directory, dependency));
        File.Copy(Path.Combine(binaries, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", "libsodium.so"), Path.Combine(directory, "libsodium.so"));
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        return await Run.CommandAsync(dotnet, ["exec", dll], workingDirectory: directory, timeout: TimeSpan.FromMinutes(1));
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
