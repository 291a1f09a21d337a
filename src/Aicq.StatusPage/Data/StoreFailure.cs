using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Aicq.StatusPage.Data;

/// <summary>The exceptions that mean "the database is away or slow": the page keeps serving live state through them.</summary>
internal static class StoreFailure
{
    public static bool Is(Exception e) =>
        e is DbException or DbUpdateException or TimeoutException or InvalidOperationException
        || e is OperationCanceledException { InnerException: TimeoutException };
}
