using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Freshness;

namespace Schakel.SocialMap.Tests.Freshness;

public sealed class SigningProviderLinks
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly EphemeralDataProtectionProvider _protection = new();

    private ProviderLinks Links(string? lifetime = null) => new(
        _protection,
        new ConfigurationBuilder().AddInMemoryCollection(lifetime is null ? [] : [new(ProviderLinks.LifetimeSetting, lifetime)]).Build(),
        _clock);

    [Fact]
    public void a_link_reads_back_as_issued_until_it_expires_after_30_days()
    {
        var links = Links();
        var location = Guid.CreateVersion7();
        var (issued, token) = links.Issue(location);

        var (read, problem) = links.Read(token);
        Assert.Null(problem);
        Assert.Equal(issued, read);
        Assert.Equal(location, read!.LocationId);
        Assert.Equal(_clock.GetUtcNow().AddDays(30), read.ExpiresAt);

        _clock.Advance(TimeSpan.FromDays(30).Subtract(TimeSpan.FromSeconds(1)));
        Assert.Null(links.Read(token).Problem);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(ProviderLinkProblem.Expired, links.Read(token).Problem);
    }

    [Fact]
    public void the_lifetime_is_configurable()
    {
        var (link, _) = Links("7.00:00:00").Issue(Guid.CreateVersion7());

        Assert.Equal(_clock.GetUtcNow().AddDays(7), link.ExpiresAt);
    }

    [Fact]
    public void a_changed_or_foreign_token_is_invalid()
    {
        var links = Links();
        var (_, token) = links.Issue(Guid.CreateVersion7());
        var falls = _protection.CreateProtector("Schakel.FallsPrevention.TherapistLink.v1").Protect("x|y|z");

        Assert.Equal(ProviderLinkProblem.Invalid, links.Read(token[..^2] + (token[^2] == 'x' ? "yz" : "xz")).Problem);
        Assert.Equal(ProviderLinkProblem.Invalid, links.Read((token[0] == 'A' ? 'B' : 'A') + token[1..]).Problem);
        Assert.Equal(ProviderLinkProblem.Invalid, links.Read("").Problem);
        Assert.Equal(ProviderLinkProblem.Invalid, links.Read(null).Problem);
        Assert.Equal(ProviderLinkProblem.Invalid, links.Read(falls).Problem);
        Assert.Equal(ProviderLinkProblem.Invalid, links.Read(_protection.CreateProtector(ProviderLinks.Purpose).Protect("not|a link")).Problem);
    }

    [Fact]
    public void only_the_open_link_of_a_listed_location_may_be_used_and_only_once()
    {
        var links = Links();
        var location = ListingATherapistLocation.AListedLocation();
        var (first, _) = links.Issue(location.Id);
        var (second, _) = links.Issue(location.Id);
        ProviderLinkSent Sent(ProviderLink link) => new(location.Id, link.LinkId, "info@fysio.example.nl", ProviderLinkReason.Requested, link.ExpiresAt,
            ListingATherapistLocation.Coordinator, _clock.GetUtcNow());

        Assert.Equal(ProviderLinkProblem.Used, ProviderLinks.Check(first, location));
        var open = location.Apply(Sent(first));
        Assert.Null(ProviderLinks.Check(first, open));
        Assert.Equal(ProviderLinkProblem.Invalid, ProviderLinks.Check(first, null));
        Assert.Equal(ProviderLinkProblem.Invalid, ProviderLinks.Check(first with { LocationId = Guid.CreateVersion7() }, open));

        var replaced = open.Apply(Sent(second));
        Assert.Equal(ProviderLinkProblem.Superseded, ProviderLinks.Check(first, replaced));
        Assert.Null(ProviderLinks.Check(second, replaced));

        var used = replaced.Apply(new TherapistLocationVerified(location.Id, EntryAuthors.Provider(location), _clock.GetUtcNow(), second.LinkId));
        Assert.Equal(ProviderLinkProblem.Used, ProviderLinks.Check(second, used));
        var retired = replaced.Apply(new TherapistLocationRetired(location.Id, "Gesloten", ListingATherapistLocation.Coordinator, _clock.GetUtcNow()));
        Assert.Equal(ProviderLinkProblem.Retired, ProviderLinks.Check(second, retired));
    }

    [Theory]
    [InlineData(ProviderLinkProblem.Invalid, 400, "ongeldig")]
    [InlineData(ProviderLinkProblem.Expired, 410, "Deze link is verlopen; vraag de coördinator om een nieuwe.")]
    [InlineData(ProviderLinkProblem.Used, 410, "al gebruikt")]
    [InlineData(ProviderLinkProblem.Superseded, 410, "nieuwere link")]
    [InlineData(ProviderLinkProblem.Retired, 410, "niet meer op de sociale kaart")]
    public void each_refusal_says_in_dutch_why(ProviderLinkProblem problem, int status, string words)
    {
        var details = ProviderLinks.ProblemOf(problem);

        Assert.Equal(status, details.Status);
        Assert.Contains(words, details.Detail, StringComparison.Ordinal);
    }
}
