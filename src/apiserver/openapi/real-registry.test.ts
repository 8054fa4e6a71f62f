/**
 * The OpenAPI service over the real resource list and schema registry: every document must be
 * complete and self-consistent, and every patchable kind must advertise `fieldValidation` on its
 * PATCH operation (or kubectl's default `--validate=strict` falls back to OpenAPI v2 and fails).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resources } from '../../api/registry.js';
import { schemas } from '../../api/schema/index.js';
import { danglingRefs } from './ref-check.js';
import { groupVersionPath } from './root.js';
import { OpenApiV3Service } from './service.js';

type Doc = {
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, any> };
};

describe('OpenAPI v3 over the real registry', () => {
  const service = new OpenApiV3Service({ resources, registry: schemas });
  const docs = new Map(service.paths().map((p) => [p, JSON.parse(service.document(p)!.body) as Doc]));

  it('serves one document per group-version, core first', () => {
    const expected = new Set(resources.map((r) => groupVersionPath(r)));
    assert.deepEqual(new Set(service.paths()), expected);
    assert.equal(service.paths()[0], 'api/v1');
  });

  it('describes every referenced schema and resolves every $ref', () => {
    assert.deepEqual(service.missingSchemas(), {});
    for (const [p, doc] of docs) assert.deepEqual(danglingRefs(doc), [], p);
  });

  it('gives every kind a component with an array GVK, and each patchable kind a PATCH with fieldValidation', () => {
    for (const r of resources) {
      const doc = docs.get(groupVersionPath(r))!;
      const component = doc.components.schemas[r.schemaName];
      assert.ok(component, r.schemaName);
      assert.ok(
        (component['x-kubernetes-group-version-kind'] as any[]).some(
          (g) => g.group === r.group && g.version === r.version && g.kind === r.kind,
        ),
        `${r.schemaName} lacks its GVK`,
      );
      const patches = Object.values(doc.paths)
        .map((item) => item.patch)
        .filter((op) => op && op['x-kubernetes-group-version-kind'].kind === r.kind);
      assert.equal(patches.length > 0, r.verbs.includes('patch'), `${r.plural}: PATCH operations`);
      for (const op of patches) {
        assert.ok(
          op.parameters.some((x: any) => x.name === 'fieldValidation' && x.in === 'query'),
          r.plural,
        );
        assert.ok(op.requestBody.content['application/strategic-merge-patch+json'], r.plural);
      }
    }
  });

  it('builds all documents quickly and hashes them stably', () => {
    const t0 = performance.now();
    const again = new OpenApiV3Service({ resources, registry: schemas });
    const root = again.root();
    const ms = performance.now() - t0;
    assert.equal(root, service.root());
    assert.ok(ms < 2000, `${ms} ms`);
  });
});
