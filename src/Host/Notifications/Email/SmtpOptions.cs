namespace Schakel.Host.Notifications.Email;

/// <summary>The mail server the host hands e-mail to (<c>Schakel:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    public const string Section = "Schakel:Smtp";

    /// <summary>Empty: no mail server configured; e-mail waits in the outbox and ends in the dead letters.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>StartTls by default: anything on the way to a real mail server must be encrypted.</summary>
    public SmtpSslMode SslMode { get; set; } = SmtpSslMode.StartTls;

    /// <summary>Optional; both or neither.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "no-reply@schakel.invalid";

    public string FromName { get; set; } = "Schakel";

    /// <summary>For connecting, and for each command of the conversation.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

public enum SmtpSslMode
{
    /// <summary>Plain text. Only for a server on this machine or the test sink.</summary>
    None,

    /// <summary>Connect in plain text, then require STARTTLS (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}
