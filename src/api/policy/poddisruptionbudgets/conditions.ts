/**
 * @module api/policy/poddisruptionbudgets/conditions
 * The DisruptionAllowed condition of a PodDisruptionBudget's status, kept by the disruption
 * controller and by evictions (upstream's pdbhelper.UpdateDisruptionAllowedCondition).
 */
import { formatTime } from '../../../machinery/meta.js';
import type { PodDisruptionBudget } from './types.js';

export const DISRUPTION_ALLOWED = 'DisruptionAllowed';

export type PdbStatus = NonNullable<PodDisruptionBudget['status']>;
export type Condition = {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  observedGeneration?: number;
  lastTransitionTime?: string;
};

/** upstream's apimeta.SetStatusCondition: the transition time moves only when the status does. */
export function setCondition(conditions: Condition[], c: Condition, now: Date): Condition[] {
  const out = conditions.map((x) => ({ ...x }));
  const i = out.findIndex((x) => x.type === c.type);
  if (i < 0) {
    out.push({ ...c, lastTransitionTime: formatTime(now) });
    return out;
  }
  const prev = out[i];
  out[i] = {
    ...prev,
    ...c,
    lastTransitionTime: prev.status === c.status ? prev.lastTransitionTime : formatTime(now),
  };
  return out;
}

/** The DisruptionAllowed condition that `disruptionsAllowed` calls for. */
export function disruptionAllowedCondition(status: PdbStatus, now: Date): Condition[] {
  const allowed = (status.disruptionsAllowed ?? 0) > 0;
  return setCondition(
    (status.conditions ?? []) as Condition[],
    {
      type: DISRUPTION_ALLOWED,
      status: allowed ? 'True' : 'False',
      reason: allowed ? 'SufficientPods' : 'InsufficientPods',
      message: '',
      observedGeneration: status.observedGeneration ?? 0,
    },
    now,
  );
}
