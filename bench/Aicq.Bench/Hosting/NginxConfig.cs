using System.Globalization;

namespace Aicq.Bench.Hosting;

/// <summary>
/// A fair nginx reverse proxy: one worker, TLS 1.2/1.3 with the edge's certificate, HTTP/1.1 keep-alive to the
/// API from a pool of 64, no access log, and keep-alive limits high enough that neither side reconnects mid-run
/// (nginx closes a connection after 1,000 requests by default; Kestrel has no such limit). Everything, the pid
/// file and temp folders included, lives in the bench's own folder; /etc/nginx is never read.
/// </summary>
internal static class NginxConfig
{
    public const string Summary =
        "`worker_processes 1`, `access_log off`, `ssl_protocols TLSv1.2 TLSv1.3`, `keepalive_requests 1000000` (client and upstream), " +
        "`upstream { keepalive 64; }`, `proxy_http_version 1.1`, `proxy_set_header Connection \"\"`, `proxy_buffering on` (default)";

    /// <summary>Writes <c>nginx.conf</c> into <paramref name="directory"/> and returns its path.</summary>
    public static string Write(string directory, int port, Uri api, string tlsDirectory)
    {
        var d = directory;
        var config = $$"""
            worker_processes 1;
            pid {{d}}/nginx.pid;
            error_log {{d}}/error.log warn;
            events { worker_connections 4096; }
            http {
                access_log off;
                client_body_temp_path {{d}}/tmp/body;
                proxy_temp_path {{d}}/tmp/proxy;
                fastcgi_temp_path {{d}}/tmp/fastcgi;
                uwsgi_temp_path {{d}}/tmp/uwsgi;
                scgi_temp_path {{d}}/tmp/scgi;
                upstream aicq_api {
                    server {{api.Host}}:{{api.Port.ToString(CultureInfo.InvariantCulture)}};
                    keepalive 64;
                    keepalive_requests 1000000;
                }
                server {
                    listen 127.0.0.1:{{port.ToString(CultureInfo.InvariantCulture)}} ssl;
                    ssl_certificate {{tlsDirectory}}/server.crt;
                    ssl_certificate_key {{tlsDirectory}}/server.key;
                    ssl_protocols TLSv1.2 TLSv1.3;
                    keepalive_requests 1000000;
                    keepalive_timeout 300s;
                    location / {
                        proxy_pass http://aicq_api;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto https;
                    }
                }
            }
            """;
        Directory.CreateDirectory(Path.Combine(d, "tmp"));
        var path = Path.Combine(d, "nginx.conf");
        File.WriteAllText(path, config);
        return path;
    }
}
