/**
 * @module api/core/resourcequotas/validation
 * core/v1 ResourceQuota validation (upstream ValidateResourceQuota*): quota resource names and
 * quantities, scopes that suit the limited resources, and scopes fixed after creation.
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain } from '../../../machinery/validation/names.js';
import { goErrors, goStringSlice } from '../common/go-value.js';
import { validateMeta, validateMetaUpdate } from '../common/meta.js';
import {
  isStandardQuotaResourceName,
  validateQuotaResourceName,
  validateResourceQuantityValue,
} from '../common/resources.js';
import type { ResourceQuota, ResourceQuotaSpec } from './types.js';

const SCOPES = new Set([
  'Terminating',
  'NotTerminating',
  'BestEffort',
  'NotBestEffort',
  'PriorityClass',
  'CrossNamespacePodAffinity',
]);
const POD_COMPUTE = new Set([
  'cpu',
  'limits.cpu',
  'limits.memory',
  'memory',
  'requests.cpu',
  'requests.memory',
]);
const CONFLICTING = [
  ['BestEffort', 'NotBestEffort'],
  ['Terminating', 'NotTerminating'],
];

function scopeValidFor(scope: string, resource: string): boolean {
  if (scope === 'BestEffort') return resource === 'pods';
  if (SCOPES.has(scope)) return resource === 'pods' || POD_COMPUTE.has(resource);
  return true;
}

function validateList(list: Record<string, string> | undefined, f: FieldPath): FieldError[] {
  return Object.entries(list ?? {}).flatMap(([k, v]) => [
    ...validateQuotaResourceName(k, f.key(k)),
    ...validateResourceQuantityValue(k, v, f.key(k)),
  ]);
}

function validateSpec(spec: ResourceQuotaSpec, f: FieldPath): FieldError[] {
  const errs = validateList(spec.hard, f.child('hard'));
  const hard = Object.keys(spec.hard ?? {}).sort();
  const scopes = spec.scopes ?? [];
  const scopesGo = goStringSlice(spec.scopes, 'core.ResourceQuotaScope');
  const sp = f.child('scopes');
  for (const scope of scopes) {
    if (!SCOPES.has(scope)) errs.push(goErrors.invalid(sp, scopesGo, 'unsupported scope'));
    for (const k of hard)
      if (isStandardQuotaResourceName(k) && !scopeValidFor(scope, k))
        errs.push(goErrors.invalid(sp, scopesGo, 'unsupported scope applied to resource'));
  }
  for (const pair of CONFLICTING)
    if (pair.every((s) => scopes.includes(s)))
      errs.push(goErrors.invalid(sp, scopesGo, 'conflicting scopes'));

  const exprs = spec.scopeSelector?.matchExpressions;
  if (spec.scopeSelector) {
    const mp = f.child('scopeSelector').child('matchExpressions');
    const names: string[] = [];
    for (const req of exprs ?? []) {
      if (!SCOPES.has(req.scopeName))
        errs.push(fieldErrors.invalid(mp.child('scopeName'), req.scopeName, 'unsupported scope'));
      if (
        [
          'BestEffort',
          'NotBestEffort',
          'Terminating',
          'NotTerminating',
          'CrossNamespacePodAffinity',
        ].includes(req.scopeName) &&
        req.operator !== 'Exists'
      )
        errs.push(
          fieldErrors.invalid(
            mp.child('operator'),
            req.operator,
            "must be 'Exists' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
          ),
        );
      const values = req.values ?? [];
      if (req.operator === 'In' || req.operator === 'NotIn') {
        if (!values.length)
          errs.push(
            fieldErrors.required(
              mp.child('values'),
              "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector",
            ),
          );
      } else if (req.operator === 'Exists' || req.operator === 'DoesNotExist') {
        if (values.length)
          errs.push(
            goErrors.invalid(
              mp.child('values'),
              goStringSlice(values),
              "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector",
            ),
          );
      } else {
        errs.push(fieldErrors.invalid(mp.child('operator'), req.operator, 'not a valid selector operator'));
      }
      names.push(req.scopeName);
    }
    for (const pair of CONFLICTING)
      if (pair.every((s) => names.includes(s)))
        errs.push(goErrors.invalid(mp, scopesGo, 'conflicting scopes'));
  }
  return errs;
}

export function validateCreate(rq: ResourceQuota): FieldError[] {
  return [
    ...validateMeta(rq.metadata, true, nameIsDNSSubdomain),
    ...validateSpec(rq.spec ?? {}, FieldPath.root('spec')),
    ...validateList(rq.status?.hard, FieldPath.root('status').child('hard')),
    ...validateList(rq.status?.used, FieldPath.root('status').child('used')),
  ];
}

export function validateUpdate(rq: ResourceQuota, old: ResourceQuota): FieldError[] {
  const errs = [
    ...validateMetaUpdate(rq.metadata, old.metadata),
    ...validateSpec(rq.spec ?? {}, FieldPath.root('spec')),
  ];
  const a = new Set(rq.spec?.scopes ?? []);
  const b = new Set(old.spec?.scopes ?? []);
  if (a.size !== b.size || [...a].some((s) => !b.has(s)))
    errs.push(
      goErrors.invalid(
        FieldPath.root('spec').child('scopes'),
        goStringSlice(rq.spec?.scopes, 'core.ResourceQuotaScope'),
        'field is immutable',
      ),
    );
  return errs;
}

export function validateStatusUpdate(rq: ResourceQuota, old: ResourceQuota): FieldError[] {
  const errs = validateMetaUpdate(rq.metadata, old.metadata);
  if (!rq.metadata.resourceVersion) errs.push(fieldErrors.required('resourceVersion', ''));
  errs.push(...validateList(rq.status?.hard, FieldPath.root('status').child('hard')));
  errs.push(...validateList(rq.status?.used, FieldPath.root('status').child('used')));
  return errs;
}
