namespace Aicq.StatusPage.Tests.Probing;

/// <summary>
/// The configuration Alertmanager 0.25 reports at /api/v2/status, in its own normalised YAML (an empty
/// receiver is just its name). The live check against a real Alertmanager is in Aicq.Monitoring.Tests.
/// </summary>
public sealed class OnCallReceiverTests
{
    private const string Receivers = """
        route:
          receiver: chat
        receivers:
        - name: pager
        {0}
        - name: chat
          email_configs:
          - to: oncall@aicq.invalid
        """;

    private static byte[] Status(string pager) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { config = new { original = string.Format(Receivers, pager) } }));

    [Fact]
    public void Integrations_OfAReceiverWithoutAny_IsZero()
    {
        Assert.Equal(0, OnCallReceiver.Integrations(Status(""), "pager"));
    }

    [Fact]
    public void Integrations_CountsEveryConfigOfEveryKind()
    {
        const string pager = """
              webhook_configs:
              - url: http://127.0.0.1:9/oncall
              pagerduty_configs:
              - routing_key_file: /etc/alertmanager/secrets/pagerduty_routing_key
            """;
        Assert.Equal(2, OnCallReceiver.Integrations(Status(pager), "pager"));
    }

    [Fact]
    public void Integrations_OfAReceiverThatDoesNotExist_IsZero()
    {
        Assert.Equal(0, OnCallReceiver.Integrations(Status(""), "ops-pager"));
    }

    [Theory]
    [InlineData("Healthy.")]
    [InlineData("{\"cluster\":{}}")]
    [InlineData("{\"config\":{\"original\":\"receivers: [unclosed\"}}")]
    public void Integrations_OfAnAnswerThatIsNotAlertmanagersStatus_IsUnknown(string body)
    {
        Assert.Null(OnCallReceiver.Integrations(Encoding.UTF8.GetBytes(body), "pager"));
    }
}
