/**
 * @module api/core/pods/scheduling-validation
 * Validation of the PodSpec fields that steer scheduling and naming: tolerations, node and pod
 * affinity, topology spread constraints, DNS config, host aliases, readiness and scheduling gates.
 */
import { fieldErrors, type FieldError, type FieldPath } from '../../../machinery/field-errors.js';
import {
  invalidEach,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidIP,
  isValidLabelValue,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
} from '../../../machinery/validation/names.js';
import { validateLabelName } from '../../../machinery/validation/object-meta.js';
import { validateLabelSelector } from '../common/checks.js';
import { goErrors, goStringSlice } from '../common/go-value.js';
import type {
  Affinity,
  NodeSelectorTerm,
  PodAffinity,
  PodAffinityTerm,
  PodDNSConfig,
  PodSpec,
  Toleration,
} from './types.js';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTolerations(tolerations: Toleration[] | undefined, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const p = f.index(i);
    if (t.key) errs.push(...validateLabelName(t.key, p.child('key')));
    if (!t.key && t.operator !== 'Exists')
      errs.push(
        fieldErrors.invalid(
          p.child('operator'),
          t.operator ?? '',
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute')
      errs.push(
        fieldErrors.invalid(
          p.child('effect'),
          t.effect ?? '',
          "effect must be 'NoExecute' when `tolerationSeconds` is set",
        ),
      );
    switch (t.operator ?? '') {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(t.value ?? '');
        if (msgs.length) errs.push(fieldErrors.invalid(p.child('operator'), t.value ?? '', msgs.join(';')));
        break;
      }
      case 'Exists':
        if (t.value)
          errs.push(
            fieldErrors.invalid(
              p.child('operator'),
              t.value,
              "value must be empty when `operator` is 'Exists'",
            ),
          );
        break;
      default:
        errs.push(fieldErrors.notSupported(p.child('operator'), t.operator, ['Equal', 'Exists']));
    }
    if (t.effect && !TAINT_EFFECTS.includes(t.effect))
      errs.push(fieldErrors.notSupported(p.child('effect'), t.effect, TAINT_EFFECTS));
  });
  return errs;
}

function validateNodeSelectorTerm(
  term: NodeSelectorTerm,
  allowInvalidValues: boolean,
  f: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  (term.matchExpressions ?? []).forEach((rq, j) => {
    const p = f.child('matchExpressions').index(j);
    const values = rq.values ?? [];
    switch (rq.operator) {
      case 'In':
      case 'NotIn':
        if (!values.length)
          errs.push(
            fieldErrors.required(p.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"),
          );
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length)
          errs.push(
            fieldErrors.forbidden(
              p.child('values'),
              "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            ),
          );
        break;
      case 'Gt':
      case 'Lt':
        if (values.length !== 1)
          errs.push(
            fieldErrors.required(
              p.child('values'),
              "must be specified single value when `operator` is 'Lt' or 'Gt'",
            ),
          );
        break;
      default:
        errs.push(
          fieldErrors.invalid(p.child('operator'), rq.operator ?? '', 'not a valid selector operator'),
        );
    }
    errs.push(...validateLabelName(rq.key ?? '', p.child('key')));
    if (!allowInvalidValues)
      values.forEach((v, k) =>
        errs.push(...invalidEach(p.child('values').index(k), v, isValidLabelValue(v))),
      );
  });
  (term.matchFields ?? []).forEach((rq, j) => {
    const p = f.child('matchFields').index(j);
    if (rq.operator === 'In' || rq.operator === 'NotIn') {
      if ((rq.values ?? []).length !== 1)
        errs.push(
          fieldErrors.required(
            p.child('values'),
            "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
          ),
        );
    } else
      errs.push(fieldErrors.invalid(p.child('operator'), rq.operator ?? '', 'not a valid selector operator'));
    if (rq.key !== 'metadata.name')
      errs.push(fieldErrors.invalid(p.child('key'), rq.key ?? '', 'not a valid field selector key'));
    else
      (rq.values ?? []).forEach((v, k) =>
        errs.push(...invalidEach(p.child('values').index(k), v, nameIsDNSSubdomain(v, false))),
      );
  });
  return errs;
}

function validatePodAffinityTerm(term: PodAffinityTerm, f: FieldPath): FieldError[] {
  const errs = [
    ...validateLabelSelector(term.labelSelector, f.child('labelSelector')),
    ...validateLabelSelector(term.namespaceSelector, f.child('namespaceSelector')),
  ];
  for (const ns of term.namespaces ?? [])
    errs.push(...invalidEach(f.child('namespace'), ns, nameIsDNSLabel(ns, false)));
  for (const kind of ['matchLabelKeys', 'mismatchLabelKeys'] as const) {
    const keys = term[kind] ?? [];
    if (!keys.length) continue;
    if (!term.labelSelector)
      errs.push(fieldErrors.forbidden(f.child(kind), 'must not be specified when labelSelector is not set'));
    else keys.forEach((k, i) => errs.push(...validateLabelName(k, f.child(kind).index(i))));
  }
  const mismatch = new Set(term.mismatchLabelKeys ?? []);
  (term.matchLabelKeys ?? []).forEach((k, i) => {
    if (mismatch.has(k))
      errs.push(
        fieldErrors.invalid(
          f.child('matchLabelKeys').index(i),
          k,
          'exists in both matchLabelKeys and mismatchLabelKeys',
        ),
      );
  });
  if (!term.topologyKey) errs.push(fieldErrors.required(f.child('topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(term.topologyKey ?? '', f.child('topologyKey')));
  return errs;
}

function validatePodAffinity(pa: PodAffinity, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (pa.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) =>
    errs.push(
      ...validatePodAffinityTerm(t, f.child('requiredDuringSchedulingIgnoredDuringExecution').index(i)),
    ),
  );
  (pa.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((w, i) => {
    const p = f.child('preferredDuringSchedulingIgnoredDuringExecution').index(i);
    if (!(w.weight > 0 && w.weight <= 100))
      errs.push(fieldErrors.invalid(p.child('weight'), w.weight ?? 0, 'must be in the range 1-100'));
    errs.push(
      ...validatePodAffinityTerm(w.podAffinityTerm ?? ({} as PodAffinityTerm), p.child('podAffinityTerm')),
    );
  });
  return errs;
}

export function validateAffinity(affinity: Affinity | undefined, f: FieldPath): FieldError[] {
  if (!affinity) return [];
  const errs: FieldError[] = [];
  const na = affinity.nodeAffinity;
  if (na) {
    const np = f.child('nodeAffinity');
    const req = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (req) {
      const tp = np.child('requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
      if (!req.nodeSelectorTerms?.length)
        errs.push(fieldErrors.required(tp, 'must have at least one node selector term'));
      else
        req.nodeSelectorTerms.forEach((t, i) =>
          errs.push(...validateNodeSelectorTerm(t, false, tp.index(i))),
        );
    }
    (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => {
      const p = np.child('preferredDuringSchedulingIgnoredDuringExecution').index(i);
      if (!(t.weight > 0 && t.weight <= 100))
        errs.push(fieldErrors.invalid(p.child('weight'), t.weight ?? 0, 'must be in the range 1-100'));
      errs.push(...validateNodeSelectorTerm(t.preference ?? {}, true, p.child('preference')));
    });
  }
  if (affinity.podAffinity) errs.push(...validatePodAffinity(affinity.podAffinity, f.child('podAffinity')));
  if (affinity.podAntiAffinity)
    errs.push(...validatePodAffinity(affinity.podAntiAffinity, f.child('podAntiAffinity')));
  return errs;
}

export function validateTopologySpreadConstraints(spec: PodSpec, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const list = spec.topologySpreadConstraints ?? [];
  list.forEach((c, i) => {
    const p = f.index(i);
    if (!(c.maxSkew > 0))
      errs.push(fieldErrors.invalid(p.child('maxSkew'), c.maxSkew ?? 0, 'must be greater than zero'));
    if (!c.topologyKey) errs.push(fieldErrors.required(p.child('topologyKey'), 'can not be empty'));
    if (c.whenUnsatisfiable !== 'DoNotSchedule' && c.whenUnsatisfiable !== 'ScheduleAnyway')
      errs.push(
        fieldErrors.notSupported(p.child('whenUnsatisfiable'), c.whenUnsatisfiable ?? '', [
          'DoNotSchedule',
          'ScheduleAnyway',
        ]),
      );
    if (
      list
        .slice(i + 1)
        .some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)
    )
      errs.push(
        fieldErrors.duplicate(
          p.child('{topologyKey, whenUnsatisfiable}'),
          `{${c.topologyKey}, ${c.whenUnsatisfiable}}`,
        ),
      );
    if (c.minDomains !== undefined && c.minDomains !== null) {
      if (c.minDomains <= 0)
        errs.push(fieldErrors.invalid(p.child('minDomains'), c.minDomains, 'must be greater than zero'));
      if (c.whenUnsatisfiable !== 'DoNotSchedule')
        errs.push(
          fieldErrors.invalid(
            p.child('minDomains'),
            c.minDomains,
            `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable}`,
          ),
        );
    }
    for (const k of ['nodeAffinityPolicy', 'nodeTaintsPolicy'] as const)
      if (c[k] !== undefined && c[k] !== 'Honor' && c[k] !== 'Ignore')
        errs.push(fieldErrors.notSupported(p.child(k), c[k], ['Honor', 'Ignore']));
    if (c.matchLabelKeys?.length) {
      const mp = p.child('matchLabelKeys');
      const selKeys = new Set([
        ...Object.keys(c.labelSelector?.matchLabels ?? {}),
        ...(c.labelSelector?.matchExpressions ?? []).map((e) => e.key),
      ]);
      if (!c.labelSelector)
        errs.push(fieldErrors.forbidden(mp, 'must not be specified when labelSelector is not set'));
      c.matchLabelKeys.forEach((k, j) => {
        errs.push(...validateLabelName(k, mp.index(j)));
        if (selKeys.has(k))
          errs.push(fieldErrors.invalid(mp.index(j), k, 'exists in both matchLabelKeys and labelSelector'));
      });
    }
    errs.push(...validateLabelSelector(c.labelSelector, p.child('labelSelector')));
  });
  return errs;
}

export function validateDNSConfig(
  config: PodDNSConfig | undefined,
  policy: string | undefined,
  f: FieldPath,
): FieldError[] {
  if (policy === 'None') {
    if (!config) return [fieldErrors.required(f, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (!config.nameservers?.length)
      return [
        fieldErrors.required(
          f.child('nameservers'),
          'must provide at least one DNS nameserver when `dnsPolicy` is None',
        ),
      ];
  }
  if (!config) return [];
  const errs: FieldError[] = [];
  const ns = config.nameservers ?? [];
  if (ns.length > 3)
    errs.push(goInvalidList(f.child('nameservers'), ns, 'must not have more than 3 nameservers'));
  ns.forEach((ip, i) => errs.push(...isValidIP(f.child('nameservers').index(i), ip)));
  const searches = config.searches ?? [];
  if (searches.length > 32)
    errs.push(goInvalidList(f.child('searches'), searches, 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048)
    errs.push(
      goInvalidList(
        f.child('searches'),
        searches,
        'must not have more than 2048 characters (including spaces) in the search list',
      ),
    );
  searches.forEach((s, i) => {
    const trimmed = s.endsWith('.') ? s.slice(0, -1) : s;
    errs.push(...invalidEach(f.child('searches').index(i), trimmed, isDNS1123Subdomain(trimmed)));
  });
  (config.options ?? []).forEach((o, i) => {
    if (!o.name) errs.push(fieldErrors.required(f.child('options').index(i), 'must not be empty'));
  });
  return errs;
}

function goInvalidList(f: FieldPath, list: string[], detail: string): FieldError {
  return goErrors.invalid(f, goStringSlice(list), detail);
}

export function validateHostAliases(spec: PodSpec, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (spec.hostAliases ?? []).forEach((ha, i) => {
    errs.push(...isValidIP(f.index(i).child('ip'), ha.ip ?? ''));
    (ha.hostnames ?? []).forEach((h, j) =>
      errs.push(...invalidEach(f.index(i).child('hostnames').index(j), h, isDNS1123Subdomain(h))),
    );
  });
  return errs;
}

export function validateGates(spec: PodSpec, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (spec.readinessGates ?? []).forEach((g, i) => {
    const p = f.child('readinessGates').index(i).child('conditionType');
    errs.push(...invalidEach(p, g.conditionType ?? '', isQualifiedName(g.conditionType ?? '')));
  });
  const seen = new Set<string>();
  (spec.schedulingGates ?? []).forEach((g, i) => {
    const p = f.child('schedulingGates').index(i);
    errs.push(...invalidEach(p, g.name ?? '', isQualifiedName(g.name ?? '')));
    if (seen.has(g.name)) errs.push(fieldErrors.duplicate(p, g.name));
    seen.add(g.name);
  });
  return errs;
}
