/**
 * @module runtime/oci/preflight
 * Whether this host can run the oci runtime: root, runc, conmon, the CNI plugins, iproute2,
 * util-linux's unshare and overlay support. The answer names exactly what to install, so
 * `kubeling up --runtime oci` can refuse with it and `--runtime auto` can fall back.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathDirs, whichIn } from '../../util/which.js';

export interface OciHostTools {
  runc: string;
  conmon: string;
  cniBinDir: string;
}

export interface Preflight {
  ok: boolean;
  /** One line per missing piece, with what to install. */
  problems: string[];
  tools?: OciHostTools;
}

const CNI_DIRS = ['/usr/lib/cni', '/opt/cni/bin'];
const CNI_PLUGINS = ['bridge', 'host-local', 'loopback', 'portmap'];

/** What to look at; tests point it at an empty directory to see the refusals. */
export interface HostView {
  uid: number;
  /** Directories searched for the commands (default: PATH, /usr/sbin, /sbin). */
  path: string[];
  cniDirs: string[];
}

const defaultView = (): HostView => ({
  uid: process.getuid?.() ?? -1,
  path: [...pathDirs(), '/usr/sbin', '/sbin'],
  cniDirs: CNI_DIRS,
});

export function checkOciHost(view: HostView = defaultView()): Preflight {
  const problems: string[] = [];
  const which = (cmd: string) => whichIn(cmd, view.path);
  if (view.uid !== 0) problems.push('the oci runtime needs root (run kubeling as root)');
  const runc = which('runc');
  if (!runc) problems.push('runc is not installed (Debian/Ubuntu: apt-get install runc)');
  const conmon = which('conmon');
  if (!conmon) problems.push('conmon is not installed (Debian/Ubuntu: apt-get install conmon)');
  const cniBinDir = view.cniDirs.find((d) => CNI_PLUGINS.every((p) => existsSync(join(d, p))));
  if (!cniBinDir)
    problems.push(
      `the CNI plugins ${CNI_PLUGINS.join(', ')} are not in ${view.cniDirs.join(' or ')} (Debian/Ubuntu: apt-get install containernetworking-plugins)`,
    );
  for (const [cmd, pkg] of [
    ['ip', 'iproute2'],
    ['iptables', 'iptables'],
    ['unshare', 'util-linux'],
    ['mount', 'mount'],
  ])
    if (!which(cmd)) problems.push(`${cmd} is not installed (Debian/Ubuntu: apt-get install ${pkg})`);
  const fs = (() => {
    try {
      return readFileSync('/proc/filesystems', 'utf8');
    } catch {
      return '';
    }
  })();
  if (fs && !/\boverlay\b/.test(fs)) problems.push('overlayfs is not available (modprobe overlay)');
  return problems.length
    ? { ok: false, problems }
    : { ok: true, problems, tools: { runc: runc!, conmon: conmon!, cniBinDir: cniBinDir! } };
}
