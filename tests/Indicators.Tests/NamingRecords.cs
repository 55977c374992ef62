using Schakel.Indicators.Figures;

namespace Schakel.Indicators.Tests;

/// <summary>How a record is named in the rows behind a figure.</summary>
public sealed class NamingRecords
{
    [Fact]
    public void records_made_at_the_same_moment_get_different_short_ids()
    {
        var moment = new DateTimeOffset(2026, 10, 5, 10, 0, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 20).Select(_ => Guid.CreateVersion7(moment)).ToList();

        var shortIds = ids.Select(Families.ShortId).ToList();

        Assert.Equal(20, shortIds.Distinct(StringComparer.Ordinal).Count());
        Assert.All(shortIds, s => Assert.Matches("^[0-9a-f]{8}$", s));
        Assert.All(ids, id => Assert.EndsWith(Families.ShortId(id), id.ToString("N"), StringComparison.Ordinal));
    }
}
