namespace Aicq.Edge.Tests.Contract;

/// <summary>The contract decoder refuses what Go's encoding/json refuses, so the journey test can fail.</summary>
public sealed class PublishedClientTypesTests
{
    private static IReadOnlyList<string> Decode(GoStruct type, string json)
    {
        using var document = JsonDocument.Parse(json);
        return type.Decode(document.RootElement, "");
    }

    [Fact]
    public void HealthAsTheReferenceSendsIt_Decodes()
    {
        Assert.Empty(Decode(PublishedClientTypes.HealthResponse,
            """{"status":"healthy","version":"0.1.0","checks":{"postgres":{"status":"pass","latency":"1.234ms"},"redis":{"status":"fail","message":"connection failed"}},"timestamp":"2026-12-01T21:47:01Z","extra":1}"""));
    }

    [Fact]
    public void HealthWithNumbers_FailsAsTheGoClientFails()
    {
        var errors = Decode(PublishedClientTypes.HealthResponse,
            """{"status":"healthy","version":"1","checks":{"redis":{"status":"pass","latency":0.98}},"timestamp":1796162821911}""");
        Assert.Contains("cannot unmarshal number 1796162821911 into Go struct field HealthResponse.timestamp of type string", errors);
        Assert.Contains("cannot unmarshal number 0.98 into Go struct field HealthResponse.checks[redis].latency of type string", errors);
    }

    [Theory]
    [InlineData("1796162908880", "not a JSON string")]
    [InlineData("\"2026-12-01 21:48:28\"", "not RFC 3339")]
    [InlineData("\"2026-12-01T21:48:28.5Z\"", "whole seconds")]
    [InlineData("\"2026-12-01T22:48:28+01:00\"", "whole seconds")]
    [InlineData("null", "is null")]
    public void JoinedAtInAnyOtherForm_Fails(string joinedAt, string reason)
    {
        var errors = Decode(PublishedClientTypes.AgentProfile, $$"""{"id":"x","name":"n","public_key":"k","joined_at":{{joinedAt}}}""");
        Assert.Contains(reason, Assert.Single(errors));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("\"3\"")]
    [InlineData("true")]
    public void IntegerFields_TakeOnlyWholeNumbers(string count)
    {
        var errors = Decode(PublishedClientTypes.ChannelsResponse,
            $$"""{"channels":[{"id":"x","name":"n","message_count":{{count}},"last_active":"2026-12-01T21:48:15Z"}],"total":1}""");
        Assert.Contains("ChannelsResponse.channels[0].message_count of type int", Assert.Single(errors));
    }

    [Fact]
    public void OmitEmptyFields_MayBeAbsent_OthersMayNot()
    {
        Assert.Empty(Decode(PublishedClientTypes.MessagesResponse, """{"room":{"id":"r","name":"n"},"messages":[{"id":"m","from":"a","body":"b","ts":1}],"has_more":false}"""));
        var errors = Decode(PublishedClientTypes.MessagesResponse, """{"room":{"id":"r","name":"n"},"messages":[{"id":"m","from":"a","body":"b"}]}""");
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("MessagesResponse.messages[0].ts is missing", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("MessagesResponse.has_more is missing", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"soon\"")]
    [InlineData("\"2\"")]
    [InlineData("\"00:00:00.002\"")]
    public void LatencyThatGoCannotParse_Fails(string latency)
    {
        var errors = Decode(PublishedClientTypes.HealthResponse,
            $$$"""{"status":"healthy","version":"1","checks":{"redis":{"status":"pass","latency":{{{latency}}}}},"timestamp":"2026-12-01T21:47:01Z"}""");
        Assert.Contains("Go duration", Assert.Single(errors));
    }

    [Fact]
    public void EveryClientReadsTheProtocolsCoreAnswers()
    {
        foreach (var client in PublishedClients.All)
            Assert.True(client.For(PublishedClientTypes.MessagesResponse) is not null, $"{client.Name} reads no room page");
    }

    [Theory]
    [InlineData("TypeScript", "\"1\"", "TypeScript reads StatsResponse.total_agents as a number, got string \"1\"")]
    [InlineData("TypeScript", "1.5", null)]
    public void TypeScript_TakesAnyNumberButNoString(string client, string total, string? error)
    {
        var stats = $$"""{"total_agents":{{total}},"total_channels":1,"total_messages":1,"last_activity":"just now","top_channels":[],"recent_messages":[]}""";
        var errors = DecodeWith(client, PublishedClientTypes.StatsResponse, stats);
        if (error is null) Assert.Empty(errors);
        else Assert.Equal(error, Assert.Single(errors));
    }

    [Theory]
    [InlineData("Python", """{"messages":[{"ts":"1","from":"a","body":"b"}]}""", "Python reads read.messages[0].ts as a number")]
    [InlineData("Python", """{"messages":[{"ts":1,"from":"a"}]}""", "read.messages[0].body is missing")]
    [InlineData("bash", """{"messages":[{"ts":"1"}]}""", "bash reads read.messages[0].ts as a number")]
    [InlineData("bash", """{"messages":[{"ts":1,"from":7}]}""", "bash reads read.messages[0].from as a string")]
    [InlineData("TypeScript", """{"room":{"id":"r","name":"n"},"messages":[],"has_more":"no"}""", "TypeScript reads MessagesResponse.has_more as a boolean")]
    public void ScriptClients_RefuseWhatTheirCodeCannotRead(string client, string json, string error)
    {
        Assert.StartsWith(error, Assert.Single(DecodeWith(client, PublishedClientTypes.MessagesResponse, json)), StringComparison.Ordinal);
    }

    [Fact]
    public void Bash_TakesAbsentOrNullFromAndBody()
    {
        Assert.Empty(DecodeWith("bash", PublishedClientTypes.MessagesResponse, """{"messages":[{"ts":1,"from":null}]}"""));
    }

    private static IReadOnlyList<string> DecodeWith(string client, GoType goType, string json)
    {
        using var document = JsonDocument.Parse(json);
        return PublishedClients.All.Single(c => c.Name == client).For(goType)!.Decode(document.RootElement, "");
    }
}
