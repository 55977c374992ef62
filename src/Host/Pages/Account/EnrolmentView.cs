using QRCoder;
using Schakel.Host.Identity;

namespace Schakel.Host.Pages.Account;

/// <summary>What the enrolment pages show: the secret, the otpauth URI and its QR code as an inline SVG image.</summary>
public sealed record EnrolmentView(string Secret, string OtpAuthUri, string QrSvgDataUri)
{
    public static EnrolmentView For(string secret, CareAccount account)
    {
        var uri = TwoFactor.OtpAuthUri(secret, account.Email ?? account.DisplayName);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return new EnrolmentView(secret, uri, "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg)));
    }
}
