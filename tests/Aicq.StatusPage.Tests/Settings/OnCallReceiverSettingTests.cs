using Microsoft.Extensions.Configuration;

namespace Aicq.StatusPage.Tests.Settings;

public sealed class OnCallReceiverSettingTests
{
    private static (StatusSettings Settings, SettingsReader Reader) Read(params (string Name, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Append(("STATUS_DATABASE_URL", "postgres://aicq:secret@127.0.0.1:5432/aicq")).Append(("STATUS_WEBHOOK_TOKEN", "webhook-token-0123456789abcdef"))
                .Select(v => new KeyValuePair<string, string?>(v.Item1, v.Item2)))
            .Build();
        var reader = new SettingsReader(configuration);
        return (StatusSettings.Read(reader), reader);
    }

    [Fact]
    public void OnCallReceiver_DefaultsToTheCommittedPagerReceiver()
    {
        var (settings, reader) = Read();
        Assert.Empty(reader.Errors);
        Assert.Equal("pager", settings.Probes.OnCallReceiver);
    }

    [Theory]
    [InlineData("pager/oncall")]
    [InlineData("on call")]
    [InlineData("pager\nx")]
    public void OnCallReceiver_ThatIsNoReceiverName_StopsTheStart(string value)
    {
        var (_, reader) = Read(("STATUS_ONCALL_RECEIVER", value));
        Assert.Contains(reader.Errors, e => e.StartsWith("STATUS_ONCALL_RECEIVER ", StringComparison.Ordinal));
    }
}
