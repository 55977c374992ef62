using Schakel.BuildingBlocks.Access;

namespace Schakel.Platform.Tests;

public sealed class WhoSeesACase
{
    private static readonly Guid PracticeA = Guid.CreateVersion7();
    private static readonly Guid PracticeB = Guid.CreateVersion7();
    private static readonly Guid Hospital = Guid.CreateVersion7();
    private static readonly CaseOwners ACase = new(PracticeA, Hospital, SpecialtyPool.Rheumatology);

    private static CareUser User(OrganisationKind kind, Guid organisation, SpecialtyPool? pool = null, string role = SchakelRoles.GeneralPractitioner)
    {
        var id = Guid.CreateVersion7();
        return new CareUser(id, "Test", new HashSet<string> { role }, organisation, kind, "Org", pool, id, "Test", null);
    }

    [Fact]
    public void the_gp_side_sees_the_cases_of_its_own_practice_only()
    {
        Assert.True(CaseAccess.MaySee(User(OrganisationKind.GpPractice, PracticeA), ACase));
        Assert.False(CaseAccess.MaySee(User(OrganisationKind.GpPractice, PracticeB), ACase));
    }

    [Fact]
    public void the_specialist_side_sees_the_cases_of_its_own_hospital_pool_only()
    {
        Assert.True(CaseAccess.MaySee(User(OrganisationKind.Hospital, Hospital, SpecialtyPool.Rheumatology, SchakelRoles.Rheumatologist), ACase));
        Assert.False(CaseAccess.MaySee(User(OrganisationKind.Hospital, Hospital, SpecialtyPool.InternalMedicine, SchakelRoles.Internist), ACase));
        Assert.False(CaseAccess.MaySee(User(OrganisationKind.Hospital, Guid.CreateVersion7(), SpecialtyPool.Rheumatology, SchakelRoles.Rheumatologist), ACase));
    }

    [Fact]
    public void a_coordinator_sees_a_case_only_when_it_is_shared_with_her()
    {
        var coordinator = User(OrganisationKind.Region, Guid.CreateVersion7(), role: SchakelRoles.Coordinator);

        Assert.False(CaseAccess.MaySee(coordinator, ACase));
        Assert.True(CaseAccess.MaySee(coordinator, ACase with { SharedWith = new HashSet<Guid> { coordinator.UserId } }));
    }
}

public sealed class PseudonymousPatients
{
    private static readonly PatientPseudonyms Pseudonyms = new(System.Text.Encoding.UTF8.GetBytes("a key of at least thirty-two bytes long"));

    [Fact]
    public void the_same_practice_and_number_give_the_same_reference_and_another_practice_another()
    {
        var practice = Guid.CreateVersion7();

        Assert.Equal(Pseudonyms.For(practice, "P-1"), Pseudonyms.For(practice, " p-1 "));
        Assert.NotEqual(Pseudonyms.For(practice, "P-1"), Pseudonyms.For(Guid.CreateVersion7(), "P-1"));
    }

    [Fact]
    public void a_reference_holds_no_digits_so_it_can_never_look_like_a_bsn()
    {
        var practice = Guid.CreateVersion7();

        foreach (var number in Enumerable.Range(0, 2000))
        {
            var reference = Pseudonyms.For(practice, $"P-{number}");
            Assert.DoesNotContain(reference, char.IsAsciiDigit);
            Assert.Equal(PatientPseudonyms.Prefix.Length + 24, reference.Length);
        }
    }
}
