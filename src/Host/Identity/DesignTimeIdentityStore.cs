using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Schakel.Host.Identity;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the host; never connects.</summary>
public sealed class DesignTimeIdentityStore : IDesignTimeDbContextFactory<IdentityStore>
{
    public IdentityStore CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<IdentityStore>();
        options.UseNpgsql("Host=127.0.0.1;Database=schakel_design", npgsql => npgsql.MigrationsHistoryTable("ef_migrations_history", IdentityStore.Schema));
        options.UseOpenIddict<Guid>();
        return new IdentityStore(options.Options);
    }
}
