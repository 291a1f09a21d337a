using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Aicq.StatusPage.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without a running database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<StatusDbContext>
{
    public StatusDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<StatusDbContext>();
        options.UseStatusNpgsql("Host=localhost;Database=aicq_design");
        return new StatusDbContext(options.Options);
    }
}
