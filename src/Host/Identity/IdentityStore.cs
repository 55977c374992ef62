using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Schakel.Host.Identity;

/// <summary>
/// Accounts, organisations, sessions, OpenIddict's applications/authorizations/tokens and the
/// data-protection keys, in PostgreSQL schema <see cref="Schema"/>. Migrations in Identity/Migrations.
/// </summary>
public sealed class IdentityStore(DbContextOptions<IdentityStore> options)
    : IdentityDbContext<CareAccount, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public const string Schema = "identity";

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<CareSession> Sessions => Set<CareSession>();

    public DbSet<ServerCredential> ServerCredentials => Set<ServerCredential>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);
        builder.UseOpenIddict<Guid>();

        builder.Entity<CareAccount>(a =>
        {
            a.Property(x => x.DisplayName).HasMaxLength(200);
            a.Property(x => x.AgbCode).HasMaxLength(8);
            a.Property(x => x.BigNumber).HasMaxLength(11);
            a.Property(x => x.Pool).HasConversion<string>().HasMaxLength(40);
            a.Property(x => x.PendingAuthenticatorKey).HasMaxLength(1000);
            a.Property(x => x.AuthenticatorKey).HasMaxLength(1000);
            a.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            a.HasOne(x => x.ActsOnBehalfOf).WithMany().HasForeignKey(x => x.ActsOnBehalfOfId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Organisation>(o =>
        {
            o.ToTable("organisations");
            o.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
            o.Property(x => x.Name).HasMaxLength(200);
            o.Property(x => x.AgbCode).HasMaxLength(8);
            o.Property(x => x.City).HasMaxLength(100);
            o.PrimitiveCollection(x => x.Locations);
            o.Property(x => x.Pools).HasConversion(
                pools => pools.Select(p => p.ToString()).ToArray(),
                names => names.Select(Enum.Parse<Schakel.BuildingBlocks.Access.SpecialtyPool>).ToList(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<Schakel.BuildingBlocks.Access.SpecialtyPool>>(
                    (a, b) => a!.SequenceEqual(b!), l => l.Aggregate(0, (h, p) => HashCode.Combine(h, p)), l => l.ToList()));
            o.HasIndex(x => x.AgbCode);
        });

        builder.Entity<CareSession>(s =>
        {
            s.ToTable("sessions");
            s.HasIndex(x => x.AccountId);
            s.Property(x => x.IpAddress).HasMaxLength(64);
            s.Property(x => x.UserAgent).HasMaxLength(300);
        });

        builder.Entity<ServerCredential>(c =>
        {
            c.ToTable("server_credentials");
            c.HasKey(x => x.Purpose);
            c.Property(x => x.Purpose).HasMaxLength(40);
        });

        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }
}
