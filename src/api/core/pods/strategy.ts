/**
 * @module api/core/pods/strategy
 * Pod create/update rules: the status a new pod starts with, the admission a default cluster
 * applies on create (service account, default tolerations, priority), and what an update keeps.
 */
import { StatusError } from '../../../machinery/errors.js';
import type { ResourceDefinition } from '../../types.js';
import {
  applyPodCreateAdmission,
  computeQosClass,
  preservePodAdmissionFieldsOnUpdate,
  setPodDefaults,
} from './defaults.js';
import type { Pod } from './types.js';
import { fieldSelectors } from './fields.js';
import { validatePodCreate, validatePodStatusUpdate, validatePodUpdate } from './validation.js';

export const podStrategy: Partial<ResourceDefinition<any>> = {
  prepareForCreate(pod: Pod) {
    pod.status = { phase: 'Pending' } as Pod['status'];
    const r = applyPodCreateAdmission(pod);
    if (r.forbidden) {
      throw new StatusError(
        403,
        'Forbidden',
        `pods "${pod.metadata?.name ?? ''}" is forbidden: ${r.forbidden}`,
        {
          name: pod.metadata?.name,
          kind: 'pods',
        },
      );
    }
  },
  prepareForUpdate(pod: Pod, old: Pod) {
    pod.status = structuredClone(old.status);
    preservePodAdmissionFieldsOnUpdate(pod, old);
  },
  setDefaults(pod: Pod) {
    setPodDefaults(pod);
    pod.status ??= {} as Pod['status'];
    if (!pod.status!.qosClass) pod.status!.qosClass = computeQosClass(pod.spec);
  },
  validateCreate: validatePodCreate as any,
  validateUpdate: validatePodUpdate as any,
  validateStatusUpdate: validatePodStatusUpdate as any,
  fieldSelectors,
};
