namespace Aicq.Testing.Edge;

/// <summary>Several clients a test plays at once, disposed together.</summary>
public sealed class ClientGroup(IEnumerable<HttpClient> clients) : List<HttpClient>(clients), IDisposable
{
    public void Dispose()
    {
        foreach (var client in this) client.Dispose();
    }
}
