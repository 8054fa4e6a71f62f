import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildOpenApiV3, describeGroupVersion } from './document.js';
import { operationGroupName, operationTag, patchContentTypes } from './paths.js';
import { danglingRefs } from './ref-check.js';
import { miniRegistry, miniResources } from './testing/mini-schemas.js';

type Doc = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, any> };
};

const registry = miniRegistry();
const core = buildOpenApiV3({ group: '', version: 'v1' }, miniResources, registry) as Doc;
const apps = buildOpenApiV3({ group: 'apps', version: 'v1' }, miniResources, registry) as Doc;

/** The operations of a document whose GVK extension names `kind`, as `METHOD path` strings. */
function opsFor(doc: Doc, kind: string): string[] {
  const out: string[] = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(item)) {
      if (m !== 'parameters' && op['x-kubernetes-group-version-kind']?.kind === kind) out.push(`${m} ${p}`);
    }
  }
  return out.sort();
}

describe('buildOpenApiV3 paths', () => {
  it('has the header of a v3 document', () => {
    assert.equal(core.openapi, '3.0.0');
    assert.equal(typeof core.info.title, 'string');
  });

  it('serves collection, item, all-namespaces and watch paths for each verb of a namespaced kind', () => {
    const p = core.paths;
    const coll = p['/api/v1/namespaces/{namespace}/pods'];
    assert.deepEqual(Object.keys(coll).sort(), ['delete', 'get', 'parameters', 'post']);
    assert.equal(coll.get['x-kubernetes-action'], 'list');
    assert.equal(coll.post['x-kubernetes-action'], 'post');
    assert.equal(coll.delete['x-kubernetes-action'], 'deletecollection');
    assert.equal(coll.get.operationId, 'listCoreV1NamespacedPod');
    assert.equal(coll.delete.operationId, 'deleteCoreV1CollectionNamespacedPod');
    const item = p['/api/v1/namespaces/{namespace}/pods/{name}'];
    assert.deepEqual(Object.keys(item).sort(), ['delete', 'get', 'parameters', 'patch', 'put']);
    assert.deepEqual(
      ['get', 'put', 'patch', 'delete'].map((m) => item[m]['x-kubernetes-action']),
      ['get', 'put', 'patch', 'delete'],
    );
    assert.equal(item.get.operationId, 'readCoreV1NamespacedPod');
    assert.equal(item.put.operationId, 'replaceCoreV1NamespacedPod');
    assert.equal(p['/api/v1/pods'].get.operationId, 'listCoreV1PodForAllNamespaces');
    assert.equal(p['/api/v1/watch/namespaces/{namespace}/pods'].get['x-kubernetes-action'], 'watchlist');
    assert.equal(p['/api/v1/watch/namespaces/{namespace}/pods/{name}'].get['x-kubernetes-action'], 'watch');
    assert.equal(p['/api/v1/watch/pods'].get.operationId, 'watchCoreV1PodListForAllNamespaces');
    const pathParams = item.parameters.map((x: any) => `${x.in}:${x.name}`);
    assert.deepEqual(pathParams, ['path:name', 'path:namespace', 'query:pretty']);
  });

  it('only lists group-version resources in their own document, under /apis/<g>/<v>', () => {
    assert.ok(apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch);
    assert.ok(!Object.keys(apps.paths).some((k) => k.startsWith('/api/v1')));
    assert.ok(!Object.keys(core.paths).some((k) => k.includes('deployments')));
  });

  it('uses cluster-scoped paths for cluster-scoped kinds and omits verbs not served', () => {
    const doc = buildOpenApiV3(
      { group: '', version: 'v1' },
      [{ ...miniResources[0], namespaced: false, kind: 'Pod', verbs: ['get', 'list'], subresources: [] }],
      registry,
    ) as Doc;
    assert.deepEqual(Object.keys(doc.paths).sort(), ['/api/v1/pods', '/api/v1/pods/{name}']);
    assert.equal(doc.paths['/api/v1/pods'].get.operationId, 'listCoreV1Pod');
    assert.deepEqual(Object.keys(doc.paths['/api/v1/pods/{name}']).sort(), ['get', 'parameters']);
  });

  it('gives every PATCH the fieldValidation query parameter and all four patch content types', () => {
    let patches = 0;
    for (const doc of [core, apps]) {
      for (const item of Object.values(doc.paths)) {
        if (!item.patch) continue;
        patches++;
        const q = item.patch.parameters.filter((x: any) => x.in === 'query').map((x: any) => x.name);
        assert.ok(q.includes('fieldValidation'), JSON.stringify(q));
        assert.ok(q.includes('force'));
        assert.deepEqual(Object.keys(item.patch.requestBody.content).sort(), patchContentTypes);
      }
    }
    assert.equal(patches, 6); // pods, pods/status, services, deployments, deployments/scale, deployments/status
  });

  it('puts a single GVK object on operations, the kind of the subresource where it differs', () => {
    const gvk =
      core.paths['/api/v1/namespaces/{namespace}/pods/{name}'].patch['x-kubernetes-group-version-kind'];
    assert.deepEqual(gvk, { group: '', kind: 'Pod', version: 'v1' });
    const scale = apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale'];
    assert.deepEqual(scale.patch['x-kubernetes-group-version-kind'], {
      group: 'autoscaling',
      kind: 'Scale',
      version: 'v1',
    });
    assert.equal(
      scale.get.responses['200'].content['application/json'].schema.$ref,
      '#/components/schemas/io.k8s.api.autoscaling.v1.Scale',
    );
    assert.equal(scale.put.operationId, 'replaceAppsV1NamespacedDeploymentScale');
    assert.deepEqual(opsFor(apps, 'Deployment'), [
      'delete /apis/apps/v1/namespaces/{namespace}/deployments',
      'delete /apis/apps/v1/namespaces/{namespace}/deployments/{name}',
      'get /apis/apps/v1/deployments',
      'get /apis/apps/v1/namespaces/{namespace}/deployments',
      'get /apis/apps/v1/namespaces/{namespace}/deployments/{name}',
      'get /apis/apps/v1/namespaces/{namespace}/deployments/{name}/status',
      'get /apis/apps/v1/watch/deployments',
      'get /apis/apps/v1/watch/namespaces/{namespace}/deployments',
      'get /apis/apps/v1/watch/namespaces/{namespace}/deployments/{name}',
      'patch /apis/apps/v1/namespaces/{namespace}/deployments/{name}',
      'patch /apis/apps/v1/namespaces/{namespace}/deployments/{name}/status',
      'post /apis/apps/v1/namespaces/{namespace}/deployments',
      'put /apis/apps/v1/namespaces/{namespace}/deployments/{name}',
      'put /apis/apps/v1/namespaces/{namespace}/deployments/{name}/status',
    ]);
  });

  it('describes binding, connect and log subresources', () => {
    const binding = core.paths['/api/v1/namespaces/{namespace}/pods/{name}/binding'];
    assert.equal(binding.post.operationId, 'createCoreV1NamespacedPodBinding');
    assert.equal(
      binding.post.requestBody.content['*/*'].schema.$ref,
      '#/components/schemas/io.k8s.api.core.v1.Binding',
    );
    const exec = core.paths['/api/v1/namespaces/{namespace}/pods/{name}/exec'];
    assert.deepEqual(Object.keys(exec).sort(), ['get', 'parameters', 'post']);
    assert.equal(exec.get['x-kubernetes-action'], 'connect');
    assert.equal(exec.post.operationId, 'connectCoreV1PostNamespacedPodExec');
    assert.ok(exec.get.parameters.some((x: any) => x.name === 'command'));
    const log = core.paths['/api/v1/namespaces/{namespace}/pods/{name}/log'];
    assert.deepEqual(log.get.responses['200'].content['text/plain'].schema, { type: 'string' });
  });

  it('names operations and tags as upstream does', () => {
    assert.equal(operationGroupName('', 'v1'), 'CoreV1');
    assert.equal(operationGroupName('rbac.authorization.k8s.io', 'v1'), 'RbacAuthorizationV1');
    assert.equal(operationGroupName('flowcontrol.apiserver.k8s.io', 'v1'), 'FlowcontrolApiserverV1');
    assert.equal(operationTag('rbac.authorization.k8s.io', 'v1'), 'rbacAuthorization_v1');
    assert.equal(operationTag('', 'v1'), 'core_v1');
  });
});

describe('buildOpenApiV3 components', () => {
  it('resolves every $ref inside the document', () => {
    assert.deepEqual(danglingRefs(core), []);
    assert.deepEqual(danglingRefs(apps), []);
    assert.deepEqual(
      describeGroupVersion({ group: 'apps', version: 'v1' }, miniResources, registry).missing,
      [],
    );
  });

  it('the ref checker reports a missing component', () => {
    const broken = {
      components: { schemas: { A: { properties: { b: { $ref: '#/components/schemas/B' } } } } },
    };
    assert.deepEqual(danglingRefs(broken), ['#/components/schemas/B']);
  });

  it('includes types reachable across groups, and nothing unreachable', () => {
    const names = Object.keys(apps.components.schemas);
    for (const n of [
      'io.k8s.api.apps.v1.Deployment',
      'io.k8s.api.apps.v1.DeploymentList',
      'io.k8s.api.core.v1.PodTemplateSpec',
      'io.k8s.api.core.v1.Container',
      'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
      'io.k8s.api.autoscaling.v1.Scale',
      'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
      'io.k8s.apimachinery.pkg.api.resource.Quantity',
      'io.k8s.apimachinery.pkg.apis.meta.v1.Time',
      'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1',
      'io.k8s.apimachinery.pkg.apis.meta.v1.Patch',
      'io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent',
      'io.k8s.apimachinery.pkg.runtime.RawExtension',
    ]) {
      assert.ok(names.includes(n), n);
    }
    assert.ok(!names.includes('io.k8s.api.core.v1.Service'));
    assert.ok(!names.includes('io.k8s.api.core.v1.Binding'));
    assert.deepEqual(names, [...names].sort());
  });

  it('uses an ARRAY gvk on top-level kinds and synthesises list kinds', () => {
    const pod = core.components.schemas['io.k8s.api.core.v1.Pod'];
    assert.deepEqual(pod['x-kubernetes-group-version-kind'], [{ group: '', kind: 'Pod', version: 'v1' }]);
    assert.equal(pod.type, 'object');
    const list = core.components.schemas['io.k8s.api.core.v1.PodList'];
    assert.deepEqual(list['x-kubernetes-group-version-kind'], [
      { group: '', kind: 'PodList', version: 'v1' },
    ]);
    assert.deepEqual(list.required, ['items']);
    assert.equal(list.properties.items.items.allOf[0].$ref, '#/components/schemas/io.k8s.api.core.v1.Pod');
    assert.equal(
      core.components.schemas['io.k8s.api.core.v1.PodSpec']['x-kubernetes-group-version-kind'],
      undefined,
    );
  });

  it('maps fields: refs in allOf, arrays, maps, scalars, patch and list metadata, enums, defaults', () => {
    const s = core.components.schemas;
    const podSpec = s['io.k8s.api.core.v1.PodSpec'];
    assert.deepEqual(podSpec.required, ['containers']);
    assert.deepEqual(podSpec.properties.containers, {
      type: 'array',
      items: { allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.Container' }], default: {} },
      description: 'The containers of the pod.',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
    });
    assert.deepEqual(podSpec.properties.restartPolicy.enum, ['Always', 'Never', 'OnFailure']);
    assert.deepEqual(podSpec.properties.nodeSelector.additionalProperties, { type: 'string', default: '' });
    assert.equal(podSpec.properties.nodeSelector['x-kubernetes-map-type'], 'atomic');
    const pod = s['io.k8s.api.core.v1.Pod'].properties;
    assert.deepEqual(pod.spec.allOf, [{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodSpec' }]);
    assert.deepEqual(pod.spec.default, {});
    assert.equal(pod.spec.description, 'Desired behaviour of the pod.');
    const container = s['io.k8s.api.core.v1.Container'].properties;
    assert.deepEqual(container.name, { type: 'string', default: '', description: 'Name of the container.' });
    assert.deepEqual(container.stdin, { type: 'boolean', description: 'Keep stdin open.' });
    assert.deepEqual(container.command.items, { type: 'string', default: '' });
    const port = s['io.k8s.api.core.v1.ContainerPort'].properties;
    assert.deepEqual(port.containerPort, {
      type: 'integer',
      format: 'int32',
      default: 0,
      description: 'Port number.',
    });
    assert.equal(port.protocol.default, 'TCP');
    const res = s['io.k8s.api.core.v1.ResourceRequirements'].properties;
    assert.deepEqual(res.limits.additionalProperties, {
      $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity',
    });
    const meta = s['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].properties;
    assert.deepEqual(meta.creationTimestamp.allOf, [
      { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time' },
    ]);
    assert.equal(meta.creationTimestamp.default, undefined);
    assert.deepEqual(s['io.k8s.apimachinery.pkg.apis.meta.v1.Time'], {
      description: s['io.k8s.apimachinery.pkg.apis.meta.v1.Time'].description,
      type: 'string',
      format: 'date-time',
    });
    const intOrString = s['io.k8s.apimachinery.pkg.util.intstr.IntOrString'];
    assert.equal(intOrString.format, 'int-or-string');
    assert.deepEqual(intOrString.oneOf, [{ type: 'integer' }, { type: 'string' }]);
    assert.equal(intOrString.type, undefined);
    assert.deepEqual(s['io.k8s.apimachinery.pkg.api.resource.Quantity'].oneOf, [
      { type: 'string' },
      { type: 'number' },
    ]);
    assert.equal(s['io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector'], undefined);
    assert.equal(
      apps.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector']['x-kubernetes-map-type'],
      'atomic',
    );
    assert.deepEqual(Object.keys(pod), ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  });

  it('stubs and reports a schema the registry lacks', () => {
    const r = { ...miniResources[1], schemaName: 'io.k8s.api.core.v1.Nowhere' };
    const built = describeGroupVersion({ group: '', version: 'v1' }, [r], registry);
    assert.deepEqual(built.missing, ['io.k8s.api.core.v1.Nowhere']);
    assert.deepEqual(danglingRefs(built.document), []);
  });

  it('is deterministic', () => {
    const again = buildOpenApiV3({ group: '', version: 'v1' }, [...miniResources].reverse(), registry);
    assert.equal(JSON.stringify(again), JSON.stringify(core));
  });
});

describe('inline (embedded) fields', () => {
  it('lifts the members of an inline field into the parent component, like upstream JSON', async () => {
    const { f, SchemaRegistry, t, type } = await import('../../api/schema/model.js');
    const reg = miniRegistry().add(
      type('io.k8s.api.core.v1.Probe', 'probe', {
        handler: f(1, t.ref('io.k8s.api.core.v1.ProbeHandler'), 'embedded', { inline: true }),
        periodSeconds: f(4, t.int32, 'period'),
      }),
      type('io.k8s.api.core.v1.ProbeHandler', 'handler', {
        exec: f(1, t.ref('io.k8s.api.core.v1.ExecAction'), 'exec'),
        port: f(2, t.int32, 'port', { required: true }),
      }),
      type('io.k8s.api.core.v1.ExecAction', 'exec action', { command: f(1, t.array(t.string), 'command') }),
      type(
        'io.k8s.api.core.v1.Prober',
        'a kind holding a probe',
        {
          probe: f(1, t.ref('io.k8s.api.core.v1.Probe'), 'probe'),
        },
        { gvk: [{ group: '', version: 'v1', kind: 'Prober' }] },
      ),
    );
    assert.ok(reg instanceof SchemaRegistry);
    const doc = buildOpenApiV3(
      { group: '', version: 'v1' },
      [{ ...miniResources[1], kind: 'Prober', plural: 'probers', schemaName: 'io.k8s.api.core.v1.Prober' }],
      reg,
    ) as Doc;
    const probe = doc.components.schemas['io.k8s.api.core.v1.Probe'];
    assert.deepEqual(Object.keys(probe.properties), ['exec', 'periodSeconds', 'port']);
    assert.deepEqual(probe.required, ['port']);
    assert.ok(doc.components.schemas['io.k8s.api.core.v1.ExecAction']);
    assert.equal(doc.components.schemas['io.k8s.api.core.v1.ProbeHandler'], undefined);
    assert.deepEqual(danglingRefs(doc), []);
  });
});
