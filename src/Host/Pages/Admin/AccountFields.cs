using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Identifiers;
using Schakel.Host.Resources;

namespace Schakel.Host.Pages.Admin;

/// <summary>The checks an account's professional fields get, on invitation and on change alike.</summary>
internal static class AccountFields
{
    public static void Check(ModelStateDictionary state, IStringLocalizer<AccountText> text, string? agbCode, string? bigNumber, OrganisationKind? kind, SpecialtyPool? pool)
    {
        if (!string.IsNullOrWhiteSpace(agbCode) && !CareIdentifiers.IsAgbCode(agbCode.Trim()))
        {
            state.AddModelError("AgbCode", text["Admin_Invalid_Agb"]);
        }

        if (!string.IsNullOrWhiteSpace(bigNumber) && !CareIdentifiers.IsBigNumber(bigNumber.Trim()))
        {
            state.AddModelError("BigNumber", text["Admin_Invalid_Big"]);
        }

        if (kind == OrganisationKind.Hospital && pool is null)
        {
            state.AddModelError("Pool", text["Admin_Invalid_Pool"]);
        }
    }

    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
