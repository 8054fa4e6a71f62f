/**
 * @module client/api-error
 * The error every client call throws when the API server answers with a failure Status (or
 * when the connection fails: code 0, reason `''`). Branded so checks survive duplicate module
 * copies.
 */
import type { Status } from '../machinery/errors.js';

const BRAND = Symbol.for('kubeling.ApiError');

/** A failed API call. `status` is the server's Status body (synthesised when it sent none). */
export class ApiError extends Error {
  readonly [BRAND] = true;
  readonly code: number;
  readonly reason: string;
  constructor(readonly status: Status) {
    super(status.message ?? `request failed with code ${status.code}`);
    this.name = 'ApiError';
    this.code = status.code;
    this.reason = status.reason ?? '';
  }

  static is(e: unknown): e is ApiError {
    return typeof e === 'object' && e !== null && (e as any)[BRAND] === true;
  }

  /** Builds the error from an HTTP status code and the raw body (a Status when the server sent one). */
  static fromResponse(httpCode: number, body: string): ApiError {
    try {
      const parsed = JSON.parse(body);
      if (parsed && parsed.kind === 'Status')
        return new ApiError({ ...parsed, code: parsed.code ?? httpCode });
    } catch {
      /* not JSON: fall through */
    }
    return new ApiError({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      code: httpCode,
      reason: reasonForCode(httpCode),
      message: body.trim() || `the server responded with HTTP ${httpCode}`,
    });
  }
}

function reasonForCode(code: number): string {
  const map: Record<number, string> = {
    400: 'BadRequest',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'NotFound',
    405: 'MethodNotAllowed',
    409: 'Conflict',
    410: 'Gone',
    422: 'Invalid',
    429: 'TooManyRequests',
    500: 'InternalError',
    503: 'ServiceUnavailable',
    504: 'Timeout',
  };
  return map[code] ?? '';
}

export function isNotFound(e: unknown): boolean {
  return ApiError.is(e) && e.code === 404;
}

export function isConflict(e: unknown): boolean {
  return ApiError.is(e) && e.code === 409 && e.reason === 'Conflict';
}

export function isAlreadyExists(e: unknown): boolean {
  return ApiError.is(e) && e.reason === 'AlreadyExists';
}

/** True for 410 answers: the requested resourceVersion was compacted away. */
export function isExpired(e: unknown): boolean {
  return ApiError.is(e) && (e.code === 410 || e.reason === 'Expired' || e.reason === 'Gone');
}
