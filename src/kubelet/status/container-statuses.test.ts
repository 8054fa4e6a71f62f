import assert from 'node:assert/strict';
import { test } from 'node:test';
import { volumeMountStatuses } from './container-statuses.js';

test('container statuses list the mounts as upstream with RecursiveReadOnlyMounts on', () => {
  assert.equal(volumeMountStatuses({ name: 'a', image: 'x' }), undefined);
  assert.deepEqual(
    volumeMountStatuses({
      name: 'a',
      image: 'x',
      volumeMounts: [
        { name: 'data', mountPath: '/data' },
        {
          name: 'kube-api-access-abcde',
          mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
          readOnly: true,
        },
      ],
    }),
    [
      { name: 'data', mountPath: '/data' },
      {
        name: 'kube-api-access-abcde',
        mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
        readOnly: true,
        recursiveReadOnly: 'Disabled',
      },
    ],
  );
});
