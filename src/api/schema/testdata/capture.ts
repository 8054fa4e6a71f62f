/**
 * @module api/schema/testdata/capture
 * Test support: records the request bodies the real kubectl v1.32 sends for `kubectl create ...`
 * commands. A tiny loopback HTTP server answers /version and legacy discovery for the resources
 * those commands touch, records every POST, and answers it with a small JSON object of the
 * right kind so kubectl exits cleanly.
 *
 * Run directly to regenerate the fixture module (then format it with prettier):
 *   npx tsx src/api/schema/testdata/capture.ts
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real kubectl 1.32 binary (the `kubectl` on the PATH is a version dispatcher). */
export const KUBECTL_132 = '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';

/** One recorded request body. */
export interface CapturedBody {
  method: string;
  path: string;
  contentType: string;
  body: Buffer;
}

interface Res {
  name: string;
  kind: string;
  namespaced: boolean;
  verbs?: string[];
}

const ALL_VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

/** Served resources per group-version: enough for the create commands and `auth can-i`. */
const DISCOVERY: Record<string, Res[]> = {
  v1: [
    { name: 'pods', kind: 'Pod', namespaced: true },
    { name: 'nodes', kind: 'Node', namespaced: false },
    { name: 'namespaces', kind: 'Namespace', namespaced: false },
    { name: 'configmaps', kind: 'ConfigMap', namespaced: true },
    { name: 'secrets', kind: 'Secret', namespaced: true },
    { name: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true },
    { name: 'services', kind: 'Service', namespaced: true },
    { name: 'resourcequotas', kind: 'ResourceQuota', namespaced: true },
  ],
  'apps/v1': [{ name: 'deployments', kind: 'Deployment', namespaced: true }],
  'batch/v1': [
    { name: 'jobs', kind: 'Job', namespaced: true },
    { name: 'cronjobs', kind: 'CronJob', namespaced: true },
  ],
  'rbac.authorization.k8s.io/v1': [
    { name: 'roles', kind: 'Role', namespaced: true },
    { name: 'rolebindings', kind: 'RoleBinding', namespaced: true },
    { name: 'clusterroles', kind: 'ClusterRole', namespaced: false },
    { name: 'clusterrolebindings', kind: 'ClusterRoleBinding', namespaced: false },
  ],
  'authorization.k8s.io/v1': [
    {
      name: 'selfsubjectaccessreviews',
      kind: 'SelfSubjectAccessReview',
      namespaced: false,
      verbs: ['create'],
    },
  ],
  'policy/v1': [{ name: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', namespaced: true }],
};

function resourceList(gv: string): unknown {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: gv,
    resources: DISCOVERY[gv]!.map((r) => ({
      name: r.name,
      singularName: r.kind.toLowerCase(),
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs ?? ALL_VERBS,
    })),
  };
}

function groupList(): unknown {
  const groups = Object.keys(DISCOVERY)
    .filter((gv) => gv.includes('/'))
    .map((gv) => {
      const [group, version] = gv.split('/') as [string, string];
      const v = { groupVersion: gv, version };
      return { name: group, versions: [v], preferredVersion: v };
    });
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

/** The answer to a POST: an object of the kind the path names, so typed clients can decode it. */
function createdObject(path: string): unknown {
  const parts = path.split('?')[0]!.split('/').filter(Boolean);
  const gv = parts[0] === 'api' ? parts[1]! : `${parts[1]}/${parts[2]}`;
  const plural = parts[parts.length - 1]!;
  const res = DISCOVERY[gv]?.find((r) => r.name === plural);
  const nsIndex = parts.indexOf('namespaces');
  const namespace = nsIndex >= 0 && nsIndex < parts.length - 2 ? parts[nsIndex + 1] : undefined;
  const obj: Record<string, unknown> = {
    apiVersion: gv,
    kind: res?.kind ?? 'Status',
    metadata: { name: 'captured', ...(namespace ? { namespace } : {}), uid: 'u1', resourceVersion: '1' },
  };
  if (res?.kind === 'SelfSubjectAccessReview') obj.status = { allowed: true };
  return obj;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function route(req: IncomingMessage, body: Buffer, res: ServerResponse, out: CapturedBody[]): void {
  const path = (req.url ?? '/').split('?')[0]!;
  if (req.method === 'POST') {
    out.push({ method: 'POST', path, contentType: req.headers['content-type'] ?? '', body });
    return json(res, 201, createdObject(path));
  }
  if (path === '/version') {
    return json(res, 200, {
      major: '1',
      minor: '32',
      gitVersion: 'v1.32.0',
      gitCommit: '0000000000000000000000000000000000000000',
      gitTreeState: 'clean',
      buildDate: '2024-12-11T00:00:00Z',
      goVersion: 'go1.23.0',
      compiler: 'gc',
      platform: 'linux/amd64',
    });
  }
  if (path === '/api') return json(res, 200, { kind: 'APIVersions', versions: ['v1'] });
  if (path === '/apis') return json(res, 200, groupList());
  if (path === '/api/v1') return json(res, 200, resourceList('v1'));
  const gv = path.replace(/^\/apis\//, '');
  if (path.startsWith('/apis/') && DISCOVERY[gv]) return json(res, 200, resourceList(gv));
  json(res, 404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
}

interface KubectlRun {
  code: number;
  stdout: string;
  stderr: string;
}

function runKubectl(args: string[], env: NodeJS.ProcessEnv): Promise<KubectlRun> {
  return new Promise((resolve) => {
    execFile(KUBECTL_132, args, { env, timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Runs `kubectl <args>` against a fresh recording server and returns the bodies it POSTed and
 * its standard output. Rejects when kubectl exits non-zero (its output is in the message).
 * Cleans up the server, the kubeconfig and the cache directory whatever happens.
 */
export async function captureKubectl(args: string[]): Promise<{ bodies: CapturedBody[]; stdout: string }> {
  const bodies: CapturedBody[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => route(req, Buffer.concat(chunks), res, bodies));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dir = await mkdtemp(join(tmpdir(), 'kubeling-capture-'));
  try {
    const { port } = server.address() as AddressInfo;
    const kubeconfig = join(dir, 'kubeconfig');
    await writeFile(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{name: c, cluster: {server: "http://127.0.0.1:' + port + '"}}]',
        'users: [{name: u, user: {token: abc}}]',
        'contexts: [{name: x, context: {cluster: c, user: u, namespace: default}}]',
        'current-context: x',
        '',
      ].join('\n'),
    );
    const env = { PATH: process.env.PATH, HOME: dir, KUBECONFIG: kubeconfig };
    const r = await runKubectl(['--cache-dir', join(dir, 'cache'), ...args], env);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}: ${r.stdout}${r.stderr}`);
    return { bodies, stdout: r.stdout };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  }
}

/** The commands whose bodies are kept as fixtures, by fixture name. */
export const CAPTURE_COMMANDS: Record<string, string[]> = {
  deployment: ['create', 'deployment', 'web', '--image=nginx', '-r', '3'],
  configmap: ['create', 'configmap', 'c', '--from-literal=a=b'],
  secret: ['create', 'secret', 'generic', 's', '--from-literal=k=v'],
  namespace: ['create', 'namespace', 'n'],
  serviceaccount: ['create', 'serviceaccount', 'sa'],
  service: ['create', 'service', 'clusterip', 's', '--tcp=80:8080'],
  job: ['create', 'job', 'j', '--image=busybox'],
  cronjob: ['create', 'cronjob', 'cj', '--image=busybox', '--schedule=*/1 * * * *'],
  role: ['create', 'role', 'r', '--verb=get', '--resource=pods'],
  rolebinding: ['create', 'rolebinding', 'rb', '--role=r', '--user=u'],
  clusterrole: ['create', 'clusterrole', 'cr', '--verb=get', '--resource=nodes'],
  quota: ['create', 'quota', 'q', '--hard=pods=2'],
  canI: ['auth', 'can-i', 'get', 'pods'],
  pdb: ['create', 'poddisruptionbudget', 'pdb', '--selector=app=x', '--min-available=1'],
};

/** Captures every command in CAPTURE_COMMANDS and writes the fixture module beside this file. */
async function regenerate(): Promise<void> {
  const lines: string[] = [
    '/**',
    ' * @module api/schema/testdata/kubectl-bodies',
    ' * Request bodies recorded from the real kubectl v1.32 (generated by capture.ts; do not edit).',
    ' */',
    'export interface KubectlBody {',
    '  command: string;',
    '  path: string;',
    '  contentType: string;',
    '  /** The body, base64. */',
    '  body: string;',
    '  /** What `--dry-run=client -o json` printed for the same command (absent for auth can-i). */',
    '  json?: unknown;',
    '}',
    '',
    'export const kubectlBodies: Record<string, KubectlBody> = {',
  ];
  for (const [name, args] of Object.entries(CAPTURE_COMMANDS)) {
    const [b] = (await captureKubectl(args)).bodies;
    if (!b) throw new Error(`kubectl ${args.join(' ')} sent no POST`);
    const dryRun =
      args[0] === 'create' ? await captureKubectl([...args, '--dry-run=client', '-o', 'json']) : undefined;
    const command = 'kubectl ' + args.map((a) => (/[\s*]/.test(a) ? `'${a}'` : a)).join(' ');
    lines.push(
      `  ${name}: {`,
      `    command: ${JSON.stringify(command)},`,
      `    path: ${JSON.stringify(b.path)},`,
      `    contentType: ${JSON.stringify(b.contentType)},`,
      `    body: ${JSON.stringify(b.body.toString('base64'))},`,
      ...(dryRun ? [`    json: ${JSON.stringify(JSON.parse(dryRun.stdout))},`] : []),
      '  },',
    );
  }
  lines.push('};', '');
  const out = fileURLToPath(new URL('./kubectl-bodies.ts', import.meta.url));
  await writeFile(out, lines.join('\n'));
  console.log(`wrote ${out}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  regenerate().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
