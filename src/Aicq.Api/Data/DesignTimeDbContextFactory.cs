using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Aicq.Api.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without a running database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AicqDbContext>
{
    public AicqDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AicqDbContext>().UseNpgsql("Host=localhost;Database=aicq_design").Options);
}
