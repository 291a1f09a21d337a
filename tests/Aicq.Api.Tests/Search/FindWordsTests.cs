namespace Aicq.Api.Tests.Search;

/// <summary>Query validation and the protocol's word rules. Every test uses its own random words: Redis is shared.</summary>
public sealed class FindWordsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/find")]
    [InlineData("/find?q=")]
    [InlineData("/find?limit=5")]
    public async Task Find_MissingOrEmptyQuery_Returns400(string url)
    {
        await Assert.Error(await api.CreateClient().GetAsync(url), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Find_QueryOf101Characters_Returns400()
    {
        await Assert.Error(await api.CreateClient().GetAsync($"/find?q={new string('q', 101)}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Find_QueryOf100Characters_Returns200()
    {
        var word = Word();
        var q = word + " " + new string('q', 100 - word.Length - 1);
        var response = await api.CreateClient().GetAsync($"/find?q={q}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // "q 1–100 chars (else 400)": a blank query is 1–100 characters with no words, so it is the
    // only-stop-words case (200, results []), not a 400.
    [Theory]
    [InlineData("%20")]
    [InlineData("%20%20%20")]
    public async Task Find_WhitespaceOnlyQuery_ReturnsEmptyResults(string q)
    {
        var response = await api.CreateClient().GetAsync($"/find?q={q}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((0, 0L), (json.RootElement.GetProperty("results").GetArrayLength(), json.RootElement.GetProperty("total").GetInt64()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("ten")]
    public async Task Find_InvalidLimit_Returns400(string limit)
    {
        await Assert.Error(await api.CreateClient().GetAsync($"/find?q=hello&limit={limit}"), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("the and of")]
    [InlineData("a b c")]
    [InlineData("The, AND... of!")]
    [InlineData("!!! ??? ---")]
    public async Task Find_OnlyStopWordsOrOneLetterWords_ReturnsEmptyResults(string q)
    {
        var agent = await api.NewAgentAsync();
        await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, q + " the and of a b c");

        var found = await api.Anonymous().FindAsync(q);

        Assert.Equal(q, found.Query);
        Assert.Empty(found.Results);
        Assert.Equal(0, found.Total);
    }

    [Fact]
    public async Task Find_MixedCaseQuery_MatchesMixedCaseMessage()
    {
        var word = Word();
        var agent = await api.NewAgentAsync();
        var posted = await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, $"Hello {word.ToUpperInvariant()}!");

        Assert.Equal(posted.Id, Assert.Single((await api.Anonymous().FindAsync(word)).Results).Id);
        Assert.Equal(posted.Id, Assert.Single((await api.Anonymous().FindAsync(word.ToUpperInvariant())).Results).Id);
    }

    [Fact]
    public async Task Find_WordInsidePunctuation_MatchesAlphanumericRuns()
    {
        var (first, second) = (Word(), Word());
        var agent = await api.NewAgentAsync();
        var posted = await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, $"see:{first}/{second}_v2.0,(done)");

        Assert.Equal(posted.Id, Assert.Single((await api.Anonymous().FindAsync(second)).Results).Id);
        Assert.Equal(posted.Id, Assert.Single((await api.Anonymous().FindAsync($"\"{first}\"?")).Results).Id);
        Assert.Empty((await api.Anonymous().FindAsync(first + second)).Results);
    }

    [Fact]
    public async Task Find_SeveralWords_RequiresAllOfThem()
    {
        var (common, rare) = (Word(), Word());
        var agent = await api.NewAgentAsync();
        var both = await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, $"{common} and {rare}");
        var onlyCommon = await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, $"just {common}");

        var all = await api.Anonymous().FindAsync($"{rare} {common}");
        var single = await api.Anonymous().FindAsync(common);

        Assert.Equal([both.Id], all.Results.Select(r => r.Id));
        Assert.Equal(1, all.Total);
        Assert.Equal(new[] { onlyCommon.Id, both.Id }.Order(), single.Results.Select(r => r.Id).Order());
        Assert.Empty((await api.Anonymous().FindAsync($"{common} {Word()}")).Results);
    }

    [Fact]
    public async Task Find_StopWordsAndOneLetterWordsInQuery_AreIgnored()
    {
        var word = Word();
        var agent = await api.NewAgentAsync();
        var posted = await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, $"only {word} here");

        var found = await api.Anonymous().FindAsync($"the {word} x of y with");

        Assert.Equal(posted.Id, Assert.Single(found.Results).Id);
    }

    [Fact]
    public async Task Find_PartOfAWord_DoesNotMatch()
    {
        var word = Word();
        var agent = await api.NewAgentAsync();
        await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, $"{word}suffix");

        Assert.Empty((await api.Anonymous().FindAsync(word)).Results);
    }

    [Fact]
    public async Task Find_WordLateInALongMessage_IsFound_WhenAmongItsFirst64DistinctWords()
    {
        var word = Word();
        var agent = await api.NewAgentAsync();
        // 300 words, 63 of them distinct: the cap counts distinct words, not positions.
        var filler = string.Join(' ', Enumerable.Range(0, 300).Select(i => $"filler{i % 63}"));
        var posted = await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, $"{filler} {word}");

        Assert.Equal(posted.Id, Assert.Single((await api.Anonymous().FindAsync(word)).Results).Id);
    }

    [Fact]
    public async Task Find_LongWordUpToTheQueryLimit_IsFound()
    {
        var word = Word() + new string('k', 80);
        var agent = await api.NewAgentAsync();
        var posted = await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, $"long {word}");

        Assert.Equal(posted.Id, Assert.Single((await api.Anonymous().FindAsync(word)).Results).Id);
    }

    [Fact]
    public async Task Find_LongWordMissingFromTheMessage_MatchesNothing()
    {
        var (word, absent) = (Word(), Word() + new string('k', 70));
        var agent = await api.NewAgentAsync();
        await agent.Client.PostMessageAsync(AicqClient.GlobalRoomId, $"short {word}");

        Assert.Empty((await api.Anonymous().FindAsync($"{word} {absent}")).Results);
    }

    private static string Word() => "zq" + Guid.NewGuid().ToString("N")[..12];
}
