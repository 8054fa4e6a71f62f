/**
 * @module runtime/oci/images/registries
 * `DATA_DIR/registries.yaml` in k3s's shape: mirrors per registry host (tried in order, then the
 * registry itself) and per-host TLS and credentials:
 *
 * ```yaml
 * mirrors:
 *   docker.io:
 *     endpoint: ["http://127.0.0.1:5000"]
 * configs:
 *   "127.0.0.1:5000":
 *     tls: { insecure_skip_verify: true, ca_file: /ca.pem, cert_file: …, key_file: … }
 *     auth: { username: u, password: p }   # or auth: base64(u:p), or identity_token
 * ```
 *
 * A mirror for `"*"` applies to every registry without its own entry. An endpoint with `http://`
 * is plain HTTP; without a scheme it is HTTPS. The registry itself is HTTPS (docker.io is
 * https://registry-1.docker.io), except loopback hosts, which are plain HTTP as containerd does.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { DOCKER_HUB } from '../../../util/image-reference.js';

export interface RegistryTls {
  insecureSkipVerify?: boolean;
  /** PEM contents (read from the `*_file` paths when loading). */
  ca?: string;
  cert?: string;
  key?: string;
}

export interface RegistryAuth {
  username?: string;
  password?: string;
  identityToken?: string;
}

export interface RegistryHostConfig {
  tls?: RegistryTls;
  auth?: RegistryAuth;
}

export interface RegistriesConfig {
  mirrors: Record<string, { endpoints: string[] }>;
  /** Keyed by `host[:port]` as written in the file. */
  configs: Record<string, RegistryHostConfig>;
  /**
   * As k3s's `--disable-default-registry-endpoint`: a registry with mirrors is asked only through
   * them, never itself (tests use it so that no pull can leave the machine).
   */
  disableDefaultEndpoint?: boolean;
}

/** One place to ask for a repository: a mirror or the registry itself. */
export interface RegistryEndpoint {
  /** `http://127.0.0.1:5000`, no trailing slash. */
  origin: string;
  /** The API root: `/v2` unless the mirror's URL gives another path. */
  apiPath: string;
  /** `host:port` of the endpoint, the key for tokens and configs. */
  host: string;
  /** True for the image's own registry (not a mirror): credentials given with the pull apply here. */
  upstream: boolean;
  tls?: RegistryTls;
  auth?: RegistryAuth;
}

export const EMPTY_REGISTRIES: RegistriesConfig = Object.freeze({ mirrors: {}, configs: {} });

/** Thrown for a malformed registries.yaml; the message names the file and the field. */
export class RegistriesConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistriesConfigError';
  }
}

function obj(v: unknown, where: string): Record<string, any> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new RegistriesConfigError(`${where}: expected a map`);
  return v as Record<string, any>;
}

function str(v: unknown, where: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new RegistriesConfigError(`${where}: expected a string`);
  return v;
}

/** Parses the YAML text; `source` names the file in errors. Files named by `*_file` are read now. */
export function parseRegistries(text: string, source = 'registries.yaml'): RegistriesConfig {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new RegistriesConfigError(`${source}: ${(err as Error).message}`);
  }
  const root = obj(doc, source);
  const mirrors: RegistriesConfig['mirrors'] = {};
  for (const [host, m] of Object.entries(obj(root.mirrors, `${source}: mirrors`))) {
    const where = `${source}: mirrors.${host}.endpoint`;
    const list = obj(m, `${source}: mirrors.${host}`).endpoint ?? [];
    if (!Array.isArray(list)) throw new RegistriesConfigError(`${where}: expected a list`);
    const endpoints = list.map((e, i) => {
      const s = str(e, `${where}[${i}]`);
      if (!s) throw new RegistriesConfigError(`${where}[${i}]: empty endpoint`);
      try {
        endpointUrl(s);
      } catch {
        throw new RegistriesConfigError(`${where}[${i}]: invalid URL ${JSON.stringify(s)}`);
      }
      return s;
    });
    mirrors[host] = { endpoints };
  }
  const configs: RegistriesConfig['configs'] = {};
  for (const [host, c] of Object.entries(obj(root.configs, `${source}: configs`))) {
    const where = `${source}: configs.${host}`;
    const cfg = obj(c, where);
    const out: RegistryHostConfig = {};
    if (cfg.tls !== undefined) {
      const t = obj(cfg.tls, `${where}.tls`);
      const file = (k: string) => {
        const p = str(t[k], `${where}.tls.${k}`);
        if (!p) return undefined;
        try {
          return readFileSync(p, 'utf8');
        } catch (err) {
          throw new RegistriesConfigError(`${where}.tls.${k}: ${(err as Error).message}`);
        }
      };
      out.tls = {
        insecureSkipVerify: t.insecure_skip_verify === true,
        ca: file('ca_file'),
        cert: file('cert_file'),
        key: file('key_file'),
      };
    }
    if (cfg.auth !== undefined) {
      const a = obj(cfg.auth, `${where}.auth`);
      let username = str(a.username, `${where}.auth.username`);
      let password = str(a.password, `${where}.auth.password`);
      const encoded = str(a.auth, `${where}.auth.auth`);
      if (encoded) {
        const decoded = Buffer.from(encoded, 'base64').toString('utf8');
        const i = decoded.indexOf(':');
        if (i < 0) throw new RegistriesConfigError(`${where}.auth.auth: expected base64 of user:password`);
        username = decoded.slice(0, i);
        password = decoded.slice(i + 1);
      }
      out.auth = { username, password, identityToken: str(a.identity_token, `${where}.auth.identity_token`) };
    }
    configs[host] = out;
  }
  return { mirrors, configs };
}

/** Loads `file`; a missing file is an empty configuration. */
export async function loadRegistries(file: string | undefined): Promise<RegistriesConfig> {
  if (!file) return EMPTY_REGISTRIES;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_REGISTRIES;
    throw err;
  }
  return parseRegistries(text, file);
}

function endpointUrl(s: string): URL {
  return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}`);
}

/** containerd's MatchLocalhost: `localhost` or any loopback address (all of 127.0.0.0/8, ::1). */
function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname) ||
    hostname === '[::1]' ||
    hostname === '::1'
  );
}

function configFor(cfg: RegistriesConfig, u: URL, alias?: string): RegistryHostConfig | undefined {
  return (
    cfg.configs[u.host] ??
    cfg.configs[`${u.protocol}//${u.host}`] ??
    (alias ? cfg.configs[alias] : undefined) ??
    cfg.configs[u.hostname]
  );
}

function toEndpoint(cfg: RegistriesConfig, u: URL, upstream: boolean, alias?: string): RegistryEndpoint {
  const c = configFor(cfg, u, alias);
  const path = u.pathname.replace(/\/+$/, '');
  return {
    origin: `${u.protocol}//${u.host}`,
    apiPath: path === '' ? '/v2' : path.endsWith('/v2') ? path : `${path}/v2`,
    host: u.host,
    upstream,
    tls: c?.tls,
    auth: c?.auth,
  };
}

/** The endpoints to try for a registry host, in order: its mirrors (or `*`'s), then itself. */
export function endpointsFor(cfg: RegistriesConfig, registryHost: string): RegistryEndpoint[] {
  const mirror = cfg.mirrors[registryHost] ?? cfg.mirrors['*'];
  const out = (mirror?.endpoints ?? []).map((e) => toEndpoint(cfg, endpointUrl(e), false));
  const upstreamHost = registryHost === DOCKER_HUB ? 'registry-1.docker.io' : registryHost;
  const hasTls = cfg.configs[registryHost]?.tls !== undefined;
  const scheme = isLoopback(new URL(`http://${upstreamHost}`).hostname) && !hasTls ? 'http' : 'https';
  const self = toEndpoint(cfg, new URL(`${scheme}://${upstreamHost}`), true, registryHost);
  if (cfg.disableDefaultEndpoint && out.length) return out;
  if (!out.some((e) => e.origin === self.origin && e.apiPath === self.apiPath)) out.push(self);
  return out;
}
