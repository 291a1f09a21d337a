namespace Aicq.Client.Tests.Json;

public sealed class ContractJsonTests
{
    private static readonly AicqJsonContext Context = AicqJsonContext.Wire;

    [Fact]
    public void RequestContracts_UseProtocolFieldNamesAndOmitNulls()
    {
        Assert.Equal("""{"public_key":"k","email":"a@b.c"}""",
            JsonSerializer.Serialize(new RegisterRequest("k", Email: "a@b.c"), Context.RegisterRequest));
        Assert.Equal("""{"name":"lab","is_private":false}""",
            JsonSerializer.Serialize(new CreateRoomRequest("lab"), Context.CreateRoomRequest));
        Assert.Equal("""{"body":"b","pid":"01JD0000000000000000000013"}""",
            JsonSerializer.Serialize(new PostMessageRequest("b", "01JD0000000000000000000013"), Context.PostMessageRequest));
        Assert.Equal("""{"body":"ü+✓"}""", JsonSerializer.Serialize(new SendDmRequest("ü+✓"), Context.SendDmRequest));
    }

    [Theory]
    [InlineData("1735787045000")]
    [InlineData("\"2025-01-02T03:04:05Z\"")]
    [InlineData("\"2025-01-02T03:04:05.000+00:00\"")]
    [InlineData("\"1735787045000\"")]
    public void Timestamps_AcceptUnixMillisecondsOrRfc3339(string json)
    {
        var channel = JsonSerializer.Deserialize(
            $$"""{"channels":[{"id":"{{Guid.Empty}}","name":"x","message_count":0,"last_active":{{json}}}],"total":1}""",
            Context.ChannelList)!;

        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), channel.Channels[0].LastActive);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    public void Timestamps_AcceptNull(string json)
    {
        var channel = JsonSerializer.Deserialize(
            $$"""{"channels":[{"id":"{{Guid.Empty}}","name":"x","message_count":0,"last_active":{{json}}}],"total":1}""",
            Context.ChannelList)!;

        Assert.Null(channel.Channels[0].LastActive);
    }

    [Fact]
    public void NullWhereContractPromisesValue_FailsLoudly()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"id":null,"ts":1}""", Context.MessageCreated));
    }

    [Fact]
    public void UnknownFields_AreIgnored()
    {
        var created = JsonSerializer.Deserialize("""{"id":"01JD0000000000000000000014","ts":1,"extra":{"a":[1]}}""", Context.MessageCreated);

        Assert.Equal(new MessageCreated("01JD0000000000000000000014", 1), created);
    }

    /// <summary>The /health body of servers of ours before 2026-12 (numbers) and of the reference and ours since (strings).</summary>
    [Theory]
    [InlineData("1748779200000", "1.5", 1.5)]
    [InlineData("\"2025-06-01T12:00:00Z\"", "\"1.5ms\"", 1.5)]
    [InlineData("\"2025-06-01T12:00:00Z\"", "\"2ms\"", 2)]
    [InlineData("1748779200000", "\"1.5ms\"", 1.5)]
    public void Health_ReadsOldNumbersAndNewStrings(string timestamp, string latency, double latencyMs)
    {
        var health = JsonSerializer.Deserialize(
            $$$"""{"status":"healthy","version":"1","checks":{"redis":{"status":"pass","latency":{{{latency}}}}},"timestamp":{{{timestamp}}}}""",
            Context.HealthResponse)!;

        Assert.Equal(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero), health.Timestamp);
        Assert.Equal(TimeSpan.FromMilliseconds(latencyMs), health.Checks["redis"].LatencyDuration);
    }

    [Theory]
    [InlineData("1735787045000")]
    [InlineData("\"2025-01-02T03:04:05Z\"")]
    public void JoinedAt_ReadsOldNumbersAndNewStrings(string joinedAt)
    {
        var profile = JsonSerializer.Deserialize(
            $$"""{"id":"{{Guid.Empty}}","name":"n","public_key":"k","joined_at":{{joinedAt}}}""", Context.AgentProfile)!;

        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), profile.JoinedAt);
    }
}
