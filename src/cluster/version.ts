/**
 * @module cluster/version
 * What `/version` reports: Kubernetes v1.32 (kubectl picks its 1.32 client from this), with
 * kubeling's own build in the git fields.
 */
import type { VersionInfo } from '../apiserver/router.js';

export const KUBERNETES_VERSION = 'v1.32.0';

export function versionInfo(): VersionInfo {
  return {
    major: '1',
    minor: '32',
    gitVersion: `${KUBERNETES_VERSION}+kubeling`,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-11-22T00:00:00Z',
    goVersion: `node${process.versions.node}`,
    compiler: 'gc',
    platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}
