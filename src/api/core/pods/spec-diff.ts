/**
 * @module api/core/pods/spec-diff
 * Semantic equality of two PodSpecs (as upstream's apiequality.Semantic: empty and missing lists
 * and maps are equal, quantities compare by value) and a readable diff of the fields that differ,
 * laid out like the go-cmp report upstream appends to its "pod updates may not change fields"
 * error. go-cmp randomises its whitespace on purpose, so only the shape is imitated.
 */
import { compareQuantities, tryParseQuantity } from '../../../machinery/quantity.js';
import type { PodSpec } from './types.js';

/** Spec fields in the Go struct order of core.PodSpec (host namespace flags folded in at their v1 place). */
const FIELD_ORDER = [
  'volumes', 'initContainers', 'containers', 'ephemeralContainers', 'restartPolicy', 'terminationGracePeriodSeconds',
  'activeDeadlineSeconds', 'dnsPolicy', 'nodeSelector', 'serviceAccountName', 'automountServiceAccountToken', 'nodeName',
  'hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'securityContext', 'imagePullSecrets', 'hostname',
  'subdomain', 'setHostnameAsFQDN', 'affinity', 'schedulerName', 'tolerations', 'hostAliases', 'priorityClassName',
  'priority', 'preemptionPolicy', 'dnsConfig', 'readinessGates', 'runtimeClassName', 'overhead', 'enableServiceLinks',
  'topologySpreadConstraints', 'os', 'hostUsers', 'schedulingGates', 'resourceClaims', 'resources',
]; // prettier-ignore

/** Different strings are equal only when both are quantities of the same value (`1` and `1000m`). */
const QUANTITY_RE = /^[+-]?[0-9.]+([eEinumkKMGTP]*[-+]?[0-9]*)$/;

/** Keys derived from others, left out of comparisons. */
const DERIVED = new Set(['serviceAccount']);

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v as object).length === 0;
}

/** Semantic equality of JSON values: empty ≈ missing, quantity strings by value. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmpty(a) && isEmpty(b)) return true;
  if (typeof a === 'string' && typeof b === 'string') {
    if (!QUANTITY_RE.test(a) || !QUANTITY_RE.test(b)) return false;
    const qa = tryParseQuantity(a);
    const qb = tryParseQuantity(b);
    return !!qa && !!qb && compareQuantities(qa, qb) === 0;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => semanticEqual(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
    if (DERIVED.has(k)) continue;
    if (!semanticEqual(ao[k], bo[k])) return false;
  }
  return true;
}

function goFieldName(key: string): string {
  const special: Record<string, string> = { dnsPolicy: 'DNSPolicy', dnsConfig: 'DNSConfig', hostPID: 'HostPID', hostIPC: 'HostIPC', os: 'OS' }; // prettier-ignore
  return special[key] ?? key[0].toUpperCase() + key.slice(1);
}

function render(v: unknown): string {
  return v === undefined || v === null ? 'nil' : JSON.stringify(v);
}

/** The diff text (old → new) of two specs' differing top-level fields. */
export function diffPodSpecs(old: PodSpec, next: PodSpec): string {
  const o = old as unknown as Record<string, unknown>;
  const n = next as unknown as Record<string, unknown>;
  const keys = [...FIELD_ORDER];
  for (const k of new Set([...Object.keys(o), ...Object.keys(n)]))
    if (!keys.includes(k) && !DERIVED.has(k)) keys.push(k);
  const lines = ['  core.PodSpec{'];
  let same = 0;
  const flushSame = () => {
    if (same) lines.push(`  \t... // ${same} identical field${same === 1 ? '' : 's'}`);
    same = 0;
  };
  for (const k of keys) {
    if (semanticEqual(o[k], n[k])) {
      same++;
      continue;
    }
    flushSame();
    lines.push(`- \t${goFieldName(k)}: ${render(o[k])},`);
    lines.push(`+ \t${goFieldName(k)}: ${render(n[k])},`);
  }
  flushSame();
  lines.push('  }');
  return lines.join('\n') + '\n';
}
