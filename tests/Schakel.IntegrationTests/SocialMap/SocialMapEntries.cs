using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;
using Schakel.Testing;

namespace Schakel.IntegrationTests.SocialMap;

/// <summary>Entries for social-map tests, listed through the API as the coordinator would.</summary>
internal static class SocialMapEntries
{
    private static int _agb = 4100000;

    private static string NextAgb() => $"0{Interlocked.Increment(ref _agb)}";

    private static string EmailOf(string name) =>
        $"{new string(name.ToLowerInvariant().Where(char.IsAsciiLetter).Take(20).ToArray())}.{Guid.NewGuid().ToString("N")[..12]}@test.example.nl";

    public static TherapistLocationEntry Physio(string name, string postcode) => new(
        name, NextAgb(), "Hoofdstraat", "1", postcode, "Plaats", "013-1234567", EmailOf(name),
        [new TherapistEntry("Anouk de Vries", TherapistDiscipline.Physiotherapist, NextAgb(), "19012345601")],
        [FallsPreventionOffer.BalanceAndStrengthTraining]);

    public static TherapistLocationEntry Exercise(string name, string postcode) => Physio(name, postcode) with
    {
        Therapists = [new TherapistEntry("Bram Janssen", TherapistDiscipline.ExerciseTherapist, NextAgb(), null)],
    };

    public static TherapistLocationEntry Occupational(string name, string postcode) => Physio(name, postcode) with
    {
        Therapists = [new TherapistEntry("Carla Smits", TherapistDiscipline.OccupationalTherapist, NextAgb(), null)],
        Offers = [FallsPreventionOffer.HomeSafetyAssessment],
    };

    public static Task<LocationView> ListAsync(IntegrationApp app, TherapistLocationEntry entry) => app.ListAsync(entry);
}
