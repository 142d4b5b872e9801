using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

// A bounded load generator for loopback only: N concurrent clients for D seconds, then a JSON summary
// (requests/s, p50/p95/max latency, errors, acknowledged count). Modes:
//   api-intake  POST /api/v1/requests with an API key (201 = acknowledged)
//   form-intake GET the portal form once per client, then POST it repeatedly (302 to the confirmation = acknowledged)
//   get         GET a path repeatedly, optionally signed in as staff or with an API key
var options = Options.Parse(args);
if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUri) || !IPAddress.IsLoopback((await Dns.GetHostAddressesAsync(baseUri.Host))[0]))
{
    Console.Error.WriteLine("The load client only targets loopback addresses.");
    return 2;
}

var latencies = new List<double>[options.Concurrency];
var acknowledged = 0L;
var errors = 0L;
var errorKinds = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds));
var started = Stopwatch.GetTimestamp();

var workers = Enumerable.Range(0, options.Concurrency).Select(async i =>
{
    latencies[i] = new List<double>(4096);
    using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    using var http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
    if (options.ApiKey is not null)
        http.DefaultRequestHeaders.Add("X-Api-Key", options.ApiKey);
    try
    {
        if (options.StaffEmail is not null)
            await SignInAsync(http, options.StaffEmail, options.StaffPassword!);
        string? token = options.Mode == "form-intake" ? await FormTokenAsync(http, options.Path) : null;
        var n = 0;
        while (!stop.IsCancellationRequested)
        {
            n++;
            var t0 = Stopwatch.GetTimestamp();
            try
            {
                using var response = options.Mode switch
                {
                    "api-intake" => await http.PostAsync(options.Path, ApiBody(i, n), CancellationToken.None),
                    "form-intake" => await http.PostAsync(options.Path, FormBody(token!, i, n), CancellationToken.None),
                    _ => await http.GetAsync(options.Path, CancellationToken.None),
                };
                await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                var ok = options.Mode switch
                {
                    "api-intake" => response.StatusCode == HttpStatusCode.Created,
                    "form-intake" => response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found,
                    _ => response.IsSuccessStatusCode,
                };
                latencies[i].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                if (ok)
                    Interlocked.Increment(ref acknowledged);
                else
                {
                    Interlocked.Increment(ref errors);
                    errorKinds.AddOrUpdate(((int)response.StatusCode).ToString(), 1, (_, c) => c + 1);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                Interlocked.Increment(ref errors);
                errorKinds.AddOrUpdate(ex.GetType().Name, 1, (_, c) => c + 1);
            }
        }
    }
    catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException)
    {
        Interlocked.Increment(ref errors);
        errorKinds.AddOrUpdate("setup:" + ex.GetType().Name, 1, (_, c) => c + 1);
    }
}).ToArray();
await Task.WhenAll(workers);
var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
var all = latencies.SelectMany(l => l).Order().ToArray();
double Pct(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
var summary = new
{
    mode = options.Mode,
    path = options.Path,
    concurrency = options.Concurrency,
    seconds = Math.Round(elapsed, 1),
    requests = all.Length,
    acknowledged,
    errors,
    errorKinds,
    throughputPerSecond = Math.Round(all.Length / elapsed, 1),
    acknowledgedPerSecond = Math.Round(acknowledged / elapsed, 1),
    p50Ms = Math.Round(Pct(0.50), 2),
    p95Ms = Math.Round(Pct(0.95), 2),
    maxMs = Math.Round(all.Length == 0 ? 0 : all[^1], 2),
};
Console.WriteLine(JsonSerializer.Serialize(summary));
return 0;

StringContent ApiBody(int worker, int n) => new(JsonSerializer.Serialize(new
{
    types = new[] { n % 3 == 0 ? "Erasure" : "Access" },
    channel = "Post",
    receivedAt = DateTimeOffset.UtcNow.AddHours(-1),
    language = "nl",
    requester = new { firstName = "Bench", lastName = $"Client{worker}", email = $"bench{worker}.{n}@example.be", phone = "+32470123456", dateOfBirth = "1990-04-12" },
    details = new { },
}), Encoding.UTF8, "application/json");

FormUrlEncodedContent FormBody(string antiforgery, int worker, int n)
{
    var fields = new Dictionary<string, string>(options.FormFields)
    {
        ["__RequestVerificationToken"] = antiforgery,
        [options.SubmissionKeyField] = Guid.NewGuid().ToString(),
        [options.EmailField] = $"form{worker}.{n}@example.be",
    };
    return new FormUrlEncodedContent(fields);
}

static async Task<string> FormTokenAsync(HttpClient http, string path)
{
    var html = await http.GetStringAsync(path);
    var match = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
    return match.Success ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token on " + path);
}

static async Task SignInAsync(HttpClient http, string email, string password)
{
    var token = await FormTokenAsync(http, "/Account/Login");
    using var response = await http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = token,
        ["Data.Email"] = email,
        ["Data.Password"] = password,
    }));
    if (response.StatusCode != HttpStatusCode.Redirect)
        throw new InvalidOperationException("Staff sign-in failed: " + (int)response.StatusCode);
}

internal sealed record Options(string Mode, string BaseUrl, string Path, int Concurrency, int Seconds, string? ApiKey,
    string? StaffEmail, string? StaffPassword, Dictionary<string, string> FormFields, string SubmissionKeyField, string EmailField)
{
    public static Options Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--field")
            {
                var kv = args[i + 1].Split('=', 2);
                fields[kv[0]] = kv.Length > 1 ? kv[1] : "";
            }
        }
        var mode = args.Length > 0 ? args[0] : "get";
        return new Options(mode, Get("url", "http://127.0.0.1:5080"), Get("path", mode == "api-intake" ? "/api/v1/requests" : "/"),
            int.Parse(Get("concurrency", "16")), int.Parse(Get("seconds", "10")), args.Contains("--api-key") ? Get("api-key", "") : null,
            args.Contains("--staff") ? Get("staff", "") : null, Get("password", "PrivacyDesk-demo-2026"), fields,
            Get("submission-key-field", "Data.SubmissionKey"), Get("email-field", "Data.Email"));
    }
}
