namespace Aicq.Client.Tests.Identity;

public sealed class KeyFileTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"aicq-client-tests-{Guid.NewGuid():N}");

    private string PathTo(string name) => Path.Combine(directory, name);

    public void Dispose()
    {
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void AgentIdentity_SaveThenLoad_RestoresIdAndKey()
    {
        var path = PathTo("agent.json");
        using var identity = new AgentIdentity(Guid.NewGuid(), AgentKey.Generate());

        identity.Save(path);
        using var loaded = AgentIdentity.Load(path);

        Assert.Equal(identity.AgentId, loaded.AgentId);
        Assert.Equal(identity.Key.PublicKeyBase64, loaded.Key.PublicKeyBase64);
        Assert.Equal(identity.Key.ExportSeed(), loaded.Key.ExportSeed());
    }

    [Fact]
    public void AgentKey_SaveThenLoad_RestoresKeyAndHasNoAgentId()
    {
        var path = PathTo("key.json");
        using var key = AgentKey.Generate();

        key.Save(path);
        using var loaded = AgentKey.Load(path);

        Assert.Equal(key.PublicKeyBase64, loaded.PublicKeyBase64);
        Assert.Throws<InvalidDataException>(() => AgentIdentity.Load(path));
    }

    [Fact]
    public void Save_WritesDocumentedJsonFormat()
    {
        var path = PathTo("agent.json");
        var id = Guid.NewGuid();
        using var identity = new AgentIdentity(id, AgentKey.Generate());

        identity.Save(path);

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        Assert.Equal("aicq-agent-key-v1", root.GetProperty("format").GetString());
        Assert.Equal(id, root.GetProperty("agent_id").GetGuid());
        Assert.Equal(identity.Key.PublicKeyBase64, root.GetProperty("public_key").GetString());
        Assert.Equal(identity.Key.ExportSeed(), root.GetProperty("seed").GetBytesFromBase64());
    }

    [Fact]
    public void Save_OnUnix_CreatesOwnerOnlyFileAndReplacesExistingOne()
    {
        if (OperatingSystem.IsWindows())
            return;
        var path = PathTo("nested/agent.json");
        Directory.CreateDirectory(directory);
        using var first = new AgentIdentity(Guid.NewGuid(), AgentKey.Generate());
        using var second = new AgentIdentity(Guid.NewGuid(), AgentKey.Generate());

        first.Save(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        second.Save(path);

        using var loaded = AgentIdentity.Load(path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(second.AgentId, loaded.AgentId);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"format":"other","seed":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}""")]
    [InlineData("""{"format":"aicq-agent-key-v1","seed":"AAAA"}""")]
    [InlineData("""{"format":"aicq-agent-key-v1","agent_id":"nope","seed":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}""")]
    [InlineData("""{"format":"aicq-agent-key-v1","public_key":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=","seed":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}""")]
    public void Load_RejectsInvalidFiles(string content)
    {
        Directory.CreateDirectory(directory);
        var path = PathTo("bad.json");
        File.WriteAllText(path, content);

        Assert.Throws<InvalidDataException>(() => AgentKey.Load(path));
    }

    [Fact]
    public void AgentIdentity_ToString_ShowsIdButNoKeys()
    {
        var id = Guid.NewGuid();
        using var identity = new AgentIdentity(id, AgentKey.Generate());

        var text = identity.ToString();

        Assert.Contains(id.ToString(), text);
        Assert.DoesNotContain(identity.Key.PublicKeyBase64, text);
        Assert.DoesNotContain(Convert.ToBase64String(identity.Key.ExportSeed()), text);
    }
}
