/**
 * @module apiserver/openapi/testing/fake-apiserver
 * A tiny plain-HTTP API server on 127.0.0.1 for driving the real kubectl against the OpenAPI
 * service in tests: `/version`, aggregated discovery for `/api` and `/apis`, `/openapi/v3` and
 * the group-version documents, `/openapi/v2` (protobuf or JSON by Accept), and a create endpoint that echoes the posted object. Every request
 * is recorded. Not a model of the real server: only what these tests need.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenApiV3Service } from '../service.js';
import type { OpenApiResource } from '../paths.js';

/** A served resource plus the discovery facts kubectl needs to resolve names. */
export interface FakeResource extends OpenApiResource {
  singular: string;
  shortNames: string[];
}

export interface RecordedRequest {
  method: string;
  url: string;
  body: string;
}

export interface FakeApiServer {
  url: string;
  /** A directory with `kubeconfig` (pointing at this server) and a kubectl `cache/` dir. */
  dir: string;
  kubeconfig: string;
  cacheDir: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const discoveryType = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

function discoveryResource(r: FakeResource) {
  return {
    resource: r.plural,
    singularResource: r.singular,
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    responseKind: { group: r.group, version: r.version, kind: r.kind },
    verbs: r.verbs,
    ...(r.shortNames.length > 0 ? { shortNames: r.shortNames } : {}),
    subresources: r.subresources.map((s) => ({
      subresource: s.name,
      responseKind: s.responseKind,
      verbs: s.verbs,
    })),
  };
}

function discovery(resources: FakeResource[], core: boolean) {
  const groups = new Map<string, FakeResource[]>();
  for (const r of resources) {
    if ((r.group === '') !== core) continue;
    groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  }
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: [...groups].map(([group, rs]) => ({
      metadata: { name: group },
      versions: [{ version: rs[0].version, resources: rs.map(discoveryResource), freshness: 'Current' }],
    })),
  };
}

function send(res: ServerResponse, code: number, contentType: string, body: string): void {
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function notFound(res: ServerResponse, url: string): void {
  const status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `the server could not find the requested resource (${url})`,
    reason: 'NotFound',
    code: 404,
  };
  send(res, 404, 'application/json', JSON.stringify(status));
}

/** Starts the server on a random loopback port and writes a kubeconfig with a bearer token. */
export async function startFakeApiServer(opts: {
  openapi: OpenApiV3Service;
  resources: FakeResource[];
  /** Checks a create body under `fieldValidation=Strict`; a returned message becomes a 400 BadRequest. */
  strictCheck?: (r: FakeResource, body: string) => string | undefined;
}): Promise<FakeApiServer> {
  const token = 'test-token-' + Math.random().toString(36).slice(2);
  const requests: RecordedRequest[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', url, body });
    // kubectl 1.32 sends no bearer token over plain http, so a wrong token is refused but a
    // missing one is let through (the listener is loopback-only).
    const auth = req.headers.authorization;
    if (auth !== undefined && auth !== `Bearer ${token}`) {
      return send(
        res,
        401,
        'application/json',
        '{"kind":"Status","apiVersion":"v1","status":"Failure","code":401}',
      );
    }
    const path = url.split('?')[0];
    if (path === '/version') {
      return send(
        res,
        200,
        'application/json',
        JSON.stringify({ major: '1', minor: '32', gitVersion: 'v1.32.0', platform: 'linux/amd64' }),
      );
    }
    if (path === '/api' || path === '/apis') {
      return send(res, 200, discoveryType, JSON.stringify(discovery(opts.resources, path === '/api')));
    }
    if (path === '/openapi/v3') return send(res, 200, 'application/json', opts.openapi.root());
    if (path.startsWith('/openapi/v3/')) {
      const doc = opts.openapi.document(path);
      if (!doc) return notFound(res, url);
      res.setHeader('ETag', `"${doc.hash}"`);
      return send(res, 200, 'application/json', doc.body);
    }
    if (path === '/openapi/v2') {
      const v2 = opts.openapi.v2(req.headers.accept ?? '');
      if (!v2) return send(res, 406, 'text/plain', '');
      res.writeHead(200, {
        'Content-Type': v2.contentType,
        'Content-Length': Buffer.byteLength(v2.body),
        ETag: `"${v2.etag}"`,
      });
      return res.end(v2.body);
    }
    const create = /^\/api(?:s\/[^/]+)?\/v1\/namespaces\/([^/]+)\/([^/]+)$/.exec(path);
    if (req.method === 'POST' && create) {
      const r = opts.resources.find((x) => x.plural === create[2]);
      if (!r) return notFound(res, url);
      const strict = new URL(url, 'http://x').searchParams.get('fieldValidation') === 'Strict';
      const problem = strict ? opts.strictCheck?.(r, body) : undefined;
      if (problem) {
        const status = {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: problem,
        };
        return send(
          res,
          400,
          'application/json',
          JSON.stringify({ ...status, reason: 'BadRequest', code: 400 }),
        );
      }
      const obj = JSON.parse(body) as { metadata?: Record<string, unknown> };
      const out = { ...obj, kind: r.kind, metadata: { ...obj.metadata, namespace: create[1], uid: 'u-1' } };
      return send(res, 201, 'application/json', JSON.stringify(out));
    }
    notFound(res, url);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'kubeling-openapi-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: fake\n  cluster:\n    server: ${url}`,
      'users:',
      `- name: fake\n  user:\n    token: ${token}`,
      'contexts:',
      '- name: fake\n  context:\n    cluster: fake\n    user: fake\n    namespace: default',
      'current-context: fake',
      '',
    ].join('\n'),
  );
  return {
    url,
    dir,
    kubeconfig,
    cacheDir: join(dir, 'cache'),
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
