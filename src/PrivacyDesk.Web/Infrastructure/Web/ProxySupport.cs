using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace PrivacyDesk.Web.Infrastructure.Web;

/// <summary>
/// Behind a reverse proxy (the container serves plain HTTP on 8080): X-Forwarded-For and X-Forwarded-Proto are
/// believed only from the addresses in ForwardedHeaders:KnownProxies and the networks in
/// ForwardedHeaders:KnownNetworks; with neither set they are ignored (the framework's loopback default is dropped
/// too). Every cookie the app writes is Secure when the original request was HTTPS.
/// </summary>
public static class ProxySupport
{
    public static void Configure(IServiceCollection services)
    {
        // Read from the final configuration (DI), so hosts that add settings after start-up code runs are honoured.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            var proxies = List(configuration, "ForwardedHeaders:KnownProxies").Select(IPAddress.Parse).ToList();
            var networks = List(configuration, "ForwardedHeaders:KnownNetworks").Select(n => System.Net.IPNetwork.Parse(n)).ToList();
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = configuration.GetValue("ForwardedHeaders:ForwardLimit", 1);
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
                o.KnownProxies.Add(proxy);
            foreach (var network in networks)
                o.KnownIPNetworks.Add(network);
            // Nothing configured: trust no one (empty lists would otherwise mean "anyone").
            if (proxies.Count == 0 && networks.Count == 0)
                o.ForwardedHeaders = ForwardedHeaders.None;
        });
        services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.SameAsRequest);
    }

    /// <summary>A list setting, as a JSON array or one comma-separated value (handy in environment variables).</summary>
    private static List<string> List(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.GetChildren().Select(c => c.Value).ToList();
        if (section.Value is { } single)
            values.Add(single);
        return values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
    }
}
