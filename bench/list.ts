/**
 * @module bench/list
 * Measurement 3: listing a namespace of 10,000 pods in one request (no limit), as JSON and as a
 * server-side Table (what kubectl asks for), plus the wall time of `kubectl get pods` for
 * information (kubectl pages by 500 by default).
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { expectStatus, http1Client, type Endpoint } from './api-client.js';
import { below, info, type Row } from './report.js';
import { median } from './stats.js';

const RUNS = 5;
const GOAL_MS = 300;
/** The Accept header kubectl 1.32 sends for `get`. */
const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
export const KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';

/** Times RUNS full lists of `ns` in each format; fails when the count is not `want`. */
export async function benchList(ep: Endpoint, ns: string, want: number, kubeconfig: string): Promise<Row[]> {
  const c = http1Client(ep);
  const path = `/api/v1/namespaces/${ns}/pods`;
  try {
    const timeList = async (accept: string, count: (body: unknown) => number) => {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        const res = await c.request('GET', path, undefined, { accept });
        times.push(performance.now() - t);
        expectStatus(res, 200, `list ${path}`);
        const n = count(JSON.parse(res.body.toString('utf8')));
        if (n !== want) throw new Error(`list ${path} (${accept.slice(0, 30)}): ${n} items, want ${want}`);
        bytes = res.body.length;
      }
      return { ms: median(times), mb: bytes / 1e6 };
    };
    const json = await timeList('application/json', (b) => (b as { items: unknown[] }).items.length);
    const table = await timeList(TABLE_ACCEPT, (b) => (b as { rows: unknown[] }).rows.length);
    const k = await timeKubectl(ns, kubeconfig, want);
    return [
      below(`list ${want} pods, JSON (median of ${RUNS}, ${json.mb.toFixed(1)} MB)`, json.ms, 'ms', GOAL_MS),
      below(
        `list ${want} pods, Table (median of ${RUNS}, ${table.mb.toFixed(1)} MB)`,
        table.ms,
        'ms',
        GOAL_MS,
      ),
      info(`kubectl get pods --no-headers | wc -l (${k.lines} lines)`, k.ms, 'ms'),
    ];
  } finally {
    c.close();
  }
}

function timeKubectl(ns: string, kubeconfig: string, want: number): Promise<{ ms: number; lines: number }> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    execFile(
      'sh',
      ['-c', `"${KUBECTL}" get pods -n "${ns}" --no-headers | wc -l`],
      { env: { ...process.env, KUBECONFIG: kubeconfig }, maxBuffer: 1 << 20, timeout: 120_000 },
      (err, stdout, stderr) => {
        const ms = performance.now() - t;
        if (err) return reject(new Error(`kubectl get pods: ${err.message} ${stderr}`));
        const lines = Number(stdout.trim());
        if (lines !== want)
          return reject(new Error(`kubectl get pods printed ${lines} lines, want ${want}: ${stderr}`));
        resolve({ ms, lines });
      },
    );
  });
}
