/**
 * What goes into each test image layer, taken from the host's Debian packages.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative } from 'node:path/posix';
import { LayerTree } from './layer.js';

export const NGINX_BINARY = '/usr/sbin/nginx';

const BUSYBOX_CANDIDATES = ['/bin/busybox', '/usr/bin/busybox'];

/** The host's busybox (Debian's busybox-static puts it at /bin/busybox), or undefined. */
export function findBusybox(): string | undefined {
  return BUSYBOX_CANDIDATES.find((p) => existsSync(p));
}

const PASSWD = `root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
nginx:x:101:101:nginx:/nonexistent:/bin/false
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
`;

const GROUP = `root:x:0:
daemon:x:1:
www-data:x:33:
nginx:x:101:
nogroup:x:65534:
nobody:x:65534:
`;

/**
 * busybox's layer, the first of every test image: /bin/busybox with a symlink per applet at the
 * path `busybox --list-full` gives it (relative links: unpackers such as node-tar strip a leading
 * `/` from link targets), users and groups (root, www-data 33, nginx 101, nobody 65534) and the
 * usual empty directories.
 */
export function baseTree(busybox: string): LayerTree {
  const tree = new LayerTree();
  addBinary(tree, busybox, '/bin/busybox');
  const list = run(busybox, ['--list-full']);
  for (const applet of list.split('\n').map((s) => s.trim())) {
    if (applet === '' || applet === 'bin/busybox' || applet === 'linuxrc') continue;
    tree.symlink(`/${applet}`, relative(dirname(`/${applet}`), '/bin/busybox'));
  }
  if (!tree.has('/bin/sh')) throw new Error(`test images: ${busybox} has no sh applet`);
  tree
    .file('/etc/passwd', PASSWD)
    .file('/etc/group', GROUP)
    .file('/etc/shadow', 'root:*:19723:0:99999:7:::\n', 0o640)
    .file('/etc/nsswitch.conf', 'passwd: files\ngroup: files\nhosts: files dns\n')
    .dir('/tmp', 0o1777)
    .dir('/var/tmp', 0o1777)
    .dir('/root', 0o700)
    .dir('/home')
    .dir('/var/www')
    .dir('/usr/local/bin')
    .dir('/dev')
    .dir('/proc')
    .dir('/sys')
    .dir('/run');
  return tree;
}

const NGINX_CONF = `user nginx;
worker_processes 1;

error_log /dev/stderr notice;
pid /run/nginx.pid;

events {
    worker_connections 1024;
}

http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;

    log_format main '$remote_addr - $remote_user [$time_local] "$request" '
                    '$status $body_bytes_sent "$http_referer" '
                    '"$http_user_agent" "$http_x_forwarded_for"';
    access_log /dev/stdout main;

    sendfile on;
    keepalive_timeout 65;

    include /etc/nginx/conf.d/*.conf;
}
`;

const DEFAULT_SERVER = `server {
    listen 80;
    server_name localhost;

    location / {
        root /usr/share/nginx/html;
        index index.html index.htm;
    }

    error_page 500 502 503 504 /50x.html;
    location = /50x.html {
        root /usr/share/nginx/html;
    }
}
`;

const WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const ERROR_PAGE = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
</body>
</html>
`;

/** A fallback when nginx-common's mime.types is absent: the types tests are likely to serve. */
const MIME_TYPES = `types {
    text/html html htm shtml;
    text/css css;
    text/plain txt;
    application/javascript js;
    application/json json;
    image/png png;
}
`;

/**
 * nginx's layer, on top of busybox's: /usr/sbin/nginx and every library `ldd` lists (the dynamic
 * loader included) at the paths it lists, the official image's configuration layout
 * (/etc/nginx/nginx.conf including conf.d/*.conf, default.conf serving /usr/share/nginx/html on
 * port 80), logs to the container's stdout and stderr, workers as user nginx.
 */
export function nginxTree(): LayerTree {
  const tree = new LayerTree();
  addBinary(tree, NGINX_BINARY, NGINX_BINARY);
  const mime = '/etc/nginx/mime.types';
  tree
    .file('/etc/nginx/nginx.conf', NGINX_CONF)
    .file('/etc/nginx/mime.types', existsSync(mime) ? readFileSync(mime) : MIME_TYPES)
    .file('/etc/nginx/conf.d/default.conf', DEFAULT_SERVER)
    .file('/usr/share/nginx/html/index.html', WELCOME)
    .file('/usr/share/nginx/html/50x.html', ERROR_PAGE)
    .symlink('/var/log/nginx/access.log', '../../../dev/stdout')
    .symlink('/var/log/nginx/error.log', '../../../dev/stderr')
    .dir('/var/lib/nginx')
    .dir('/var/cache/nginx')
    .dir('/run');
  return tree;
}

const ENTRYPOINT = `#!/bin/sh
# Writes the pod's hostname where nginx serves it, then runs the command (nginx by default).
hostname > /usr/share/nginx/html/hostname.html || echo "docker-entrypoint.sh: cannot write hostname.html" >&2
exec "$@"
`;

/** myapp's layer, on top of nginx's: its index page names the version; /hostname.html is written at start. */
export function myappTree(version: string): LayerTree {
  return new LayerTree()
    .file('/docker-entrypoint.sh', ENTRYPOINT, 0o755)
    .file(
      '/usr/share/nginx/html/index.html',
      `Hello MyApp | Version: ${version} | <a href="hostname.html">Pod Name</a>\n`,
    );
}

/** Adds an executable at `dest` and every shared library it needs at the path `ldd` gives. */
function addBinary(tree: LayerTree, source: string, dest: string): void {
  tree.file(dest, readFileSync(source), statSync(source).mode & 0o7777);
  for (const lib of sharedLibraries(source)) {
    if (!tree.has(lib)) tree.file(lib, readFileSync(lib), statSync(lib).mode & 0o7777);
  }
}

/** The libraries `ldd` lists for `binary` (none for a static one), the loader included. */
export function sharedLibraries(binary: string): string[] {
  const r = spawnSync('ldd', [binary], { encoding: 'utf8' });
  if (r.error) throw new Error(`test images: cannot run ldd: ${r.error.message}`);
  if (r.status !== 0) {
    if (/not a dynamic executable|statically linked/.test(`${r.stdout}${r.stderr}`)) return [];
    throw new Error(`test images: ldd ${binary}: ${r.stderr.trim()}`);
  }
  const libs: string[] = [];
  for (const line of r.stdout.split('\n')) {
    if (/statically linked/.test(line)) return [];
    const m = /=>\s*(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(/.exec(line);
    if (m) libs.push(m[1]);
    else if (/not found/.test(line)) throw new Error(`test images: ldd ${binary}: ${line.trim()}`);
  }
  return libs;
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0)
    throw new Error(`test images: ${cmd} ${args.join(' ')} failed: ${r.error?.message ?? r.stderr}`);
  return r.stdout;
}
