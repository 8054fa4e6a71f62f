/**
 * @module apiserver/handlers/request-context
 * Builds the registry's RequestContext from query parameters (dryRun, fieldManager) and the user.
 */
import { newInvalid } from '../../machinery/errors.js';
import { fieldErrors } from '../../machinery/field-errors.js';
import type { Exchange } from '../http/exchange.js';
import type { RequestContext, UserInfo } from '../registry/context.js';

export function managerFromUserAgent(ua: string | undefined): string {
  if (!ua) return 'unknown';
  const i = ua.indexOf('/');
  return (i > 0 ? ua.slice(0, i) : ua).slice(0, 128);
}

export function requestContext(
  ex: Exchange,
  user: UserInfo,
  now: Date,
  subresource?: string,
): RequestContext {
  const dry = ex.query.getAll('dryRun');
  for (const d of dry) {
    if (d !== 'All') {
      throw newInvalid({ group: 'meta.k8s.io', kind: 'DryRun' }, '', [
        fieldErrors.notSupported('dryRun', d, ['All']),
      ]);
    }
  }
  const fm = ex.query.get('fieldManager');
  return {
    user,
    dryRun: dry.length > 0,
    fieldManager: fm || managerFromUserAgent(ex.header('user-agent')),
    now,
    warnings: ex.warnings,
    subresource,
  };
}
