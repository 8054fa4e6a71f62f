/**
 * @module api/core/pods/probe-validation
 * Validation of probes (liveness, readiness, startup) and lifecycle hooks, as upstream's
 * validateProbe / validateHandler: exactly one handler type, non-negative timings, successThreshold
 * 1 for liveness and startup probes, sleep within the grace period.
 */
import { fieldErrors, type FieldError, type FieldPath } from '../../../machinery/field-errors.js';
import {
  isHTTPHeaderName,
  invalidEach,
  validateNonnegativeField,
} from '../../../machinery/validation/names.js';
import { validatePortNumOrName } from '../common/checks.js';
import type { HTTPGetAction, Lifecycle, LifecycleHandler, Probe, ProbeHandler } from './types.js';

const MORE_THAN_ONE = 'may not specify more than 1 handler type';

function validateHTTPGet(http: HTTPGetAction, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!http.path) errs.push(fieldErrors.required(f.child('path')));
  errs.push(...validatePortNumOrName(http.port, f.child('port')));
  if (http.scheme !== 'HTTP' && http.scheme !== 'HTTPS')
    errs.push(fieldErrors.notSupported(f.child('scheme'), http.scheme ?? '', ['HTTP', 'HTTPS']));
  for (const h of http.httpHeaders ?? [])
    errs.push(...invalidEach(f.child('httpHeaders'), h.name, isHTTPHeaderName(h.name)));
  return errs;
}

function validateSleep(seconds: number, gracePeriod: number | undefined, f: FieldPath): FieldError[] {
  if (gracePeriod === undefined || (seconds > 0 && seconds <= gracePeriod)) return [];
  return [
    fieldErrors.invalid(
      f,
      seconds,
      `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`,
    ),
  ];
}

type AnyHandler = ProbeHandler & LifecycleHandler;

/** One handler kind exactly; errors name the extra kinds (`...httpGet: Forbidden: may not specify...`). */
export function validateHandler(h: AnyHandler, gracePeriod: number | undefined, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  const take = (name: string, check: () => FieldError[]) => {
    if (count > 0) errs.push(fieldErrors.forbidden(f.child(name), MORE_THAN_ONE));
    else {
      count++;
      errs.push(...check());
    }
  };
  if (h.exec)
    take('exec', () => (h.exec!.command?.length ? [] : [fieldErrors.required(f.child('exec', 'command'))]));
  if (h.httpGet) take('httpGet', () => validateHTTPGet(h.httpGet!, f.child('httpGet')));
  if (h.tcpSocket)
    take('tcpSocket', () => validatePortNumOrName(h.tcpSocket!.port, f.child('tcpSocket', 'port')));
  if (h.grpc) take('grpc', () => validatePortNumOrName(h.grpc!.port ?? 0, f.child('grpc', 'port')));
  if (h.sleep) take('sleep', () => validateSleep(h.sleep!.seconds ?? 0, gracePeriod, f.child('sleep')));
  if (count === 0) errs.push(fieldErrors.required(f, 'must specify a handler type'));
  return errs;
}

function validateProbe(probe: Probe, gracePeriod: number | undefined, f: FieldPath): FieldError[] {
  // A probe never carries `sleep`; strip it so a stray one is not counted as a handler.
  const handler: AnyHandler = {
    exec: probe.exec,
    httpGet: probe.httpGet,
    tcpSocket: probe.tcpSocket,
    grpc: probe.grpc,
  };
  const errs = validateHandler(handler, gracePeriod, f);
  for (const k of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ] as const)
    errs.push(...validateNonnegativeField(probe[k] ?? 0, f.child(k)));
  const tgps = probe.terminationGracePeriodSeconds;
  if (tgps !== undefined && tgps !== null && tgps <= 0)
    errs.push(fieldErrors.invalid(f.child('terminationGracePeriodSeconds'), tgps, 'must be greater than 0'));
  return errs;
}

export function validateLivenessProbe(
  probe: Probe | undefined,
  gracePeriod: number | undefined,
  f: FieldPath,
): FieldError[] {
  if (!probe) return [];
  const errs = validateProbe(probe, gracePeriod, f);
  if ((probe.successThreshold ?? 0) !== 1)
    errs.push(fieldErrors.invalid(f.child('successThreshold'), probe.successThreshold ?? 0, 'must be 1'));
  return errs;
}

export const validateStartupProbe = validateLivenessProbe;

export function validateReadinessProbe(
  probe: Probe | undefined,
  gracePeriod: number | undefined,
  f: FieldPath,
): FieldError[] {
  if (!probe) return [];
  const errs = validateProbe(probe, gracePeriod, f);
  if (probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds !== null)
    errs.push(
      fieldErrors.invalid(
        f.child('terminationGracePeriodSeconds'),
        probe.terminationGracePeriodSeconds,
        'must not be set for readinessProbes',
      ),
    );
  return errs;
}

export function validateLifecycle(
  lc: Lifecycle,
  gracePeriod: number | undefined,
  f: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  if (lc.postStart)
    errs.push(...validateHandler({ ...lc.postStart, grpc: undefined }, gracePeriod, f.child('postStart')));
  if (lc.preStop)
    errs.push(...validateHandler({ ...lc.preStop, grpc: undefined }, gracePeriod, f.child('preStop')));
  return errs;
}
