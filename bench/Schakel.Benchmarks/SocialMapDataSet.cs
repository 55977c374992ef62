using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Geography;

namespace Schakel.Benchmarks;

/// <summary>
/// A national-scale social map for benchmarks: locations spread over the country's PC4 areas, with
/// the mix of the Dutch professions (about 35,000 physiotherapists, 1,700 exercise therapists and
/// 3,500 occupational therapists, one to five per location), offers, funding, languages,
/// availability and verification dates spread over the past year (so some are stale). Seeded, so a
/// run is repeatable. Every entry passes the API's validation.
/// </summary>
public sealed class SocialMapDataSet(PostcodeAreas areas, IReadOnlyList<string> postcodeAreas, int seed = 20261205)
{
    private static readonly string[] Insurers = ["CZ", "VGZ", "Zilveren Kruis", "Menzis", "DSW", "ONVZ", "Zorg en Zekerheid"];
    private static readonly string[] SecondLanguages = ["en", "tr", "ar", "pl", "de", "pap", "ber"];

    private readonly Random _random = new(seed);

    /// <summary>Every PC4 area of the embedded table, in file order.</summary>
    public static SocialMapDataSet National(PostcodeAreas areas, IEnumerable<string> digits, int seed = 20261205) => new(areas, digits.ToList(), seed);

    public IEnumerable<(TherapistLocationEntry Entry, DateTimeOffset VerifiedAt)> Generate(int count, DateTimeOffset now)
    {
        for (var i = 0; i < count; i++)
        {
            yield return (Next(i), now.AddDays(-_random.Next(0, 365)));
        }
    }

    private TherapistLocationEntry Next(int i)
    {
        var area = areas.FindArea(postcodeAreas[_random.Next(postcodeAreas.Count)])!;
        var discipline = _random.NextDouble() switch
        {
            < 0.87 => TherapistDiscipline.Physiotherapist,
            < 0.91 => TherapistDiscipline.ExerciseTherapist,
            _ => TherapistDiscipline.OccupationalTherapist,
        };
        var therapists = Enumerable.Range(0, _random.Next(1, 6))
            .Select(t => new TherapistEntry($"Therapeut {i}-{t}", discipline, Agb(), discipline == TherapistDiscipline.Physiotherapist ? Big() : null))
            .ToList();
        FallsPreventionOffer[] possible = discipline == TherapistDiscipline.OccupationalTherapist
            ? [FallsPreventionOffer.HomeSafetyAssessment, FallsPreventionOffer.FearOfFalling]
            : [FallsPreventionOffer.InBalans, FallsPreventionOffer.VallenVerledenTijd, FallsPreventionOffer.Otago, FallsPreventionOffer.BalanceAndStrengthTraining, FallsPreventionOffer.FearOfFalling];
        var offers = possible.Where(_ => _random.NextDouble() < 0.4).ToList();
        if (offers.Count == 0)
        {
            offers.Add(possible[_random.Next(possible.Length)]);
        }

        FundingRoute[] funding = _random.NextDouble() < 0.7 ? [FundingRoute.BasicInsurance] : [FundingRoute.Municipality, FundingRoute.SupplementaryInsurance];
        string[] languages = _random.NextDouble() < 0.12 ? ["nl", SecondLanguages[_random.Next(SecondLanguages.Length)]] : ["nl"];
        return new TherapistLocationEntry(
            $"{(discipline == TherapistDiscipline.Physiotherapist ? "Fysiotherapie" : discipline == TherapistDiscipline.ExerciseTherapist ? "Oefentherapie" : "Ergotherapie")} {area.Municipality} {i}",
            Agb(), "Hoofdstraat", $"{_random.Next(1, 300)}", $"{area.Digits} {(char)('A' + _random.Next(0, 17))}{(char)('A' + _random.Next(0, 17))}", area.Municipality,
            $"0{_random.Next(10, 99)}-{_random.Next(1_000_000, 9_999_999)}", $"praktijk{i}@bench.example.nl", therapists, offers,
            HomeVisits: _random.NextDouble() < 0.3, Languages: languages, WheelchairAccessible: _random.NextDouble() < 0.6, FundingRoutes: funding,
            ContractedInsurers: Insurers.Where(_ => _random.NextDouble() < 0.5).ToList(), AcceptingPatients: _random.NextDouble() < 0.8,
            WaitingWeeks: _random.NextDouble() < 0.7 ? _random.Next(0, 9) : null);
    }

    private string Agb() => $"04{_random.Next(0, 1_000_000):D6}";

    private string Big() => $"{_random.Next(10_000, 99_999):D5}{_random.Next(100_000, 999_999):D6}";
}
