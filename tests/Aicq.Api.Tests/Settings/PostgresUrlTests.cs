using Aicq.ServiceDefaults.Settings;
using Npgsql;

namespace Aicq.Api.Tests.Settings;

public sealed class PostgresUrlTests
{
    [Fact]
    public void OneHost_KeepsTheSingleServerConnection()
    {
        var builder = Parse("postgres://aicq:pw@db.internal:6543/aicq?sslmode=disable");
        Assert.Equal("db.internal", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Null(builder.TargetSessionAttributes);
        Assert.Equal("pw", builder.Password);
    }

    [Fact]
    public void SeveralHosts_PickThePrimaryForWritesUnlessTold()
    {
        var builder = Parse("postgres://aicq:p%40ss@a.internal:5432,b.internal:5433/aicq");
        Assert.Equal("a.internal:5432,b.internal:5433", builder.Host);
        Assert.Equal("primary", builder.TargetSessionAttributes);
        Assert.Equal("p@ss", builder.Password);
        Assert.True(builder.HostRecheckSeconds <= 2);
    }

    [Fact]
    public void SeveralHosts_TakeTheLibpqTargetSessionAttribute()
    {
        var builder = Parse("postgresql://aicq@a,[::1]:5433/aicq?target_session_attrs=read-write");
        Assert.Equal("a:5432,[::1]:5433", builder.Host);
        Assert.Equal("read-write", builder.TargetSessionAttributes);
    }

    [Fact]
    public void StaleReads_PreferAStandby()
    {
        var builder = Parse("postgres://aicq@replica:5432,primary:5432/aicq", PostgresUse.StaleReads);
        Assert.Equal("prefer-standby", builder.TargetSessionAttributes);
    }

    [Theory]
    [InlineData("postgres://aicq@a:5432,:5433/aicq", "host")]
    [InlineData("postgres://aicq@a:5432,b:99999/aicq", "port")]
    [InlineData("postgres://aicq@a,b/aicq?target_session_attrs=sometimes", "target_session_attrs")]
    [InlineData("postgres://aicq@a,b/aicq?target_session_attrs=read-only", "writes")]
    [InlineData("postgres://aicq@a,b/", "database")]
    public void BadUrl_IsRefusedWithTheReason(string url, string reason)
    {
        var (connectionString, error) = PostgresUrl.Parse(url, "test");
        Assert.Null(connectionString);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Mask_ShowsEveryHostAndTheTargetButNoPassword()
    {
        var (connectionString, _) = PostgresUrl.Parse("postgres://aicq:s3cret@a:5432,b:5433/aicq?sslmode=require", "test");
        var masked = PostgresUrl.Mask(connectionString!);
        Assert.Equal("postgres://aicq:********@a:5432,b:5433/aicq?sslmode=require&target_session_attrs=primary", masked);
    }

    private static NpgsqlConnectionStringBuilder Parse(string url, PostgresUse use = PostgresUse.Writes)
    {
        var (connectionString, error) = PostgresUrl.Parse(url, "test", use: use);
        Assert.Null(error);
        return new NpgsqlConnectionStringBuilder(connectionString);
    }
}
