using System.Diagnostics;
using System.Globalization;

namespace PrivacyDesk.IntegrationTests.Faults;

/// <summary>
/// Debian's nginx (/usr/sbin/nginx; scripts/test.sh installs it when missing) as a child process: its own prefix,
/// configuration, logs and temp folders in a temp directory, one worker, listening on a free loopback port and
/// balancing round-robin over the given upstream ports. Every answer carries X-Upstream (the instance that served it).
/// Stopped (killed) on dispose.
/// </summary>
internal sealed class NginxProxy : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly string _prefix;

    private NginxProxy(Process process, string prefix, int port)
    {
        _process = process;
        _prefix = prefix;
        Port = port;
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public static async Task<NginxProxy> StartAsync(IReadOnlyList<int> upstreamPorts)
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: install Debian's nginx (apt-get install nginx; scripts/test.sh does).");
        var prefix = Path.Combine(Path.GetTempPath(), "privacydesk-nginx-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(prefix);
        var port = Wait.FreePort();
        var servers = string.Join("\n", upstreamPorts.Select(p => string.Create(CultureInfo.InvariantCulture, $"    server 127.0.0.1:{p};")));
        // One process (no master, so no switch to another user who could not write the temp folders), one worker:
        // one round-robin state, so consecutive requests strictly alternate between the upstreams.
        var config = $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 64; }
            http {
              access_log {{prefix}}/access.log;
              client_body_temp_path {{prefix}}/client_body;
              proxy_temp_path {{prefix}}/proxy;
              fastcgi_temp_path {{prefix}}/fastcgi;
              uwsgi_temp_path {{prefix}}/uwsgi;
              scgi_temp_path {{prefix}}/scgi;
              upstream privacydesk {
            {{servers}}
              }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://privacydesk;
                  proxy_next_upstream off;
                  proxy_set_header Host $http_host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                  add_header X-Upstream $upstream_addr always;
                }
              }
            }
            """;
        var configPath = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(configPath, config);
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-p", prefix + "/", "-c", configPath, "-e", Path.Combine(prefix, "error.log") })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        var proxy = new NginxProxy(process, prefix, port);
        try
        {
            await Wait.UntilAsync(async () =>
            {
                if (process.HasExited)
                    throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()} {proxy.ErrorLog()}");
                return await PortOpenAsync(port);
            }, TimeSpan.FromSeconds(15), "nginx to listen");
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
        return proxy;
    }

    public string ErrorLog()
    {
        var path = Path.Combine(_prefix, "error.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    private static async Task<bool> PortOpenAsync(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_prefix, recursive: true);
        }
        catch (IOException)
        {
            // A log still being closed: the temp folder is left to the system's cleaning.
        }
    }
}
