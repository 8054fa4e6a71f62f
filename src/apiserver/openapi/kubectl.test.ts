/**
 * Drives the real kubectl 1.32 against a fake server that serves our OpenAPI v3 documents and the
 * v2 document, built from the real schema registry: `kubectl explain` must read them (v2 with
 * `--output=plaintext-openapiv2`, as gnostic protobuf), and `kubectl create -f` must
 * find `fieldValidation` on the PATCH operation and so send `fieldValidation=Strict`.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { resources as allResources } from '../../api/registry.js';
import { schemas } from '../../api/schema/index.js';
import {
  cannotBeHandledMessage,
  findStrictFieldErrors,
  strictDecodingMessage,
} from '../../api/schema/unknown-fields.js';
import { OpenApiV3Service } from './service.js';
import { startFakeApiServer, type FakeApiServer, type FakeResource } from './testing/fake-apiserver.js';

const kubectl = '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';
const run = promisify(execFile);
/** Discovery serves just these (from the real resource list); OpenAPI covers every resource. */
const served: FakeResource[] = allResources.filter(
  (r) => (r.group === '' && (r.plural === 'pods' || r.plural === 'services')) || r.plural === 'deployments',
);

/** What the real server will do with a Strict create: the upstream BadRequest text. */
function strictCheck(r: FakeResource, body: string): string | undefined {
  const errors = findStrictFieldErrors(body, r.schemaName, schemas);
  if (errors.length === 0) return undefined;
  const obj = JSON.parse(body) as { kind?: string; apiVersion?: string };
  const version = (obj.apiVersion ?? '').split('/').pop()!;
  return cannotBeHandledMessage(obj.kind ?? r.kind, version, r.kind, strictDecodingMessage(errors));
}

describe(
  'OpenAPI v3 with the real kubectl',
  { skip: !existsSync(kubectl) && `${kubectl} not installed` },
  () => {
    const openapi = new OpenApiV3Service({ resources: allResources, registry: schemas });
    let server: FakeApiServer;

    before(async () => {
      assert.equal(served.length, 3);
      server = await startFakeApiServer({ openapi, resources: served, strictCheck });
    });
    after(async () => {
      await server?.close();
    });

    const kc = async (...args: string[]) => {
      const { stdout } = await run(
        kubectl,
        ['--kubeconfig', server.kubeconfig, '--cache-dir', server.cacheDir, ...args],
        {
          timeout: 60_000,
        },
      );
      return stdout;
    };

    it('kubectl explain pod.spec.containers', async () => {
      const out = await kc('explain', 'pod.spec.containers');
      const lines = out.split('\n');
      assert.match(lines[0], /^KIND:\s+Pod$/);
      assert.match(lines[1], /^VERSION:\s+v1$/);
      assert.match(out, /^FIELD: containers <\[\]Container>$/m);
      assert.match(out, /^FIELDS:$/m);
      assert.match(out, /^ {2}image\t<string>$/m);
      assert.match(out, /^ {2}name\t<string> -required-$/m);
    });

    it('kubectl explain deployment.spec.strategy (apps/v1 document)', async () => {
      const out = await kc('explain', 'deployment.spec.strategy');
      assert.match(out, /^GROUP:\s+apps$/m);
      assert.match(out, /^KIND:\s+Deployment$/m);
      assert.match(out, /^VERSION:\s+v1$/m);
      assert.match(out, /^FIELD: strategy <DeploymentStrategy>$/m);
      assert.match(out, /^ {2}rollingUpdate\t<RollingUpdateDeployment>$/m);
      const surge = await kc('explain', 'deploy.spec.strategy.rollingUpdate.maxSurge');
      assert.match(surge, /^FIELD: maxSurge <IntOrString>$/m);
      const limits = await kc('explain', 'pod.spec.containers.resources.limits');
      assert.match(limits, /^FIELD: limits <map\[string\]Quantity>$/m);
      const probe = await kc('explain', 'pod.spec.containers.livenessProbe');
      assert.match(probe, /^ {2}httpGet\t<HTTPGetAction>$/m); // an inline (embedded) member
      const created = await kc('explain', 'pod.metadata.creationTimestamp');
      assert.match(created, /^FIELD: creationTimestamp <string>$/m);
    });

    it('kubectl explain --output=plaintext-openapiv2 reads the protobuf v2 document', async () => {
      server.requests.length = 0;
      const out = await kc('explain', '--output=plaintext-openapiv2', 'pod.spec.containers');
      const lines = out.split('\n');
      assert.deepEqual(lines.slice(0, 4), [
        'KIND:     Pod',
        'VERSION:  v1',
        '',
        'RESOURCE: containers <[]Object>',
      ]);
      assert.match(out, /^DESCRIPTION:\n {5}\S/m);
      assert.match(out, /^FIELDS:$/m);
      assert.match(out, /^ {3}image\t<string>$/m);
      assert.match(out, /^ {3}name\t<string> -required-$/m);
      assert.match(out, /^ {3}ports\t<\[\]Object>$/m);
      assert.ok(server.requests.some((r) => r.url.startsWith('/openapi/v2')));
      assert.ok(!server.requests.some((r) => r.url.startsWith('/openapi/v3')));
    });

    it('kubectl explain --output=plaintext-openapiv2 deployment.spec.strategy and a Quantity map', async () => {
      const out = await kc('explain', '--output=plaintext-openapiv2', 'deployment.spec.strategy');
      assert.deepEqual(out.split('\n').slice(0, 4), [
        'KIND:     Deployment',
        'VERSION:  apps/v1',
        '',
        'RESOURCE: strategy <Object>',
      ]);
      assert.match(out, /^ {3}rollingUpdate\t<Object>$/m);
      assert.match(out, /^ {3}type\t<string>$/m);
      const limits = await kc(
        'explain',
        '--output=plaintext-openapiv2',
        'pod.spec.containers.resources.limits',
      );
      assert.match(limits, /^FIELD: {4}limits <map\[string\]string>$/m);
    });

    it('kubectl create -f sends fieldValidation=Strict because the PATCH operation lists it', async () => {
      const manifest = join(server.dir, 'pod.yaml');
      writeFileSync(
        manifest,
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: c\n    image: nginx\n',
      );
      server.requests.length = 0;
      const out = await kc('create', '-f', manifest, '--dry-run=server', '-o', 'name');
      assert.equal(out.trim(), 'pod/web');
      const post = server.requests.find((r) => r.method === 'POST');
      assert.ok(post, JSON.stringify(server.requests.map((r) => `${r.method} ${r.url}`)));
      const q = new URL(post.url, server.url).searchParams;
      assert.equal(post.url.split('?')[0], '/api/v1/namespaces/default/pods');
      assert.equal(q.get('fieldValidation'), 'Strict');
      assert.equal(q.get('dryRun'), 'All');
      assert.equal(q.get('fieldManager'), 'kubectl-create');
      assert.ok(server.requests.some((r) => r.url.startsWith('/openapi/v3/api/v1?hash=')));
    });

    it('kubectl apply -f (client-side) also validates through the server', async () => {
      const manifest = join(server.dir, 'deploy.yaml');
      writeFileSync(
        manifest,
        [
          'apiVersion: apps/v1',
          'kind: Deployment',
          'metadata:',
          '  name: web',
          'spec:',
          '  selector:',
          '    matchLabels: {app: web}',
          '  template:',
          '    metadata:',
          '      labels: {app: web}',
          '    spec:',
          '      containers:',
          '      - name: c',
          '        image: nginx',
          '',
        ].join('\n'),
      );
      server.requests.length = 0;
      const out = await kc('apply', '-f', manifest);
      assert.equal(out.trim(), 'deployment.apps/web created');
      const post = server.requests.find((r) => r.method === 'POST')!;
      assert.equal(post.url.split('?')[0], '/apis/apps/v1/namespaces/default/deployments');
      assert.equal(new URL(post.url, server.url).searchParams.get('fieldValidation'), 'Strict');
      assert.match(post.body, /kubectl.kubernetes.io\/last-applied-configuration/);
    });

    it('kubectl prints the strict decoding error of an unknown field as upstream does', async () => {
      const manifest = join(server.dir, 'bad.yaml');
      writeFileSync(
        manifest,
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  foo: 1\n  containers:\n  - name: c\n    image: nginx\n    imagePullPolice: Never\n',
      );
      const err = await kc('create', '-f', manifest).then(
        () => assert.fail('kubectl create should fail'),
        (e: { stderr: string }) => e.stderr,
      );
      assert.equal(
        err.trim(),
        `Error from server (BadRequest): error when creating "${manifest}": Pod in version "v1" cannot be handled as a Pod: ` +
          'strict decoding error: unknown field "spec.containers[0].imagePullPolice", unknown field "spec.foo"',
      );
    });
  },
);
