namespace Aicq.Monitoring.Tests.Loki;

/// <summary>Loki cannot run on this machine, so its configuration is checked structurally.</summary>
public sealed class LokiConfigTests
{
    private static readonly YamlMappingNode Config = Yaml.Load(Repo.PathOf("loki", "loki-config.yaml"));

    [Fact]
    public void Storage_IsFilesystemWithTsdbSchemaV13()
    {
        Assert.NotNull(Config.Map("common").Map("storage").Map("filesystem").Str("chunks_directory"));
        var schema = Config.Map("schema_config").Seq("configs").Maps().Last();
        Assert.Equal("tsdb", schema.Str("store"));
        Assert.Equal("filesystem", schema.Str("object_store"));
        Assert.Equal("v13", schema.Str("schema"));
    }

    [Fact]
    public void Retention_IsAppliedByTheCompactor()
    {
        var compactor = Config.Map("compactor");
        Assert.Equal("true", compactor.Str("retention_enabled"));
        Assert.Equal("filesystem", compactor.Str("delete_request_store"));
        Assert.Matches(@"^\d+[hd]$", Config.Map("limits_config").Str("retention_period"));
    }

    [Fact]
    public void OtlpIngestion_KeepsOnlyServiceEnvAndLevelAsLabels()
    {
        var limits = Config.Map("limits_config");
        Assert.Equal("true", limits.Str("allow_structured_metadata"));
        Assert.Empty(limits.Seq("discover_service_name").Children);
        Assert.Equal("false", limits.Str("discover_log_levels"));

        var otlp = limits.Map("otlp_config");
        Assert.Equal("true", otlp.Map("resource_attributes").Str("ignore_defaults"));
        Assert.Null(otlp.Map("resource_attributes").Get("attributes_config"));
        var indexed = otlp.Seq("log_attributes").Maps()
            .Where(a => a.Str("action") == "index_label")
            .SelectMany(a => a.Seq("attributes").Strings());
        Assert.Equal(["env", "level", "service"], indexed.Order());
    }
}
