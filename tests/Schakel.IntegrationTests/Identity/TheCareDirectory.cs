using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Identity;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Identity;

/// <summary>The port through which modules find colleagues: active people of the right organisation, role and pool only.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class TheCareDirectory(IntegrationApp app)
{
    private readonly Given _given = new(app);

    [Fact]
    public async Task a_pool_has_the_active_specialists_of_that_hospital_and_specialty_only()
    {
        var hospital = await _given.AHospitalAsync();
        var otherHospital = await _given.AHospitalAsync();
        var internist = await _given.AnAccountAsync(SchakelRoles.Internist, hospital, pool: SpecialtyPool.InternalMedicine, name: "Dr. Intern");
        var rheumatologist = await _given.AnAccountAsync(SchakelRoles.Rheumatologist, hospital, pool: SpecialtyPool.Rheumatology);
        var nurse = await _given.AnAccountAsync(SchakelRoles.OsteoporosisNurse, hospital);
        var elsewhere = await _given.AnAccountAsync(SchakelRoles.Internist, otherHospital, pool: SpecialtyPool.InternalMedicine);
        var gone = await _given.AnAccountAsync(SchakelRoles.Internist, hospital, pool: SpecialtyPool.InternalMedicine);
        await DeactivateAsync(gone.Id);

        using var scope = app.Host.Services.CreateScope();
        var directory = scope.ServiceProvider.GetRequiredService<ICareDirectory>();

        var pool = await directory.SpecialistsOfAsync(hospital, SpecialtyPool.InternalMedicine, CancellationToken.None);
        var only = Assert.Single(pool);
        Assert.Equal((internist.Id, "Dr. Intern", internist.Email), (only.UserId, only.Name, only.Email));
        Assert.Contains(SchakelRoles.Internist, only.Roles);

        var nurses = await directory.PeopleWithRoleAsync(hospital, [SchakelRoles.OsteoporosisNurse], CancellationToken.None);
        Assert.Equal(nurse.Id, Assert.Single(nurses).UserId);
        Assert.DoesNotContain(elsewhere.Id, pool.Select(p => p.UserId));
        Assert.Equal(rheumatologist.Id, (await directory.FindAsync(rheumatologist.Id, CancellationToken.None))?.UserId);
        Assert.Null(await directory.FindAsync(gone.Id, CancellationToken.None));
    }

    private async Task DeactivateAsync(Guid id)
    {
        using var scope = app.Host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CareAccount>>();
        var account = (await users.FindByIdAsync(id.ToString()))!;
        account.IsActive = false;
        Assert.True((await users.UpdateAsync(account)).Succeeded);
    }
}
