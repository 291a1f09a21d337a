namespace Aicq.Client.Tests.Http;

/// <summary>What <see cref="AicqHttp"/> decides before any connection; trust against a real edge is in Aicq.Edge.Tests/Tls.</summary>
public sealed class AicqHttpTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("aicq-http-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData("https://127.0.0.1:8443", "https://127.0.0.1:8443/")]
    [InlineData("https://aicq.example/chat", "https://aicq.example/chat/")]
    [InlineData("https://aicq.example/chat/", "https://aicq.example/chat/")]
    public void Create_EndsTheBaseAddressWithASlash_SoCallsResolveBelowItsPath(string baseUrl, string expected)
    {
        using var http = AicqHttp.Create(baseUrl);
        Assert.Equal(expected, http.BaseAddress!.ToString());
    }

    [Fact]
    public void Create_WithAMissingCaFile_FailsAtOnceNamingIt()
    {
        var missing = Path.Combine(directory, "missing.crt");
        var error = Assert.Throws<FileNotFoundException>(() => AicqHttp.Create("https://127.0.0.1:8443", missing));
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Create_WithACaFileWithoutACertificate_FailsAtOnce()
    {
        var empty = Path.Combine(directory, "empty.crt");
        File.WriteAllText(empty, "not a certificate\n");
        var error = Assert.Throws<InvalidDataException>(() => AicqHttp.CreateHandler(empty));
        Assert.Contains("holds no PEM certificate", error.Message);
    }
}
