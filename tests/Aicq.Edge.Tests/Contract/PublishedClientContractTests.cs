using YamlDotNet.RepresentationModel;

namespace Aicq.Edge.Tests.Contract;

/// <summary>
/// Every answer of every operation decodes into the types the published clients (Go, TypeScript, Python, bash)
/// decode it into (issue 18: the Go client failed 4 of 13 steps on three time fields sent as numbers), against an
/// API instance directly and through the edge.
/// </summary>
[Collection(ApplianceCollection.Name)]
public sealed class PublishedClientContractTests(ApplianceFixture appliance)
{
    public static TheoryData<string> Paths => ["api", "edge"];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task EveryAnswer_DecodesIntoThePublishedClientsTypes(string path)
    {
        var answers = await JourneyThrough(path).RunAsync();

        var failures = answers
            .Where(a => a.Body.Length > 0 && a.Type != PublishedClientTypes.Unread)
            .SelectMany(a => PublishedClients.All
                .Where(client => client.For(a.Type) is not null)
                .SelectMany(client => Decode(a, client.For(a.Type)!).Select(error => $"{client.Name}: {a.Operation} -> {(int)a.Status}: {error}")))
            .Distinct()
            .ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches with the published clients' types through the {path}:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Journey_DecodesWithEveryPublishedClient_AndCallsEveryRouteOfTheProtocolTable()
    {
        var answers = await JourneyThrough("api").RunAsync();

        Assert.All(PublishedClients.All, client => Assert.Contains(answers, a => client.For(a.Type) is not null));
        var called = answers.Select(a => Shape(a.Operation)).ToHashSet(StringComparer.Ordinal);
        var missed = ProtocolRoutes.All.Where(r => !called.Contains(Shape(r.Label))).Select(r => r.Id).ToList();
        Assert.True(missed.Count == 0, "the contract journey never calls: " + string.Join(", ", missed));
    }

    [Fact]
    public async Task Journey_CallsEveryOperationOfTheOpenApiDocument()
    {
        var answers = await JourneyThrough("api").RunAsync();
        var called = answers.Select(a => a.Operation).ToHashSet(StringComparer.Ordinal);

        var documented = await DocumentedOperationsAsync();
        Assert.NotEmpty(documented);
        var missed = documented.Where(operation => !called.Contains(operation)).ToList();
        Assert.True(missed.Count == 0, "the contract journey never calls: " + string.Join(", ", missed));
    }

    private GoClientJourney JourneyThrough(string path)
    {
        if (path == "api")
        {
            return new GoClientJourney(
                () => appliance.Api1.CreateClient(),
                identity => new HttpClient(new AicqSigningHandler(new RequestSigner(identity), new SocketsHttpHandler()))
                {
                    BaseAddress = new Uri(appliance.Api1.BaseUrl),
                    Timeout = TestTimeouts.Request,
                });
        }
        var from = ClientAddresses.Next();
        return new GoClientJourney(() => appliance.Edge.Client(from), identity => appliance.Edge.Signed(identity, from));
    }

    /// <summary>"METHOD /path" with parameter names dropped: the journey names operations as the OpenAPI document does.</summary>
    private static string Shape(string operation) => Regex.Replace(operation, @"\{[^}]*\}", "{}");

    private static IReadOnlyList<string> Decode(ContractAnswer answer, GoType type)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(answer.Body);
            return type.Decode(document.RootElement, "");
        }
        catch (System.Text.Json.JsonException e)
        {
            return [$"not JSON ({e.Message}): {answer.Body}"];
        }
    }

    private async Task<List<string>> DocumentedOperationsAsync()
    {
        using var client = appliance.Api1.CreateClient();
        var yaml = new YamlStream();
        yaml.Load(new StringReader(await client.GetStringAsync("/docs/openapi.yaml")));
        var paths = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children[new YamlScalarNode("paths")];
        return paths.Children
            .SelectMany(p => ((YamlMappingNode)p.Value).Children.Keys.Select(m => $"{((YamlScalarNode)m).Value!.ToUpperInvariant()} {((YamlScalarNode)p.Key).Value}"))
            .Where(operation => operation != "GET /docs/openapi.yaml")
            .ToList();
    }
}
