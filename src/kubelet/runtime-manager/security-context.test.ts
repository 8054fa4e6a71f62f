import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Container, Pod } from '../../api/core/pods/types.js';
import {
  containerSecurity,
  effectiveSecurityContext,
  needsImageUser,
  verifyRunAsNonRoot,
} from './security-context.js';

function pod(podSc: Pod['spec']['securityContext'], c: Partial<Container> = {}): [Pod, Container] {
  const container: Container = { name: 'app', image: 'nginx', ...c };
  return [
    {
      metadata: { name: 'web', namespace: 'ns', uid: 'u1' },
      spec: { containers: [container], securityContext: podSc },
    },
    container,
  ];
}

describe('security context', () => {
  it('the container overrides the pod field by field', () => {
    const [p, c] = pod(
      { runAsUser: 1000, runAsGroup: 3000, runAsNonRoot: true },
      { securityContext: { runAsUser: 2000 } },
    );
    assert.deepEqual(effectiveSecurityContext(p, c), {
      runAsUser: 2000,
      runAsGroup: 3000,
      runAsNonRoot: true,
    });
  });

  it('maps to the runtime: users, fsGroup then supplementalGroups, capabilities, read-only root, noNewPrivileges', () => {
    const [p, c] = pod(
      { runAsUser: 1000, fsGroup: 2000, supplementalGroups: [5, 6] },
      {
        securityContext: {
          runAsGroup: 10,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { add: ['NET_ADMIN', 'CAP_SYS_TIME'], drop: ['ALL'] },
        },
      },
    );
    assert.deepEqual(containerSecurity(p, c), {
      runAsUser: 1000,
      runAsGroup: 10,
      supplementalGroups: [2000, 5, 6],
      readonlyRootfs: true,
      capabilities: { add: ['NET_ADMIN', 'SYS_TIME'], drop: ['ALL'] },
      noNewPrivileges: true,
    });
  });

  it('noNewPrivileges only when allowPrivilegeEscalation is false, never with privileged or SYS_ADMIN', () => {
    assert.equal(
      containerSecurity(...pod({}, { securityContext: { allowPrivilegeEscalation: true } }))?.noNewPrivileges,
      false,
    );
    assert.equal(
      containerSecurity(
        ...pod({}, { securityContext: { privileged: true, allowPrivilegeEscalation: false } }),
      )?.noNewPrivileges,
      false,
    );
    assert.equal(
      containerSecurity(
        ...pod(
          {},
          { securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['SYS_ADMIN'] } } },
        ),
      )?.noNewPrivileges,
      false,
    );
    assert.equal(containerSecurity(...pod(undefined)), undefined);
  });

  it('verifyRunAsNonRoot with upstream texts', () => {
    const who = '(pod: "web_ns(u1)", container: app)';
    let [p, c] = pod({ runAsNonRoot: true });
    assert.equal(needsImageUser(p, c), true);
    assert.equal(
      verifyRunAsNonRoot(p, c, { uid: 0 }),
      `container has runAsNonRoot and image will run as root ${who}`,
    );
    assert.equal(
      verifyRunAsNonRoot(p, c, {}),
      `container has runAsNonRoot and image will run as root ${who}`,
    );
    assert.equal(
      verifyRunAsNonRoot(p, c, { username: 'app' }),
      `container has runAsNonRoot and image has non-numeric user (app), cannot verify user is non-root ${who}`,
    );
    assert.equal(verifyRunAsNonRoot(p, c, { uid: 1000 }), undefined);
    [p, c] = pod({ runAsNonRoot: true, runAsUser: 0 });
    assert.equal(needsImageUser(p, c), false);
    assert.equal(verifyRunAsNonRoot(p, c, {}), `container's runAsUser breaks non-root policy ${who}`);
    [p, c] = pod({ runAsNonRoot: true }, { securityContext: { runAsUser: 1 } });
    assert.equal(verifyRunAsNonRoot(p, c, { uid: 0 }), undefined);
    [p, c] = pod({});
    assert.equal(verifyRunAsNonRoot(p, c, { uid: 0 }), undefined);
  });
});
