import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setDefaults } from './defaults.js';
import type { StatefulSet } from './types.js';
import { validateCreate, validateUpdate } from './validation.js';

const sts = (mutate: (s: StatefulSet) => void = () => {}): StatefulSet => {
  const s: StatefulSet = {
    metadata: { name: 'db', namespace: 'default', resourceVersion: '1' },
    spec: {
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: {
        metadata: { labels: { app: 'db' } },
        spec: { containers: [{ name: 'c', image: 'postgres' }] },
      },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }],
    },
  };
  mutate(s);
  setDefaults(s);
  return s;
};

describe('statefulset', () => {
  it('matches upstream defaults', () => {
    const s = sts();
    assert.equal(s.spec?.podManagementPolicy, 'OrderedReady');
    assert.deepEqual(s.spec?.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    assert.deepEqual(s.spec?.persistentVolumeClaimRetentionPolicy, {
      whenDeleted: 'Retain',
      whenScaled: 'Retain',
    });
    assert.equal(s.spec?.replicas, 1);
    assert.equal(s.spec?.revisionHistoryLimit, 10);
    assert.equal(s.spec?.volumeClaimTemplates?.[0].spec?.volumeMode, 'Filesystem');
    assert.deepEqual(validateCreate(s), []);
  });

  it('requires a DNS label name and a known pod management policy', () => {
    const errs = validateCreate(
      sts((s) => {
        s.metadata.name = 'db_primary';
        s.spec!.podManagementPolicy = 'Random';
      }),
    ).map(String);
    assert.match(errs[0], /^metadata\.name: Invalid value: "db_primary": a lowercase RFC 1123 label/);
    assert.equal(
      errs[1],
      "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'",
    );
  });

  it('forbids updates outside the mutable fields', () => {
    const next = sts((s) => {
      s.spec!.replicas = 3;
      s.spec!.template!.spec!.containers[0].image = 'postgres:17';
    });
    assert.deepEqual(validateUpdate(next, sts()), []);
    assert.deepEqual(
      validateUpdate(
        sts((s) => (s.spec!.serviceName = 'other')),
        sts(),
      ).map(String),
      [
        "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ],
    );
  });
});
