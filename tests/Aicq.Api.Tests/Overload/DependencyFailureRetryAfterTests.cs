namespace Aicq.Api.Tests.Overload;

/// <summary>
/// A 503 for a failed dependency says when to retry, like a shed request: under overload a store that times
/// out is the other way an instance refuses work, and clients must be able to tell both from a broken server.
/// </summary>
public sealed class DependencyFailureRetryAfterTests(OwnRedisApiFactory api) : IClassFixture<OwnRedisApiFactory>
{
    [Fact]
    public async Task RedisDown_503CarriesRetryAfter()
    {
        await api.Redis.StopAsync();
        try
        {
            var response = await api.CreateClient().GetAsync("/room/00000000-0000-0000-0000-000000000001");
            await Assert.Error(response, HttpStatusCode.ServiceUnavailable);
            Assert.True(int.TryParse(Assert.Single(response.Headers.GetValues("Retry-After")), out var seconds) && seconds >= 1);
        }
        finally
        {
            await api.Redis.StartAgainAsync();
        }
    }
}
