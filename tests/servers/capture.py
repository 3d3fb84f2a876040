#!/usr/bin/env python3
"""Captures what real servers send, byte for byte, as fixtures for
tests/servers/test_servers.sh: nginx, Apache httpd, lighttpd and an
application on Python's http.server, each started here on a free port of
127.0.0.1 under a temporary directory (no root needed, nothing of /etc read
but /etc/mime.types), asked a fixed list of requests over a raw socket, and
stopped.

    tests/servers/capture.py                    rewrites tests/servers/fixtures/
    tests/servers/capture.py DIR [SERVER...]    writes into DIR, only these servers

SERVER is nginx, apache, lighttpd or python. Needs the servers of Debian 12
(apt-get install nginx apache2 lighttpd; python3 is there). A fixture is
named SERVER-NAME.http and holds one response: its head and whatever content
the server sent until it closed the connection (every request says
Connection: close). The request of each NAME is in REQUESTS below;
tests/servers/expected.txt lists, for each fixture, the method asked and the
findings httpstatus --check must give, with the reason for each.
"""

import base64
import hashlib
import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CONTENT = "".join(f"line {i:03d} of a plain text file, served whole or in ranges\n" for i in range(40))

# NAME: (method, path, extra request fields). Not every server is asked
# every one (SERVERS says which): a fixture's name says what was asked, not
# what came back.
REQUESTS = {
    "get": ("GET", "/file.txt", {}),
    "head": ("HEAD", "/file.txt", {}),
    "range": ("GET", "/file.txt", {"Range": "bytes=0-99"}),
    "ranges": ("GET", "/file.txt", {"Range": "bytes=0-9,200-209"}),
    "range-past-end": ("GET", "/file.txt", {"Range": "bytes=100000-"}),
    "if-none-match": ("GET", "/file.txt", {"If-None-Match": "@ETAG@"}),
    "if-modified-since": ("GET", "/file.txt", {"If-Modified-Since": "@LAST-MODIFIED@"}),
    "dir-without-slash": ("GET", "/dir", {}),
    "redirect": ("GET", "/old", {}),
    "redirect-relative": ("GET", "/old-relative", {}),
    "basic": ("GET", "/private/", {}),
    "digest": ("GET", "/digest/", {}),
    "post-file": ("POST", "/file.txt", {"Content-Length": "0"}),
    "delete-file": ("DELETE", "/file.txt", {}),
    "post-form": ("POST", "/form", {"Content-Length": "0"}),
    "busy": ("GET", "/busy", {}),
    "missing": ("GET", "/missing", {}),
}
COMMON = ["get", "head", "dir-without-slash", "redirect", "basic", "missing"]
SERVERS = {
    "nginx": COMMON + ["range", "ranges", "range-past-end", "if-none-match", "redirect-relative", "post-file",
                       "busy"],
    "apache": COMMON + ["range", "ranges", "range-past-end", "if-none-match", "digest", "delete-file", "busy"],
    "lighttpd": COMMON + ["range", "ranges", "range-past-end", "if-none-match", "digest", "post-file",
                          "delete-file"],
    "python": COMMON + ["if-modified-since", "digest", "post-form", "post-file", "busy"],
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, proc=None, seconds=10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server exited with status {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answers on 127.0.0.1:{port}")


def ask(port, method, path, fields):
    """The bytes a server sends for one request, until it closes."""
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUser-Agent: httpstatus-capture\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in fields.items()) + "Connection: close\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(head.encode())
        chunks = []
        while True:
            data = s.recv(65536)
            if not data:
                return b"".join(chunks)
            chunks.append(data)


def field(response, name):
    for line in response.split(b"\r\n\r\n", 1)[0].split(b"\r\n")[1:]:
        k, _, v = line.partition(b":")
        if k.strip().lower() == name.lower().encode():
            return v.strip().decode()
    return None


def capture(server, port, out_dir):
    got = {}
    first = ask(port, "GET", "/file.txt", {})
    for name in SERVERS[server]:
        method, path, fields = REQUESTS[name]
        fields = {k: v.replace("@ETAG@", field(first, "ETag") or "").replace(
            "@LAST-MODIFIED@", field(first, "Last-Modified") or "") for k, v in fields.items()}
        got[name] = ask(port, method, path, fields)
        with open(os.path.join(out_dir, f"{server}-{name}.http"), "wb") as f:
            f.write(got[name])
    return got


def world_readable(prefix):
    """nginx, Apache and lighttpd started as root drop to nobody."""
    for root, dirs, files in os.walk(prefix):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)
        for f in files:
            os.chmod(os.path.join(root, f), 0o644)
    os.chmod(prefix, 0o755)


def site(prefix):
    html = os.path.join(prefix, "html")
    for d in ("dir", "private", "digest"):
        os.makedirs(os.path.join(html, d))
    for p in ("file.txt", "dir/index.html", "private/index.html", "digest/index.html"):
        with open(os.path.join(html, p), "w") as f:
            f.write(CONTENT if p == "file.txt" else "<p>hello</p>\n")
    # user "user", password "secret": a Basic file (apr1 via htpasswd would need
    # apache2-utils; {PLAIN} and SHA are what nginx and Apache both read) and a
    # digest file, user:realm:MD5(user:realm:password)
    with open(os.path.join(prefix, "htpasswd"), "w") as f:
        f.write("user:{SHA}" + base64.b64encode(hashlib.sha1(b"secret").digest()).decode() + "\n")
    with open(os.path.join(prefix, "htdigest"), "w") as f:
        f.write("user:private:" + hashlib.md5(b"user:private:secret").hexdigest() + "\n")
    return html


def run_nginx(prefix, out_dir):
    html, port = site(prefix), free_port()
    user = "user nobody nogroup;" if os.geteuid() == 0 else ""
    for d in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        os.makedirs(os.path.join(prefix, "tmp", d))
    with open(os.path.join(prefix, "nginx.conf"), "w") as f:
        f.write(f"""{user}
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    types {{ text/plain txt; text/html html; }}
    server {{
        listen 127.0.0.1:{port};
        root {html};
        location /private/ {{ auth_basic "Restricted"; auth_basic_user_file {prefix}/htpasswd; }}
        location = /busy {{ add_header Retry-After 120 always; return 503; }}
        location = /old {{ return 302 /file.txt; }}
        location = /old-relative {{ absolute_redirect off; return 302 /file.txt; }}
    }}
}}
""")
    world_readable(prefix)
    proc = subprocess.Popen(["nginx", "-p", prefix, "-c", f"{prefix}/nginx.conf", "-e", f"{prefix}/error.log",
                             "-g", "daemon off;"], stderr=open(f"{prefix}/stderr", "wb"))
    return proc, port


APACHE_MODULES = ["mpm_event", "authz_core", "authz_user", "authn_core", "authn_file", "auth_basic", "auth_digest",
                  "alias", "dir", "mime", "headers", "rewrite"]


def run_apache(prefix, out_dir):
    html, port = site(prefix), free_port()
    user = "User nobody\nGroup nogroup" if os.geteuid() == 0 else ""
    modules = "\n".join(f"LoadModule {m}_module /usr/lib/apache2/modules/mod_{m}.so" for m in APACHE_MODULES)
    with open(os.path.join(prefix, "apache2.conf"), "w") as f:
        f.write(f"""{modules}
{user}
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile {prefix}/apache2.pid
ErrorLog {prefix}/error.log
Mutex file:{prefix}
TypesConfig /etc/mime.types
DocumentRoot {html}
DirectoryIndex index.html
<Directory {html}>
    Require all granted
    AllowOverride None
</Directory>
<Location /private/>
    AuthType Basic
    AuthName "Restricted"
    AuthUserFile {prefix}/htpasswd
    Require valid-user
</Location>
<Location /digest/>
    AuthType Digest
    AuthName "private"
    AuthDigestProvider file
    AuthUserFile {prefix}/htdigest
    Require valid-user
</Location>
Redirect 302 /old /file.txt
RewriteEngine On
RewriteRule ^/busy$ - [R=503]
Header always set Retry-After "120" "expr=%{{REQUEST_URI}} == '/busy'"
""")
    world_readable(prefix)
    proc = subprocess.Popen(["apache2", "-f", f"{prefix}/apache2.conf", "-DFOREGROUND"], stderr=open(f"{prefix}/stderr", "wb"))
    return proc, port


def run_lighttpd(prefix, out_dir):
    html, port = site(prefix), free_port()
    user = 'server.username = "nobody"\nserver.groupname = "nogroup"' if os.geteuid() == 0 else ""
    with open(os.path.join(prefix, "lighttpd.conf"), "w") as f:
        f.write(f"""server.modules = ("mod_redirect", "mod_auth", "mod_authn_file")
server.document-root = "{html}"
server.bind = "127.0.0.1"
server.port = {port}
server.errorlog = "{prefix}/error.log"
{user}
index-file.names = ("index.html")
mimetype.assign = (".txt" => "text/plain", ".html" => "text/html")
url.redirect = ("^/old$" => "/file.txt")
url.redirect-code = 302
auth.backend = "htdigest"
auth.backend.htdigest.userfile = "{prefix}/htdigest"
auth.require = (
    "/digest/" => ("method" => "digest", "realm" => "private", "require" => "valid-user"),
    "/private/" => ("method" => "basic", "realm" => "private", "require" => "valid-user"),
)
""")
    world_readable(prefix)
    open(f"{prefix}/error.log", "w").close()
    os.chmod(f"{prefix}/error.log", 0o666)  # opened after it drops to nobody
    proc = subprocess.Popen(["lighttpd", "-D", "-f", f"{prefix}/lighttpd.conf"], stderr=open(f"{prefix}/stderr", "wb"))
    return proc, port


class Application(http.server.SimpleHTTPRequestHandler):
    """http.server's own file serving (200, HEAD, 304 on If-Modified-Since, 301
    to a directory's slash, 404, 501 for an unknown method), and a few
    responses an application on it writes with send_response/send_header,
    as its documentation shows: challenges, a 405, a 503, a redirect."""

    def log_message(self, *args):
        pass

    def answer(self, code, fields, body=b""):
        self.send_response(code)
        for name, value in fields:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        if self.path == "/private/":
            return self.answer(401, [("WWW-Authenticate", 'Basic realm="private", charset="UTF-8"')])
        if self.path == "/digest/":
            nonce = hashlib.sha256(self.date_time_string().encode()).hexdigest()
            return self.answer(401, [("WWW-Authenticate", f'Digest realm="private", qop="auth", algorithm=SHA-256, '
                                                          f'nonce="{nonce}", opaque="5ccc069c403ebaf9f0171e9517f40e41"')])
        if self.path == "/busy":
            return self.answer(503, [("Retry-After", "120"), ("Content-Type", "text/plain")], b"busy\n")
        if self.path == "/old":
            host = self.headers["Host"]
            return self.answer(302, [("Location", f"http://{host}/file.txt")])
        return super().do_GET()

    def do_POST(self):
        if self.path == "/form":
            return self.answer(405, [("Allow", "GET, HEAD")])
        self.send_error(501, f"Unsupported method ({self.command!r})")


def run_python(prefix, out_dir):
    html, port = site(prefix), free_port()
    handler = lambda *a: Application(*a, directory=html)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, port


RUNNERS = {"nginx": run_nginx, "apache": run_apache, "lighttpd": run_lighttpd, "python": run_python}
PROGRAMS = {"nginx": "nginx", "apache": "apache2", "lighttpd": "lighttpd", "python": None}


def main(argv):
    out_dir = argv[1] if len(argv) > 1 else os.path.join(HERE, "fixtures")
    servers = argv[2:] or list(RUNNERS)
    for server in servers:
        program = PROGRAMS[server]
        if program and shutil.which(program) is None and not os.path.exists(f"/usr/sbin/{program}"):
            sys.exit(f"capture.py: {program} not found (apt-get install {server if server != 'apache' else 'apache2'})")
    if len(argv) == 1 and os.path.isdir(out_dir):
        for name in os.listdir(out_dir):
            if name.endswith(".http"):
                os.remove(os.path.join(out_dir, name))
    os.makedirs(out_dir, exist_ok=True)
    os.environ["PATH"] += os.pathsep + "/usr/sbin"
    for server in servers:
        prefix = tempfile.mkdtemp(prefix=f"httpstatus-{server}.")
        proc = None
        try:
            proc, port = RUNNERS[server](prefix, out_dir)
            try:
                wait_for(port, proc if isinstance(proc, subprocess.Popen) else None)
            except RuntimeError as e:
                logs = "".join(open(os.path.join(prefix, f), errors="replace").read()
                               for f in ("stderr", "error.log") if os.path.exists(os.path.join(prefix, f)))
                sys.exit(f"capture.py: {server}: {e}\n{logs}")
            capture(server, port, out_dir)
        finally:
            if isinstance(proc, subprocess.Popen):
                proc.send_signal(signal.SIGTERM if server != "nginx" else signal.SIGQUIT)
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            elif proc is not None:
                proc.shutdown()
                proc.server_close()
            shutil.rmtree(prefix, ignore_errors=True)
        print(f"capture.py: {server}: {len(SERVERS[server])} responses", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
