using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aicq.StatusPage.Data;

internal static class NpgsqlOptions
{
    /// <summary>The migrations history lives in the status schema too, apart from the API's.</summary>
    public static DbContextOptionsBuilder UseStatusNpgsql(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", StatusDbContext.Schema));

    public static DbContextOptionsBuilder UseStatusNpgsql(this DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", StatusDbContext.Schema));
}
