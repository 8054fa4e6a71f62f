import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appsV1Schemas } from './apps-v1.js';
import { authorizationV1Schemas } from './authorization-v1.js';
import { autoscalingV1Schemas } from './autoscaling-v1.js';
import { batchV1Schemas } from './batch-v1.js';
import { coordinationV1Schemas } from './coordination-v1.js';
import { coreV1PvcSchemas } from './core-v1-pvc.js';
import { discoveryV1Schemas } from './discovery-v1.js';
import { eventsV1Schemas } from './events-v1.js';
import { schemas } from './index.js';
import type { FieldSchema, FieldType } from './model.js';
import { policyV1Schemas } from './policy-v1.js';
import { rbacV1Schemas } from './rbac-v1.js';

const groupSchemas = [
  ...appsV1Schemas,
  ...batchV1Schemas,
  ...rbacV1Schemas,
  ...coordinationV1Schemas,
  ...discoveryV1Schemas,
  ...eventsV1Schemas,
  ...policyV1Schemas,
  ...authorizationV1Schemas,
  ...autoscalingV1Schemas,
  ...coreV1PvcSchemas,
];

function field(typeName: string, name: string): FieldSchema {
  const s = schemas.get(typeName);
  assert.ok(s, `${typeName} is registered`);
  const fs = s.fields[name];
  assert.ok(fs, `${typeName}.${name} exists`);
  return fs;
}

function refsOf(ft: FieldType): string[] {
  if (ft.kind === 'ref') return [ft.ref];
  if (ft.kind === 'array') return refsOf(ft.items);
  if (ft.kind === 'map') return refsOf(ft.values);
  return [];
}

describe('schema registry', () => {
  it('resolves every reference', () => {
    const missing: string[] = [];
    for (const s of schemas.all()) {
      for (const [name, f] of Object.entries(s.fields)) {
        for (const ref of refsOf(f.type))
          if (!schemas.get(ref)) missing.push(`${ref} (from ${s.name}.${name})`);
      }
    }
    assert.deepEqual(missing, [], `unresolved references:\n${missing.join('\n')}`);
  });

  it('finds kinds by group/version/kind', () => {
    assert.equal(schemas.forKind('apps', 'v1', 'Deployment')?.name, 'io.k8s.api.apps.v1.Deployment');
    assert.equal(schemas.forKind('batch', 'v1', 'CronJobList')?.name, 'io.k8s.api.batch.v1.CronJobList');
    assert.equal(
      schemas.forKind('authorization.k8s.io', 'v1', 'SelfSubjectAccessReview')?.name,
      'io.k8s.api.authorization.v1.SelfSubjectAccessReview',
    );
    assert.equal(
      schemas.forKind('rbac.authorization.k8s.io', 'v1', 'ClusterRole')?.name.endsWith('ClusterRole'),
      true,
    );
    assert.equal(schemas.forKind('autoscaling', 'v1', 'Scale')?.name, 'io.k8s.api.autoscaling.v1.Scale');
    assert.equal(
      schemas.forKind('', 'v1', 'PersistentVolumeClaim')?.name,
      'io.k8s.api.core.v1.PersistentVolumeClaim',
    );
  });
});

describe('non-core group schemas', () => {
  it('number proto fields uniquely and describe every field in one sentence', () => {
    for (const s of groupSchemas) {
      const seen = new Set<number>();
      assert.match(s.description, /^[A-Z].*\.$/, s.name);
      for (const [name, f] of Object.entries(s.fields)) {
        assert.match(f.description, /^[A-Z"].*\.$/, `${s.name}.${name}`);
        if (f.proto === 0) continue;
        assert.ok(!seen.has(f.proto), `${s.name}.${name}: proto ${f.proto} used twice`);
        seen.add(f.proto);
      }
    }
  });

  it('give top-level kinds a gvk, envelope-only apiVersion/kind and metadata', () => {
    const kinds = groupSchemas.filter((s) => s.gvk);
    assert.ok(kinds.length >= 30, `found ${kinds.length} kinds`);
    for (const s of kinds) {
      assert.equal(s.fields.apiVersion?.proto, 0, s.name);
      assert.equal(s.fields.kind?.proto, 0, s.name);
      assert.equal(s.fields.metadata?.proto, 1, s.name);
      assert.equal(s.gvk![0]!.kind, s.name.slice(s.name.lastIndexOf('.') + 1));
    }
  });

  it('carry upstream patch metadata', () => {
    assert.equal(field('io.k8s.api.apps.v1.DeploymentSpec', 'strategy').patchStrategy, 'retainKeys');
    const conds = field('io.k8s.api.apps.v1.DeploymentStatus', 'conditions');
    assert.deepEqual(
      [conds.mergeKey, conds.patchStrategy, conds.listType, conds.listMapKeys],
      ['type', 'merge', 'map', ['type']],
    );
    assert.equal(field('io.k8s.api.policy.v1.PodDisruptionBudgetSpec', 'selector').patchStrategy, 'replace');
    assert.equal(field('io.k8s.api.rbac.v1.ClusterRoleBinding', 'subjects').listType, 'atomic');
    assert.equal(schemas.get('io.k8s.api.rbac.v1.RoleRef')?.structType, 'atomic');
    assert.equal(
      field('io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement', 'values').listType,
      'set',
    );
  });

  it('carry proto numbers, types, required flags and enums from upstream', () => {
    const pdb = field('io.k8s.api.apps.v1.DeploymentSpec', 'progressDeadlineSeconds');
    assert.deepEqual([pdb.proto, pdb.type], [9, { kind: 'scalar', scalar: 'int32' }]);
    assert.equal(field('io.k8s.api.apps.v1.DeploymentSpec', 'selector').required, true);
    assert.equal(field('io.k8s.api.apps.v1.StatefulSetSpec', 'ordinals').proto, 11);
    assert.deepEqual(field('io.k8s.api.apps.v1.StatefulSetSpec', 'volumeClaimTemplates').type, {
      kind: 'array',
      items: { kind: 'ref', ref: 'io.k8s.api.core.v1.PersistentVolumeClaim' },
    });
    assert.deepEqual(field('io.k8s.api.apps.v1.DeploymentStrategy', 'type').enum, [
      'Recreate',
      'RollingUpdate',
    ]);
    assert.deepEqual(field('io.k8s.api.discovery.v1.EndpointSlice', 'addressType').enum, [
      'FQDN',
      'IPv4',
      'IPv6',
    ]);
    assert.deepEqual(field('io.k8s.api.discovery.v1.EndpointPort', 'protocol').enum, ['SCTP', 'TCP', 'UDP']);
    assert.equal(field('io.k8s.api.batch.v1.JobSpec', 'managedBy').proto, 15);
    assert.equal(field('io.k8s.api.batch.v1.CronJobSpec', 'timeZone').proto, 8);
    assert.equal(field('io.k8s.api.events.v1.Event', 'eventTime').type.kind, 'scalar');
    assert.deepEqual(field('io.k8s.api.events.v1.Event', 'eventTime').type, {
      kind: 'scalar',
      scalar: 'microTime',
    });
    assert.deepEqual(field('io.k8s.api.authorization.v1.SubjectAccessReviewSpec', 'extra').type, {
      kind: 'map',
      values: { kind: 'array', items: { kind: 'scalar', scalar: 'string' } },
    });
    assert.deepEqual(field('io.k8s.api.policy.v1.PodDisruptionBudgetStatus', 'disruptedPods').type, {
      kind: 'map',
      values: { kind: 'scalar', scalar: 'time' },
    });
    assert.equal(field('io.k8s.api.rbac.v1.PolicyRule', 'verbs').required, true);
    assert.equal(field('io.k8s.api.coordination.v1.LeaseSpec', 'preferredHolder').proto, 7);
  });
});
