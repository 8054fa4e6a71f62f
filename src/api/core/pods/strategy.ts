/**
 * @module api/core/pods/strategy
 * Pod create/update rules: the status a new pod starts with, the admission a default cluster
 * applies on create (service account, default tolerations, priority), and what an update keeps.
 */
import { StatusError } from '../../../machinery/errors.js';
import type { ResourceDefinition, StrategyContext } from '../../types.js';
import {
  applyPodCreateAdmission,
  computeQosClass,
  preservePodAdmissionFieldsOnUpdate,
  setPodDefaults,
  type PodAdmissionOptions,
  type PriorityClassInfo,
} from './defaults.js';
import type { Pod } from './types.js';
import { admitServiceAccount } from './service-account-admission.js';
import type { ServiceAccount } from '../serviceaccounts/types.js';
import { randomSuffix } from '../../../machinery/names.js';
import { fieldSelectors } from './fields.js';
import {
  validatePodCreate,
  validatePodEphemeralContainersUpdate,
  validatePodStatusUpdate,
  validatePodUpdate,
} from './validation.js';

/** The fields of a PriorityClass the Priority admission reads. */
interface PriorityClassView {
  metadata: { name?: string };
  value?: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}

/** The served PriorityClasses, for the Priority admission of a new pod. */
function priorityClassesOf(ctx: StrategyContext): PodAdmissionOptions {
  const all = () =>
    [...(ctx.objectsOf?.('scheduling.k8s.io', 'priorityclasses') ?? [])] as PriorityClassView[];
  const info = (c: PriorityClassView): PriorityClassInfo => ({
    name: c.metadata.name ?? '',
    value: c.value ?? 0,
    preemptionPolicy: c.preemptionPolicy,
  });
  return {
    priorityClass(name) {
      const c = all().find((x) => x.metadata.name === name);
      return c && info(c);
    },
    globalDefaultPriorityClass() {
      // With several defaults (written before the admission refused them), the lowest value wins.
      const c = all()
        .filter((x) => x.globalDefault)
        .sort((a, b) => (a.value ?? 0) - (b.value ?? 0))[0];
      return c && info(c);
    },
  };
}

/** The status defaults: the QoS class, from the spec, when the status lacks it. */
function setPodStatusDefaults(pod: Pod): void {
  pod.status ??= {} as Pod['status'];
  if (!pod.status!.qosClass) pod.status!.qosClass = computeQosClass(pod.spec);
}

export const podStrategy: Partial<ResourceDefinition<any>> = {
  async prepareForCreate(pod: Pod, ctx: StrategyContext) {
    pod.status = { phase: 'Pending' } as Pod['status'];
    pod.spec ??= { containers: [] };
    const namespace = pod.metadata?.namespace ?? '';
    const refused =
      (await admitServiceAccount(pod, namespace, {
        serviceAccount: async (name) =>
          (await ctx.lookup?.('', 'serviceaccounts', namespace, name)) as ServiceAccount | undefined,
        sleep: (ms) => ctx.sleep?.(ms) ?? Promise.resolve(),
        generateName: (prefix) => prefix + randomSuffix(),
      })) ?? applyPodCreateAdmission(pod, priorityClassesOf(ctx)).forbidden;
    if (refused) {
      throw new StatusError(403, 'Forbidden', `pods "${pod.metadata?.name ?? ''}" is forbidden: ${refused}`, {
        name: pod.metadata?.name,
        kind: 'pods',
      });
    }
  },
  prepareForUpdate(pod: Pod, old: Pod) {
    pod.status = structuredClone(old.status);
    preservePodAdmissionFieldsOnUpdate(pod, old);
  },
  setDefaults(pod: Pod) {
    setPodDefaults(pod);
    setPodStatusDefaults(pod);
  },
  setStatusDefaults: setPodStatusDefaults as any,
  validateCreate: validatePodCreate as any,
  validateUpdate: validatePodUpdate as any,
  validateStatusUpdate: validatePodStatusUpdate as any,
  subresourceValidation: { ephemeralcontainers: validatePodEphemeralContainersUpdate as any },
  fieldSelectors,
};
