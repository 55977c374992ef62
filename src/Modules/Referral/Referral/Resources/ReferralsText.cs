namespace Schakel.Referral.Resources;

/// <summary>Marker for the referrals' portal texts (ReferralsText.*.resx): the navigation entry; the pages' Dutch is inline.</summary>
public sealed class ReferralsText;
