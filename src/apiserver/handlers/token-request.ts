/**
 * @module apiserver/handlers/token-request
 * `POST serviceaccounts/NAME/token` (authentication.k8s.io/v1 TokenRequest), as upstream's
 * TokenREST: the name and namespace of the body must match the URL's, the account must exist,
 * the audiences default to the API server's, the lifetime to one hour (at least 10 minutes, at
 * most 2^32 s), and a bound Pod, Secret or Node must exist (with the given UID, when one is
 * given). The answer is the request with `status.token` and `status.expirationTimestamp`.
 * A pod-bound token the kubelet asks for with upstream's 3607 s lifetime is issued for a year and
 * carries `warnafter` instead (upstream's --service-account-extend-token-expiration, on by default).
 */
import type { KubeObject } from '../../machinery/meta.js';
import { formatTime, parseApiVersion } from '../../machinery/meta.js';
import { fieldErrors, path, type FieldError } from '../../machinery/field-errors.js';
import { newBadRequest, newConflict, newInvalid, StatusError } from '../../machinery/errors.js';
import {
  EXPIRATION_EXTENSION_SECONDS,
  tokenClaims,
  WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS,
  type TokenSigner,
} from '../auth/service-account-token.js';
import { readBody } from '../http/exchange.js';
import { decodeObject } from './decode.js';
import type { SubresourceHandler } from './subresource-handler.js';

export const TOKEN_REQUEST_GK = { group: 'authentication.k8s.io', kind: 'TokenRequest' };
const MIN_EXPIRATION_SECONDS = 10 * 60;
const MAX_EXPIRATION_SECONDS = 2 ** 32;
const DEFAULT_EXPIRATION_SECONDS = 3600;

export interface BoundObjectReference {
  kind?: string;
  apiVersion?: string;
  name?: string;
  uid?: string;
}

export interface TokenRequest extends KubeObject {
  spec: {
    audiences?: string[];
    expirationSeconds?: number | null;
    boundObjectRef?: BoundObjectReference | null;
  };
  status?: { token: string; expirationTimestamp: string };
}

/** What the handler issues tokens with. */
export interface TokenIssuer {
  signer: TokenSigner;
  issuer: string;
  /** The API server's own audiences: the default of a request that names none. */
  audiences: string[];
}

/** Upstream's ValidateTokenRequest: the lifetime's bounds. */
export function validateTokenRequest(tr: TokenRequest): FieldError[] {
  const errs: FieldError[] = [];
  const exp = tr.spec.expirationSeconds ?? 0;
  const field = path('spec', 'expirationSeconds');
  if (exp < MIN_EXPIRATION_SECONDS)
    errs.push(fieldErrors.invalid(field, exp, 'may not specify a duration less than 10 minutes'));
  if (exp > MAX_EXPIRATION_SECONDS)
    errs.push(fieldErrors.invalid(field, exp, 'may not specify a duration larger than 2^32 seconds'));
  return errs;
}

/** `GroupVersionKind.String()` of Go: `apps/v1, Kind=Deployment`, `/v1, Kind=Pod`. */
function gvkString(group: string, version: string, kind: string): string {
  return `${group}/${version}, Kind=${kind}`;
}

export function tokenRequestHandler(issuer: TokenIssuer): SubresourceHandler {
  return async (ep, ex, ctx, ns, name, verb) => {
    if (verb !== 'create')
      throw new StatusError(405, 'MethodNotAllowed', `${verb} is not supported on serviceaccounts/token`);
    const namespace = ns ?? '';
    const body = decodeObject(await readBody(ex.req), ex.header('content-type'), ep.codec.protobuf);
    const req = structuredClone(body) as TokenRequest;
    req.metadata = req.metadata ?? {};
    req.spec = req.spec ?? {};
    const asked = req.spec.expirationSeconds;
    if (asked !== undefined && asked !== null && !Number.isSafeInteger(asked))
      throw newBadRequest(`spec.expirationSeconds: ${JSON.stringify(asked)} is not an integer`);
    if (asked === null) delete req.spec.expirationSeconds;

    if (req.metadata.name && req.metadata.name !== name) {
      throw newInvalid(TOKEN_REQUEST_GK, name, [
        fieldErrors.invalid(
          path('metadata', 'name'),
          req.metadata.name,
          'must match the service account name if specified',
        ),
      ]);
    }
    if (req.metadata.namespace && req.metadata.namespace !== namespace) {
      throw newInvalid(TOKEN_REQUEST_GK, name, [
        fieldErrors.invalid(
          path('metadata', 'namespace'),
          req.metadata.namespace,
          'must match the service account namespace if specified',
        ),
      ]);
    }

    const sa = await ep.store.get(ns, name);
    const stores = (plural: string) => ep.store.storeOf('', plural)!;

    if (!req.spec.audiences?.length) req.spec.audiences = [...issuer.audiences];
    req.spec.expirationSeconds ??= DEFAULT_EXPIRATION_SECONDS;
    req.metadata.name ||= sa.metadata.name;
    req.metadata.namespace ||= sa.metadata.namespace;
    const now = ctx.now;
    req.metadata.creationTimestamp = formatTime(now);
    delete req.status;

    const errs = validateTokenRequest(req);
    if (errs.length) throw newInvalid(TOKEN_REQUEST_GK, '', errs);

    let pod: KubeObject | undefined;
    let secret: KubeObject | undefined;
    let node: { name: string; uid?: string } | undefined;
    const ref = req.spec.boundObjectRef;
    if (ref) {
      const { group, version } = parseApiVersion(ref.apiVersion ?? '');
      const kind = ref.kind ?? '';
      const refName = ref.name ?? '';
      let uid: string | undefined;
      if (group === '' && kind === 'Pod') {
        pod = await stores('pods').get(namespace, refName);
        const podSA = (pod as { spec?: { serviceAccountName?: string } }).spec?.serviceAccountName;
        if (podSA !== name)
          throw newBadRequest(
            `cannot bind token for serviceaccount "${name}" to pod running with different serviceaccount name.`,
          );
        uid = pod.metadata.uid;
        const nodeName = (pod as { spec?: { nodeName?: string } }).spec?.nodeName;
        if (nodeName) {
          // A missing Node still leaves its name in the claims, as upstream.
          const n = await stores('nodes').tryGet(undefined, nodeName);
          node = { name: nodeName, uid: n?.metadata.uid };
        }
      } else if (group === '' && kind === 'Node') {
        const n = await stores('nodes').get(undefined, refName);
        node = { name: n.metadata.name!, uid: n.metadata.uid };
        uid = n.metadata.uid;
      } else if (group === '' && kind === 'Secret') {
        secret = await stores('secrets').get(namespace, refName);
        uid = secret.metadata.uid;
      } else {
        throw newBadRequest(`cannot bind token to object of type ${gvkString(group, version, kind)}`);
      }
      if (ref.uid && ref.uid !== uid) {
        throw newConflict(
          { group, resource: kind },
          refName,
          `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`,
        );
      }
    }

    // The kubelet's projected tokens: valid for a year, stale (warnafter) after the asked hour.
    let exp = req.spec.expirationSeconds;
    let warnAfter = 0;
    const kubeAudiences = req.spec.audiences.every((a) => issuer.audiences.includes(a));
    if (pod && exp === WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS && kubeAudiences) {
      warnAfter = exp;
      exp = EXPIRATION_EXTENSION_SECONDS;
    }
    const claims = tokenClaims({
      issuer: issuer.issuer,
      serviceAccount: sa,
      pod,
      secret,
      node,
      audiences: req.spec.audiences,
      expirationSeconds: exp,
      warnAfterSeconds: warnAfter,
      now,
    });
    const expiration = new Date(now.getTime() + req.spec.expirationSeconds * 1000);
    const out: TokenRequest = {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: req.metadata,
      // Upstream's boundObjectRef has no omitempty: an unbound token shows `boundObjectRef: null`.
      spec: {
        audiences: req.spec.audiences,
        expirationSeconds: req.spec.expirationSeconds,
        boundObjectRef: req.spec.boundObjectRef ?? null,
      },
      status: { token: issuer.signer.sign(claims), expirationTimestamp: formatTime(expiration) },
    };
    ex.json(201, out);
  };
}
