using JasperFx.Events;
using Marten.Events.Projections;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;

namespace Schakel.SocialMap.Coverage;

/// <summary>
/// How well one municipality is covered by the social map: locations and therapists per
/// discipline. Built asynchronously; the regional coordinator reads it to find white spots.
/// </summary>
public sealed record MunicipalityCoverage(
    string Id,
    int Locations,
    int Physiotherapists,
    int ExerciseTherapists,
    int OccupationalTherapists,
    DateTimeOffset LastChangedAt)
{
    public string Municipality => Id;

    public MunicipalityCoverage Add(TherapistLocationListed listed) => this with
    {
        Locations = Locations + 1,
        Physiotherapists = Physiotherapists + Count(listed, TherapistDiscipline.Physiotherapist),
        ExerciseTherapists = ExerciseTherapists + Count(listed, TherapistDiscipline.ExerciseTherapist),
        OccupationalTherapists = OccupationalTherapists + Count(listed, TherapistDiscipline.OccupationalTherapist),
        LastChangedAt = listed.ListedAt,
    };

    private static int Count(TherapistLocationListed listed, TherapistDiscipline discipline) =>
        listed.Therapists.Count(t => t.Discipline == discipline);
}

public sealed class DirectoryCoverageProjection : MultiStreamProjection<MunicipalityCoverage, string>
{
    public DirectoryCoverageProjection()
    {
        Identity<TherapistLocationListed>(e => e.Municipality);
    }

    public MunicipalityCoverage Create(TherapistLocationListed listed) =>
        new MunicipalityCoverage(listed.Municipality, 0, 0, 0, 0, listed.ListedAt).Add(listed);

    public MunicipalityCoverage Apply(TherapistLocationListed listed, MunicipalityCoverage coverage) =>
        coverage.Add(listed);
}
