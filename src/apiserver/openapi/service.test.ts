import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { buildOpenApiV3Root, groupVersionPath, openApiHash } from './root.js';
import { negotiateV2, OpenApiV3Service } from './service.js';
import { miniRegistry, miniResources } from './testing/mini-schemas.js';

describe('buildOpenApiV3Root', () => {
  it('lists each group-version with a hashed server-relative URL', () => {
    const root = buildOpenApiV3Root(
      [
        { group: '', version: 'v1' },
        { group: 'apps', version: 'v1' },
      ],
      (p) => `H-${p.length}`,
    );
    assert.deepEqual(root, {
      paths: {
        'api/v1': { serverRelativeURL: '/openapi/v3/api/v1?hash=H-6' },
        'apis/apps/v1': { serverRelativeURL: '/openapi/v3/apis/apps/v1?hash=H-12' },
      },
    });
    assert.equal(
      groupVersionPath({ group: 'coordination.k8s.io', version: 'v1' }),
      'apis/coordination.k8s.io/v1',
    );
  });

  it('hashes as upstream: SHA-512, upper-case hex', () => {
    const h = openApiHash('{}');
    assert.match(h, /^[0-9A-F]{128}$/);
    assert.equal(h, createHash('sha512').update('{}').digest('hex').toUpperCase());
  });
});

describe('OpenApiV3Service', () => {
  const service = new OpenApiV3Service({ resources: miniResources, registry: miniRegistry() });

  it('serves a root whose hashes match the documents', () => {
    const root = JSON.parse(service.root()) as { paths: Record<string, { serverRelativeURL: string }> };
    assert.deepEqual(Object.keys(root.paths), ['api/v1', 'apis/apps/v1']);
    for (const [p, { serverRelativeURL }] of Object.entries(root.paths)) {
      const doc = service.document(p)!;
      assert.equal(serverRelativeURL, `/openapi/v3/${p}?hash=${doc.hash}`);
      assert.equal(doc.hash, openApiHash(doc.body));
      assert.equal((JSON.parse(doc.body) as { openapi: string }).openapi, '3.0.0');
    }
  });

  it('accepts paths with a leading slash, the /openapi/v3 prefix or a query; unknown paths are undefined', () => {
    const a = service.document('apis/apps/v1')!;
    assert.equal(service.document('/apis/apps/v1')!.hash, a.hash);
    assert.equal(service.document('/openapi/v3/apis/apps/v1?hash=x&timeout=32s')!.hash, a.hash);
    assert.equal(service.document('apis/batch/v1'), undefined);
    assert.equal(service.document(''), undefined);
  });

  it('builds each document once and reports no missing schemas for a complete registry', () => {
    const registry = miniRegistry();
    let lookups = 0;
    const get = registry.get.bind(registry);
    registry.get = (name: string) => (lookups++, get(name));
    const counted = new OpenApiV3Service({ resources: miniResources, registry });
    const first = counted.document('api/v1')!;
    const after = lookups;
    assert.ok(after > 0);
    assert.deepEqual(counted.document('api/v1'), first);
    counted.root();
    assert.equal(counted.document('api/v1')!.hash, first.hash);
    const appsBuilt = lookups;
    counted.root();
    counted.document('apis/apps/v1');
    assert.equal(lookups, appsBuilt);
    assert.deepEqual(service.missingSchemas(), {});
    assert.deepEqual(service.paths(), ['api/v1', 'apis/apps/v1']);
  });
});

describe('OpenApiV3Service.v2', () => {
  const pb = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';

  it('chooses the encoding from the Accept header as upstream does', () => {
    assert.equal(negotiateV2(pb), 'protobuf');
    assert.equal(negotiateV2('application/com.github.proto-openapi.spec.v2.v1.0+protobuf'), 'protobuf');
    assert.equal(negotiateV2(`${pb}, application/json`), 'protobuf');
    assert.equal(negotiateV2(`application/json, ${pb}`), 'json');
    assert.equal(negotiateV2(`application/json;q=0.5, ${pb}`), 'protobuf');
    assert.equal(negotiateV2('application/json'), 'json');
    assert.equal(negotiateV2(''), 'json');
    assert.equal(negotiateV2('*/*'), 'json');
    assert.equal(negotiateV2('text/html, application/*;q=0.1'), 'json');
    assert.equal(negotiateV2('text/html'), undefined);
    assert.equal(negotiateV2('application/yaml'), undefined);
  });

  it('builds nothing until asked, then serves cached JSON and protobuf with one ETag', () => {
    const registry = miniRegistry();
    let lookups = 0;
    const get = registry.get.bind(registry);
    registry.get = (name: string) => (lookups++, get(name));
    const svc = new OpenApiV3Service({ resources: miniResources, registry });
    assert.equal(lookups, 0);
    const json = svc.v2('application/json')!;
    assert.ok(lookups > 0);
    assert.equal(json.contentType, 'application/json');
    assert.equal((JSON.parse(json.body as string) as { swagger: string }).swagger, '2.0');
    assert.equal(json.etag, openApiHash(json.body));
    const proto = svc.v2(pb)!;
    assert.equal(proto.contentType, 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
    assert.ok(Buffer.isBuffer(proto.body));
    assert.deepEqual([...(proto.body as Buffer).subarray(0, 5)], [0x0a, 3, 0x32, 0x2e, 0x30]);
    assert.equal(proto.etag, json.etag);
    const after = lookups;
    assert.equal(svc.v2(pb), proto);
    assert.equal(svc.v2('')!.body, json.body);
    assert.equal(lookups, after);
    assert.equal(svc.v2('text/html'), undefined);
  });
});
