using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.TestHost;

namespace Schakel.Testing;

/// <summary>
/// A browser-like HTTP client for portal pages on the test server: keeps cookies (over https, as
/// the __Host- cookies require), follows no redirects by itself, and posts forms with their
/// anti-forgery token the way a browser would.
/// </summary>
public sealed partial class PortalClient : IDisposable
{
    private readonly HttpClient _client;
    private readonly TestServer _server;

    public PortalClient(TestServer server)
    {
        _server = server;
        Cookies = new CookieContainer();
        var handler = new CookieHandler(Cookies) { InnerHandler = server.CreateHandler() };
        _client = new HttpClient(handler) { BaseAddress = new Uri("https://localhost/") };
    }

    public CookieContainer Cookies { get; }

    public Task<HttpResponseMessage> GetAsync(string url) => _client.GetAsync(url);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _client.SendAsync(request);

    /// <summary>Reads the page at <paramref name="pageUrl"/>, then posts <paramref name="fields"/> with the page's anti-forgery token.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, IDictionary<string, string> fields, string? action = null)
    {
        var page = await _client.GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html);
        var form = new Dictionary<string, string>(fields);
        if (token.Success)
        {
            form["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        }

        return await _client.PostAsync(action ?? pageUrl, new FormUrlEncodedContent(form));
    }

    /// <summary>Posts a form on a page the client already has (the token comes from that page's HTML).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string html, string action, IDictionary<string, string> fields)
    {
        var form = new Dictionary<string, string>(fields);
        var token = AntiforgeryToken().Match(html);
        if (token.Success)
        {
            form["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        }

        return await _client.PostAsync(action, new FormUrlEncodedContent(form));
    }

    /// <summary>
    /// A handler to the same test server that sends and keeps this client's cookies, for another
    /// client of the page's (a SignalR connection) that should present the same session.
    /// </summary>
    public HttpMessageHandler CreateHandler() => new CookieHandler(Cookies) { InnerHandler = _server.CreateHandler() };

    /// <summary>Posts a file (and other <paramref name="fields"/>) the way a browser sends a form with enctype="multipart/form-data", with the token of the page's HTML.</summary>
    public Task<HttpResponseMessage> PostFileAsync(
        string html, string action, string field, string fileName, byte[] content, string contentType, IDictionary<string, string>? fields = null)
    {
        var form = new MultipartFormDataContent();
        var token = AntiforgeryToken().Match(html);
        if (token.Success)
        {
            form.Add(new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken");
        }

        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        form.Add(file, field, fileName);
        return _client.PostAsync(action, form);
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private sealed class CookieHandler(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var header = cookies.GetCookieHeader(request.RequestUri!);
            if (!string.IsNullOrEmpty(header))
            {
                request.Headers.Remove("Cookie");
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, ct);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var value in setCookies)
                {
                    cookies.SetCookies(request.RequestUri!, value);
                }
            }

            return response;
        }
    }
}
