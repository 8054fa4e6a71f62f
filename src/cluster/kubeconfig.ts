/**
 * @module cluster/kubeconfig
 * Writes the admin kubeconfig (cluster, user and context named `kubeling`, CA embedded).
 */
import { writeFileSync, renameSync } from 'node:fs';
import { stringify } from 'yaml';

export function kubeconfigYaml(server: string, caPem: string, token: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'kubeling',
        cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') },
      },
    ],
    users: [{ name: 'kubeling', user: { token } }],
    contexts: [
      { name: 'kubeling', context: { cluster: 'kubeling', user: 'kubeling', namespace: 'default' } },
    ],
    'current-context': 'kubeling',
    preferences: {},
  });
}

/** Writes atomically (temp file + rename) so a reader never sees half a file. */
export function writeKubeconfig(path: string, yaml: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, yaml, { mode: 0o600 });
  renameSync(tmp, path);
}
