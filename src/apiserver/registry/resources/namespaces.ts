/**
 * @module apiserver/registry/resources/namespaces
 * Namespace deletion: the namespace turns Terminating and stays until the namespace controller
 * has removed its content and cleared spec.finalizers through `finalize`. The initial
 * namespaces may not be deleted.
 */
import { newForbidden } from '../../../machinery/errors.js';
import type { KubeObject } from '../../../machinery/meta.js';
import type { ResourceHooks } from '../hooks.js';

export const PROTECTED_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

export const namespaceHooks: ResourceHooks = {
  readyToDelete(obj: KubeObject) {
    const spec = (obj as any).spec;
    return !(spec?.finalizers?.length > 0);
  },
  onDeletionStarted(obj: KubeObject) {
    (obj as any).status = { ...((obj as any).status ?? {}), phase: 'Terminating' };
  },
  beforeDelete(obj: KubeObject) {
    checkNamespaceDeletable(obj.metadata.name ?? '');
  },
};

export function checkNamespaceDeletable(name: string): void {
  if (PROTECTED_NAMESPACES.has(name)) {
    throw newForbidden({ group: '', resource: 'namespaces' }, name, 'this namespace may not be deleted');
  }
}
