/**
 * @module client/kubeconfig
 * Reads a kubeconfig file into a ClientConfig: the current context's cluster (server, CA) and
 * user (bearer token or client certificate). Only what kubeling itself writes and common admin
 * configs use is supported (no exec plugins, no auth providers).
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { parse } from 'yaml';
import type { ClientConfig } from './rest-client.js';

interface Named<T> {
  name: string;
  [k: string]: unknown;
  cluster?: T;
  user?: T;
  context?: T;
}

function fromDataOrFile(base: string, data: unknown, file: unknown): string | undefined {
  if (typeof data === 'string' && data) return Buffer.from(data, 'base64').toString('utf8');
  if (typeof file === 'string' && file)
    return readFileSync(isAbsolute(file) ? file : join(base, file), 'utf8');
  return undefined;
}

/**
 * Loads `path` and resolves `context` (default: `current-context`). Throws an Error naming the
 * missing piece when the context, cluster or user does not exist.
 */
export function loadKubeconfig(path: string, context?: string): ClientConfig {
  const doc = parse(readFileSync(path, 'utf8')) ?? {};
  const base = dirname(path);
  const ctxName: string | undefined = context ?? doc['current-context'];
  const find = <T>(list: Named<T>[] | undefined, name: string | undefined, what: string): Named<T> => {
    const hit = (list ?? []).find((x) => x.name === name);
    if (!hit) throw new Error(`kubeconfig ${path}: ${what} "${name ?? ''}" not found`);
    return hit;
  };
  const ctx = find<Record<string, any>>(doc.contexts, ctxName, 'context').context ?? {};
  const cluster = find<Record<string, any>>(doc.clusters, ctx.cluster, 'cluster').cluster ?? {};
  const user = ctx.user ? (find<Record<string, any>>(doc.users, ctx.user, 'user').user ?? {}) : {};
  let token: string | undefined = user.token;
  if (!token && typeof user.tokenFile === 'string')
    token = readFileSync(
      isAbsolute(user.tokenFile) ? user.tokenFile : join(base, user.tokenFile),
      'utf8',
    ).trim();
  return {
    server: String(cluster.server ?? ''),
    ca: fromDataOrFile(base, cluster['certificate-authority-data'], cluster['certificate-authority']),
    insecureSkipTLSVerify: cluster['insecure-skip-tls-verify'] === true,
    token,
    clientCert: fromDataOrFile(base, user['client-certificate-data'], user['client-certificate']),
    clientKey: fromDataOrFile(base, user['client-key-data'], user['client-key']),
    namespace: typeof ctx.namespace === 'string' ? ctx.namespace : undefined,
  };
}
