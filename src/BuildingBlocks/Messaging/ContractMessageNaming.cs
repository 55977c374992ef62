using System.Reflection;
using Wolverine.Util;

namespace Schakel.BuildingBlocks.Messaging;

/// <summary>
/// Gives every integration event the stable identity its contract declares in a
/// <c>public const string MessageIdentity</c>, so stored and queued messages survive renames and
/// moves of the CLR type while the contracts stay free of Wolverine attributes.
/// </summary>
public sealed class ContractMessageNaming : IMessageTypeNaming
{
    public const string IdentityFieldName = "MessageIdentity";

    public bool TryDetermineName(Type messageType, out string messageTypeName)
    {
        messageTypeName = IdentityOf(messageType)!;
        return messageTypeName is not null;
    }

    public static string? IdentityOf(Type messageType) =>
        messageType.GetField(IdentityFieldName, BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
            ? field.GetRawConstantValue() as string
            : null;

    /// <summary>Installs the naming ahead of Wolverine's defaults; safe to call more than once.</summary>
    public static void Install() => WolverineMessageNaming.InsertFirst<ContractMessageNaming>();
}
