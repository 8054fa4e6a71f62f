import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resources as allResources } from '../../api/registry.js';
import { schemas } from '../../api/schema/index.js';
import { buildOpenApiV3 } from './document.js';
import { patchContentTypes } from './paths.js';
import { miniRegistry, miniResources } from './testing/mini-schemas.js';
import { buildOpenApiV2, danglingV2Refs, schemaToV2 } from './v2-document.js';

type Doc = {
  swagger: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, any>>;
  definitions: Record<string, any>;
};

const registry = miniRegistry();
const built = buildOpenApiV2(miniResources, registry);
const doc = built.document as Doc;
const podItem = '/api/v1/namespaces/{namespace}/pods/{name}';
const methods = ['get', 'put', 'post', 'delete', 'patch'];

/** Every operation of the document as [method path, operation]. */
function operations(d: Doc): [string, any][] {
  const out: [string, any][] = [];
  for (const [p, item] of Object.entries(d.paths))
    for (const m of methods) if (item[m]) out.push([`${m} ${p}`, item[m]]);
  return out;
}

describe('buildOpenApiV2 header and references', () => {
  it('is a Swagger 2.0 document with bearer-token security', () => {
    assert.equal(doc.swagger, '2.0');
    assert.deepEqual(doc.info, { title: 'Kubernetes', version: 'unversioned' });
    assert.deepEqual((built.document as any).security, [{ BearerToken: [] }]);
    assert.equal((built.document as any).securityDefinitions.BearerToken.type, 'apiKey');
    assert.equal('components' in built.document, false);
  });

  it('resolves every $ref within definitions, for the mini and the real registry', () => {
    assert.deepEqual(danglingV2Refs(doc), []);
    assert.deepEqual(built.missing, []);
    const real = buildOpenApiV2(allResources, schemas);
    assert.deepEqual(danglingV2Refs(real.document), []);
    assert.deepEqual(real.missing, []);
    assert.ok(!JSON.stringify(real.document).includes('#/components/'));
    assert.ok(!JSON.stringify(real.document).includes('"allOf"'));
    assert.ok(!JSON.stringify(real.document).includes('"oneOf"'));
    assert.ok(!JSON.stringify(real.document).includes('"requestBody"'));
  });

  it('detects a dangling reference', () => {
    const broken = { definitions: { A: { $ref: '#/definitions/B' } }, x: { $ref: '#/components/schemas/A' } };
    assert.deepEqual(danglingV2Refs(broken), ['#/components/schemas/A', '#/definitions/B']);
  });

  it('has the same paths and operations as the v3 documents together', () => {
    const v3 = [
      buildOpenApiV3({ group: '', version: 'v1' }, miniResources, registry),
      buildOpenApiV3({ group: 'apps', version: 'v1' }, miniResources, registry),
    ] as { paths: Record<string, Record<string, any>> }[];
    const v3Ops = v3.flatMap((d) =>
      Object.entries(d.paths).flatMap(([p, item]) =>
        methods.filter((m) => item[m]).map((m) => `${m} ${p} ${item[m].operationId}`),
      ),
    );
    const v2Ops = operations(doc).map(([k, op]) => `${k} ${op.operationId}`);
    assert.deepEqual(v2Ops.sort(), v3Ops.sort());
    assert.deepEqual(Object.keys(doc.paths), Object.keys(doc.paths).sort());
  });
});

describe('buildOpenApiV2 operations', () => {
  it('PATCH consumes the four patch types and lists fieldValidation as a query parameter', () => {
    const patches = operations(doc).filter(([k]) => k.startsWith('patch '));
    assert.ok(patches.length >= 4);
    for (const [k, op] of patches) {
      assert.deepEqual([...op.consumes].sort(), [...patchContentTypes].sort(), k);
      const fv = op.parameters.find((p: any) => p.name === 'fieldValidation');
      assert.deepEqual(fv && { in: fv.in, type: fv.type }, { in: 'query', type: 'string' }, k);
      assert.equal(fv.schema, undefined);
      assert.deepEqual(op.parameters[0], {
        in: 'body',
        name: 'body',
        required: true,
        schema: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch' },
      });
    }
  });

  it('turns v3 responses into produces and schema refs, with upstream extensions', () => {
    const get = doc.paths[podItem].get;
    assert.deepEqual(get.consumes, ['*/*']);
    assert.deepEqual(get.produces, [
      'application/json',
      'application/vnd.kubernetes.protobuf',
      'application/yaml',
    ]);
    assert.deepEqual(get.responses['200'], {
      description: 'OK',
      schema: { $ref: '#/definitions/io.k8s.api.core.v1.Pod' },
    });
    assert.deepEqual(get.responses['401'], { description: 'Unauthorized' });
    assert.deepEqual(get.schemes, ['https']);
    assert.deepEqual(get.tags, ['core_v1']);
    assert.equal(get['x-kubernetes-action'], 'get');
    assert.deepEqual(get['x-kubernetes-group-version-kind'], { group: '', kind: 'Pod', version: 'v1' });
    const list = doc.paths['/api/v1/namespaces/{namespace}/pods'].get;
    assert.ok(list.produces.includes('application/json;stream=watch'));
    const log = doc.paths[`${podItem}/log`].get;
    assert.deepEqual(log.produces, ['text/plain']);
    assert.deepEqual(log.responses['200'].schema, { type: 'string' });
  });

  it('flattens path-level parameters and gives create and delete their body parameter', () => {
    assert.deepEqual(doc.paths[podItem].parameters[0], {
      description: 'name of the Pod',
      in: 'path',
      name: 'name',
      required: true,
      type: 'string',
      uniqueItems: true,
    });
    const post = doc.paths['/api/v1/namespaces/{namespace}/pods'].post;
    assert.deepEqual(post.parameters[0].schema, { $ref: '#/definitions/io.k8s.api.core.v1.Pod' });
    assert.equal(post.parameters[0].required, true);
    const del = doc.paths[podItem].delete;
    assert.equal(del.parameters[0].in, 'body');
    assert.equal(del.parameters[0].required, undefined);
    const scale = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale'].put;
    assert.deepEqual(scale.parameters[0].schema, { $ref: '#/definitions/io.k8s.api.autoscaling.v1.Scale' });
    assert.deepEqual(scale['x-kubernetes-group-version-kind'], {
      group: 'autoscaling',
      kind: 'Scale',
      version: 'v1',
    });
  });
});

describe('buildOpenApiV2 definitions', () => {
  it('writes refs directly, keeps descriptions and patch metadata', () => {
    const pod = doc.definitions['io.k8s.api.core.v1.Pod'];
    assert.equal(pod.properties.spec.$ref, '#/definitions/io.k8s.api.core.v1.PodSpec');
    assert.equal(pod.properties.spec.allOf, undefined);
    assert.equal(typeof pod.properties.spec.description, 'string');
    const containers = doc.definitions['io.k8s.api.core.v1.PodSpec'].properties.containers;
    assert.equal(containers.type, 'array');
    assert.equal(containers.items.$ref, '#/definitions/io.k8s.api.core.v1.Container');
    assert.equal(containers['x-kubernetes-patch-merge-key'], 'name');
    assert.equal(containers['x-kubernetes-patch-strategy'], 'merge');
    assert.equal(containers['x-kubernetes-list-type'], 'map');
    assert.deepEqual(containers['x-kubernetes-list-map-keys'], ['name']);
    assert.deepEqual(doc.definitions['io.k8s.api.core.v1.Container'].required, ['name']);
  });

  it('lists the GVKs of top-level kinds as an array', () => {
    assert.deepEqual(doc.definitions['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind'], [
      { group: 'apps', kind: 'Deployment', version: 'v1' },
    ]);
    assert.deepEqual(doc.definitions['io.k8s.api.core.v1.PodList']['x-kubernetes-group-version-kind'], [
      { group: '', kind: 'PodList', version: 'v1' },
    ]);
    assert.equal(doc.definitions['io.k8s.api.core.v1.PodSpec']['x-kubernetes-group-version-kind'], undefined);
  });

  it('models Quantity, IntOrString and Time as strings, as upstream v2 does', () => {
    const d = doc.definitions;
    assert.deepEqual(Object.keys(d['io.k8s.apimachinery.pkg.api.resource.Quantity']).sort(), [
      'description',
      'type',
    ]);
    assert.equal(d['io.k8s.apimachinery.pkg.api.resource.Quantity'].type, 'string');
    const ios = d['io.k8s.apimachinery.pkg.util.intstr.IntOrString'];
    assert.deepEqual([ios.type, ios.format, ios.oneOf], ['string', 'int-or-string', undefined]);
    const time = d['io.k8s.apimachinery.pkg.apis.meta.v1.Time'];
    assert.deepEqual([time.type, time.format], ['string', 'date-time']);
    const limits = d['io.k8s.api.core.v1.ResourceRequirements'].properties.limits;
    assert.deepEqual(limits.additionalProperties, {
      $ref: '#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity',
    });
  });

  it('schemaToV2 keeps multi-member allOf and converts nested refs', () => {
    const s = schemaToV2({
      allOf: [{ $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/B' }],
      items: { allOf: [{ $ref: '#/components/schemas/C' }], default: {} },
    });
    assert.deepEqual(s, {
      allOf: [{ $ref: '#/definitions/A' }, { $ref: '#/definitions/B' }],
      items: { $ref: '#/definitions/C', default: {} },
    });
  });
});
