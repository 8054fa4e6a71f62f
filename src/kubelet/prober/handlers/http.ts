/**
 * @module kubelet/prober/handlers/http
 * The httpGet probe, as upstream's: GET with `User-Agent: kube-probe/1.32` and `Accept: *\/*`
 * unless the probe's headers say otherwise (a `Host` header sets the request's host), no
 * certificate checks for HTTPS, redirects followed only while they stay on the same host name
 * (at most 10). 200–299 succeeds; 300–399 (a redirect it did not follow) succeeds with a
 * warning; anything else fails with `HTTP probe failed with statuscode: N`. Transport errors and
 * the timeout (covering the whole exchange) are failures worded like Go's HTTP client.
 */
import http from 'node:http';
import https from 'node:https';
import type { HTTPHeader } from '../../../api/core/pods/types.js';
import type { Clock } from '../../../util/clock.js';
import { dialErrorText, joinHostPort } from './net-errors.js';
import { MAX_OUTPUT_BYTES, PROBE_USER_AGENT, quote, type ProbeRun } from './types.js';

export interface HttpProbeTarget {
  clock: Clock;
  /** `http` or `https` (case-insensitive, as in the probe spec). */
  scheme: string;
  host: string;
  port: number;
  path?: string;
  headers?: HTTPHeader[];
  timeoutSeconds: number;
}

const REDIRECT_CODES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;

/** The URL upstream builds from the probe (`http://10.1.2.3:8080/healthz`). */
export function probeUrl(scheme: string, host: string, port: number, path = ''): string {
  const p = path === '' || path.startsWith('/') ? path : `/${path}`;
  return `${scheme.toLowerCase()}://${joinHostPort(host, port)}${p}`;
}

/** Request headers after upstream's defaults; names keep the case the user gave. */
export function probeHeaders(list: HTTPHeader[] = []): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const keyOf = new Map<string, string>();
  for (const h of list) {
    const lower = h.name.toLowerCase();
    const key = keyOf.get(lower) ?? h.name;
    keyOf.set(lower, key);
    (out[key] ??= []).push(h.value);
  }
  if (!keyOf.has('user-agent')) out['User-Agent'] = [PROBE_USER_AGENT];
  const accept = keyOf.get('accept');
  if (accept === undefined) out['Accept'] = ['*/*'];
  else if (out[accept]!.every((v) => v === '')) delete out[accept];
  return out;
}

interface Response {
  status: number;
  location?: string;
  body: string;
}

export async function httpProbe(t: HttpProbeTarget): Promise<ProbeRun> {
  const headers = probeHeaders(t.headers);
  let url = new URL(probeUrl(t.scheme, t.host, t.port, t.path));
  let current = probeUrl(t.scheme, t.host, t.port, t.path);
  let aborted = false;
  const inflight = new Set<http.ClientRequest>();
  const timer = t.clock.setTimeout(() => {
    aborted = true;
    for (const r of inflight) r.destroy();
  }, t.timeoutSeconds * 1000);
  const timeoutRun = (): ProbeRun => ({
    status: 'failure',
    output: `Get ${quote(current)}: context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
  });
  try {
    for (let redirects = 0; ; redirects++) {
      let res: Response;
      try {
        res = await get(url, headers, inflight);
      } catch (err) {
        if (aborted) return timeoutRun();
        const addr = joinHostPort(url.hostname.replace(/^\[|\]$/g, ''), Number(url.port || defaultPort(url)));
        return {
          status: 'failure',
          output: `Get ${quote(current)}: ${dialErrorText(addr, err as NodeJS.ErrnoException)}`,
        };
      }
      if (aborted) return timeoutRun();
      if (REDIRECT_CODES.has(res.status) && res.location !== undefined) {
        const next = new URL(res.location, url);
        if (next.hostname === url.hostname) {
          // Go's client refuses the redirect that would make the 10th request in the chain.
          if (redirects + 1 >= MAX_REDIRECTS) {
            return {
              status: 'failure',
              output: `Get ${quote(next.href)}: stopped after ${MAX_REDIRECTS} redirects`,
            };
          }
          url = next;
          current = next.href;
          continue;
        }
      }
      return classify(res);
    }
  } finally {
    timer.cancel();
  }
}

function classify(res: Response): ProbeRun {
  if (res.status >= 200 && res.status < 300) return { status: 'success', output: res.body };
  if (res.status >= 300 && res.status < 400) {
    return { status: 'warning', output: `Probe terminated redirects, Response body: ${res.body}` };
  }
  return { status: 'failure', output: `HTTP probe failed with statuscode: ${res.status}` };
}

function defaultPort(url: URL): number {
  return url.protocol === 'https:' ? 443 : 80;
}

function get(
  url: URL,
  headers: Record<string, string[]>,
  inflight: Set<http.ClientRequest>,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const mod = url.protocol === 'https:' ? https : http;
    const hostHeader = Object.entries(headers).find(([k]) => k.toLowerCase() === 'host')?.[1][0];
    const outHeaders: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() !== 'host') outHeaders[k] = v;
    if (hostHeader) outHeaders['Host'] = hostHeader;
    const req = mod.request(url, {
      method: 'GET',
      headers: outHeaders,
      agent: false,
      ...(url.protocol === 'https:' ? { rejectUnauthorized: false } : {}),
    });
    inflight.add(req);
    req.once('error', (err) => {
      inflight.delete(req);
      reject(err);
    });
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        inflight.delete(req);
        const loc = res.headers.location;
        resolve({
          status: res.statusCode ?? 0,
          location: loc,
          body: Buffer.concat(chunks).subarray(0, MAX_OUTPUT_BYTES).toString('utf8'),
        });
      };
      res.on('data', (c: Buffer) => {
        if (size >= MAX_OUTPUT_BYTES) return;
        chunks.push(c);
        size += c.length;
        if (size >= MAX_OUTPUT_BYTES) {
          finish();
          res.destroy();
        }
      });
      res.once('end', finish);
      res.once('error', (err) => {
        inflight.delete(req);
        reject(err);
      });
    });
    req.end();
  });
}
