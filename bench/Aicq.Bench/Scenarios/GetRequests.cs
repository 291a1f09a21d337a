using Aicq.Client;
using Aicq.Protocol;

namespace Aicq.Bench.Scenarios;

/// <summary>The same unsigned GET every time, optionally with a room key; building it is all the loop pays.</summary>
internal sealed class GetRequests(string relativeUrl, string? roomKey) : IRequestSource
{
    private readonly Uri _url = new(relativeUrl, UriKind.Relative);

    public HttpRequestMessage? Next()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, _url);
        if (roomKey is not null) request.Headers.TryAddWithoutValidation(ProtocolHeaders.RoomKey, roomKey);
        return request;
    }
}
