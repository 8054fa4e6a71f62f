/**
 * @module apiserver/registry/resources/priorityclasses
 * PriorityClass storage hooks: the built-in system classes may not be deleted, as upstream's
 * priorityclass REST Delete refuses them.
 */
import { SYSTEM_PRIORITY_CLASSES } from '../../../api/scheduling/priorityclasses/types.js';
import { newForbidden } from '../../../machinery/errors.js';
import type { KubeObject } from '../../../machinery/meta.js';
import type { ResourceHooks } from '../hooks.js';

export const priorityClassHooks: ResourceHooks = {
  beforeDelete(obj: KubeObject) {
    const name = obj.metadata.name ?? '';
    if (SYSTEM_PRIORITY_CLASSES.some((c) => c.metadata.name === name))
      throw newForbidden(
        { group: 'scheduling.k8s.io', resource: 'priorityclasses' },
        name,
        'this is a system priority class and cannot be deleted',
      );
  },
};
