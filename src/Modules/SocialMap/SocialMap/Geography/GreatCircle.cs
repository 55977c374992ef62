namespace Schakel.SocialMap.Geography;

/// <summary>
/// Distance as the crow flies on a sphere, with the earth radius PostgreSQL's earthdistance uses
/// (6,378,168 m), so the distance we rank by agrees with the index box the database searched.
/// </summary>
public static class GreatCircle
{
    public const double EarthRadiusKm = 6378.168;

    public static double DistanceKm(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        var φ1 = Radians(latitude1);
        var φ2 = Radians(latitude2);
        var Δφ = φ2 - φ1;
        var Δλ = Radians(longitude2 - longitude1);
        var h = (Math.Sin(Δφ / 2) * Math.Sin(Δφ / 2)) + (Math.Cos(φ1) * Math.Cos(φ2) * Math.Sin(Δλ / 2) * Math.Sin(Δλ / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
