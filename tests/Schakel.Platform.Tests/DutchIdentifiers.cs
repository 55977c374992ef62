using Schakel.BuildingBlocks.Identifiers;

namespace Schakel.Platform.Tests;

public sealed class DutchIdentifiers
{
    [Theory]
    [InlineData("5042AB", "5042 AB")]
    [InlineData("5042 ab", "5042 AB")]
    [InlineData(" 5042  AB ", "5042 AB")]
    public void a_postcode_is_read_in_the_ways_people_write_it(string text, string expected)
    {
        Assert.True(DutchPostcode.TryParse(text, out var postcode));
        Assert.Equal(expected, postcode.ToString());
    }

    [Theory]
    [InlineData("0123 AB")] // no postcode starts with 0
    [InlineData("5042 SA")] // SA, SD and SS are never issued
    [InlineData("5042 SD")]
    [InlineData("5042 SS")]
    [InlineData("504 AB")]
    [InlineData("5042 A1")]
    [InlineData(null)]
    public void what_is_not_a_dutch_postcode_is_refused(string? text)
    {
        Assert.False(DutchPostcode.IsValid(text));
    }

    [Theory]
    [InlineData("111222333", true)]
    [InlineData("123456782", true)]
    [InlineData("123456789", false)]
    [InlineData("000000000", false)]
    [InlineData("12345678", false)]
    [InlineData("12345678a", false)]
    public void a_bsn_must_pass_the_eleven_proof(string value, bool valid)
    {
        Assert.Equal(valid, CareIdentifiers.IsBsn(value));
    }

    [Theory]
    [InlineData("BSN 123456782 bekend", true)]
    [InlineData("/patients/111222333/x", true)]
    [InlineData("bsn=123456782&x=1", true)]
    [InlineData("BSN 1234.56.782", true)]
    [InlineData("BSN 1234 56 782", true)]
    [InlineData("1234.56 782", false)] // mixed separators are not the written form
    [InlineData("123456789", false)] // nine digits, but not eleven-proof
    [InlineData("0123456782", false)] // part of a longer number (a phone number, an IBAN)
    [InlineData("AGB 01234567, tel. 013-5551234", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void a_bsn_is_found_in_free_text_when_it_passes_the_eleven_proof(string? text, bool found)
    {
        Assert.Equal(found, CareIdentifiers.ContainsBsn(text));
    }

    [Theory]
    [InlineData("question 0199a1b2-c3d4-7e5f-8a6b-111222333abc claimed")]
    [InlineData("trace 00-4bf92f3577b34da6a3ce929d111222333-00f067aa0ba902b7-01")]
    [InlineData("0199a1b2c3d47e5f8a6b111222333abc")]
    public void digits_inside_a_guid_or_trace_id_are_no_bsn(string text)
    {
        Assert.False(CareIdentifiers.ContainsBsn(text));
        Assert.Equal(text, CareIdentifiers.MaskBsns(text, "[bsn]"));
    }

    [Theory]
    [InlineData("patient abc123456782", "patient abc[bsn]")] // a short hex-looking prefix does not hide it
    [InlineData("0199a1b2-c3d4 123456782", "0199a1b2-c3d4 [bsn]")]
    public void a_bsn_next_to_hex_is_still_found(string text, string masked)
    {
        Assert.True(CareIdentifiers.ContainsBsn(text));
        Assert.Equal(masked, CareIdentifiers.MaskBsns(text, "[bsn]"));
    }

    [Fact]
    public void masking_replaces_only_what_passes_as_a_bsn()
    {
        Assert.Equal("x [bsn] y 123456789 z [bsn]", CareIdentifiers.MaskBsns("x 123456782 y 123456789 z 1112.22.333", "[bsn]"));
    }

    [Theory]
    [InlineData("01234567", true)]
    [InlineData("0123456", false)]
    [InlineData("0123456a", false)]
    public void an_agb_code_is_eight_digits(string value, bool valid)
    {
        Assert.Equal(valid, CareIdentifiers.IsAgbCode(value));
    }
}

public sealed class AccountLinksCarryNoBsnLookalikes
{
    [Fact]
    public void an_account_id_goes_into_a_link_and_back()
    {
        var id = Guid.CreateVersion7();

        Assert.Equal(id, Schakel.BuildingBlocks.Portal.LinkIds.Decode(Schakel.BuildingBlocks.Portal.LinkIds.Encode(id)));
        Assert.Null(Schakel.BuildingBlocks.Portal.LinkIds.Decode("not-an-id"));
    }

    [Fact]
    public void a_guid_whose_hex_holds_a_valid_bsn_gives_a_link_the_email_guard_accepts()
    {
        // The last group holds 111222333, which passes the eleven-proof.
        var id = Guid.Parse("0199a1b2-c3d4-7e5f-8a6b-111222333abc");
        var link = Schakel.Host.Identity.AccountLinks.For(new Uri("https://schakel.example.nl/"), "/uitnodiging", id, "token");

        Assert.False(CareIdentifiers.ContainsBsn(link.ToString()));
    }
}

public sealed class RecognisingPseudonyms
{
    [Fact]
    public void only_the_shape_a_pseudonym_has_is_one()
    {
        var pseudonym = new Schakel.BuildingBlocks.Access.PatientPseudonyms(new byte[32]).For(Guid.CreateVersion7(), "P-1");

        Assert.True(Schakel.BuildingBlocks.Access.PatientPseudonyms.IsPseudonym(pseudonym));
        Assert.False(Schakel.BuildingBlocks.Access.PatientPseudonyms.IsPseudonym("123456782"));
        Assert.False(Schakel.BuildingBlocks.Access.PatientPseudonyms.IsPseudonym(pseudonym[..^1] + "a"));
        Assert.False(Schakel.BuildingBlocks.Access.PatientPseudonyms.IsPseudonym(pseudonym + "b"));
        Assert.False(Schakel.BuildingBlocks.Access.PatientPseudonyms.IsPseudonym(null));
    }
}
