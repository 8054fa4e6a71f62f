/**
 * @module scheduler/framework/matching
 * Pure matchers shared by plugins: node selector terms (node affinity), tolerations against
 * taints, and pod affinity terms against pods (with the namespace rules of upstream's
 * AffinityTerm).
 */
import type { Taint } from '../../api/core/nodes/types.js';
import type {
  NodeSelectorRequirement,
  NodeSelectorTerm,
  Pod,
  PodAffinityTerm,
  Toleration,
} from '../../api/core/pods/types.js';
import { labelSelectorMatcher, type LabelMatcher } from '../../machinery/labels.js';

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const has = value !== undefined;
  switch (r.operator) {
    case 'In':
      return has && (r.values ?? []).includes(value);
    case 'NotIn':
      return !has || !(r.values ?? []).includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || !/^-?\d+$/.test(value) || (r.values ?? []).length !== 1) return false;
      const n = Number(value);
      const bound = Number(r.values![0]);
      return r.operator === 'Gt' ? n > bound : n < bound;
    }
    default:
      return false;
  }
}

/** One term: every expression and field requirement must hold; an empty term matches nothing. */
export function nodeSelectorTermMatches(
  term: NodeSelectorTerm,
  labels: Record<string, string>,
  nodeName: string,
): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  for (const r of exprs) if (!requirementMatches(r, labels[r.key])) return false;
  for (const f of fields) {
    if (f.key !== 'metadata.name') return false;
    if (!requirementMatches(f, nodeName)) return false;
  }
  return true;
}

/** The terms are ORed. */
export function nodeSelectorMatches(
  terms: readonly NodeSelectorTerm[],
  labels: Record<string, string>,
  nodeName: string,
): boolean {
  return terms.some((t) => nodeSelectorTermMatches(t, labels, nodeName));
}

/** spec.nodeSelector and required node affinity both have to hold. */
export function podMatchesNodeSelectorAndAffinity(
  pod: Pod,
  labels: Record<string, string>,
  nodeName: string,
): boolean {
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) return nodeSelectorMatches(required.nodeSelectorTerms ?? [], labels, nodeName);
  return true;
}

export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  if (t.operator && t.operator !== 'Equal') return false;
  return (t.value ?? '') === (taint.value ?? '');
}

/** The first taint with one of `effects` that no toleration tolerates. */
export function findUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  effects: readonly string[],
): Taint | undefined {
  for (const taint of taints ?? []) {
    if (!effects.includes(taint.effect)) continue;
    if (!(tolerations ?? []).some((t) => toleratesTaint(t, taint))) return taint;
  }
  return undefined;
}

/** A compiled pod affinity term: which pods it selects and over which topology key. */
export interface AffinityTerm {
  selector: LabelMatcher;
  namespaces: Set<string>;
  namespaceSelector: LabelMatcher | undefined;
  topologyKey: string;
}

/**
 * Compiles `term` of `owner`: with neither namespaces nor a namespaceSelector the term covers the
 * owner's namespace; matchLabelKeys / mismatchLabelKeys add requirements from the owner's labels.
 */
export function compileAffinityTerm(owner: Pod, term: PodAffinityTerm): AffinityTerm {
  const sel = term.labelSelector
    ? {
        matchLabels: { ...(term.labelSelector.matchLabels ?? {}) },
        matchExpressions: [...(term.labelSelector.matchExpressions ?? [])],
      }
    : undefined;
  const ownLabels = owner.metadata.labels ?? {};
  if (sel) {
    for (const k of term.matchLabelKeys ?? [])
      if (k in ownLabels) sel.matchExpressions.push({ key: k, operator: 'In', values: [ownLabels[k]] });
    for (const k of term.mismatchLabelKeys ?? [])
      if (k in ownLabels) sel.matchExpressions.push({ key: k, operator: 'NotIn', values: [ownLabels[k]] });
  }
  const namespaces = new Set<string>(term.namespaces ?? []);
  if (namespaces.size === 0 && !term.namespaceSelector) namespaces.add(owner.metadata.namespace ?? '');
  return {
    selector: labelSelectorMatcher(sel),
    namespaces,
    namespaceSelector: term.namespaceSelector ? labelSelectorMatcher(term.namespaceSelector) : undefined,
    topologyKey: term.topologyKey,
  };
}

/** Whether the term selects `pod`; `nsLabels` are the labels of the pod's namespace. */
export function affinityTermMatches(
  term: AffinityTerm,
  pod: Pod,
  nsLabels: Record<string, string> | undefined,
): boolean {
  const ns = pod.metadata.namespace ?? '';
  const inNs =
    term.namespaces.has(ns) || (!!term.namespaceSelector && term.namespaceSelector.matches(nsLabels));
  return inNs && term.selector.matches(pod.metadata.labels ?? {});
}
