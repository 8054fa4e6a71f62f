/**
 * @module apiserver/auth/service-account-token
 * Bound service-account tokens, as upstream's pkg/serviceaccount: JWTs signed with the key's
 * algorithm (ES256 for the P-256 key a new cluster makes, RS256 for an RSA key) whose claims
 * name the account (and the pod, secret or node they are bound to), and the authenticator that
 * accepts them as long as what they name still exists with the same UID.
 *
 * Choices (k3s-like): the issuer is `https://kubernetes.default.svc.cluster.local`, and the API
 * server's audiences are that issuer alone, so a token requested without audiences is accepted
 * by this server and one for another audience is not.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../../machinery/meta.js';
import type { UserInfo } from '../registry/context.js';

export const DEFAULT_ISSUER = 'https://kubernetes.default.svc.cluster.local';
export const API_AUDIENCES = [DEFAULT_ISSUER];

/** Lifetime of a projected token the kubelet asks for (1 h + 7 s), which upstream extends. */
export const WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS = 3600 + 7;
/** What such a token's lifetime is extended to: one year, with `warnafter` at the asked time. */
export const EXPIRATION_EXTENSION_SECONDS = 365 * 24 * 3600;

/** go-jose's DefaultLeeway, which upstream's validator applies to exp, nbf and iat. */
const LEEWAY_SECONDS = 60;

export interface ObjectRef {
  name: string;
  uid: string;
}

/** The private claim under `kubernetes.io`. */
export interface KubernetesClaims {
  namespace: string;
  node?: ObjectRef;
  pod?: ObjectRef;
  secret?: ObjectRef;
  serviceaccount: ObjectRef;
  warnafter?: number;
}

/** Claims in the order the JSON shows them (upstream's go-jose marshals a sorted map). */
export interface TokenClaims {
  aud: string[];
  exp: number;
  iat: number;
  iss: string;
  jti: string;
  'kubernetes.io': KubernetesClaims;
  nbf: number;
  sub: string;
}

export interface ClaimsInput {
  issuer: string;
  serviceAccount: KubeObject;
  pod?: KubeObject;
  secret?: KubeObject;
  /** The node a bound pod runs on (name only when the Node object is missing), or a bound Node. */
  node?: { name: string; uid?: string };
  audiences: string[];
  expirationSeconds: number;
  /** Non-zero: seconds after which the token is stale (upstream's warnafter). */
  warnAfterSeconds?: number;
  now: Date;
  jti?: string;
}

const ref = (o: { name: string; uid?: string }): ObjectRef => {
  const r = { name: o.name } as ObjectRef;
  if (o.uid) r.uid = o.uid;
  return r;
};
const metaRef = (o: KubeObject): ObjectRef => ref({ name: o.metadata.name!, uid: o.metadata.uid });

/** The claims of a token for `serviceAccount`, as upstream's serviceaccount.Claims. */
export function tokenClaims(input: ClaimsInput): TokenClaims {
  const now = Math.floor(input.now.getTime() / 1000);
  const sa = input.serviceAccount.metadata;
  const k: KubernetesClaims = { namespace: sa.namespace!, serviceaccount: metaRef(input.serviceAccount) };
  if (input.pod) {
    k.pod = metaRef(input.pod);
    if (input.node) k.node = ref(input.node);
  } else if (input.secret) {
    k.secret = metaRef(input.secret);
  } else if (input.node) {
    k.node = ref(input.node);
  }
  if (input.warnAfterSeconds) k.warnafter = now + input.warnAfterSeconds;
  return {
    aud: input.audiences,
    exp: now + input.expirationSeconds,
    iat: now,
    iss: input.issuer,
    jti: input.jti ?? randomUUID(),
    'kubernetes.io': sortKeys(k),
    nbf: now,
    sub: serviceAccountUsername(sa.namespace!, sa.name!),
  };
}

export function serviceAccountUsername(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

function sortKeys<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** The JWS algorithm of a key, as upstream's signerFromKey: RS256 for RSA, ES256 for P-256. */
export function algorithmOf(key: KeyObject): 'RS256' | 'ES256' {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  throw new Error(
    `service account signing key: unsupported key type ${key.asymmetricKeyType} (want RSA or ECDSA P-256)`,
  );
}

/** JWS ECDSA signatures are r and s side by side (IEEE P1363), not DER. */
const signOptions = (key: KeyObject) =>
  key.asymmetricKeyType === 'ec' ? { key, dsaEncoding: 'ieee-p1363' as const } : key;

/** The signing key: signs tokens and publishes its public half (JWKS). */
export class TokenSigner {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** As upstream's keyIDFromPublicKey: base64url(SHA-256(DER of the SubjectPublicKeyInfo)). */
  readonly keyId: string;
  readonly alg: 'RS256' | 'ES256';

  constructor(privateKeyPem: string) {
    this.privateKey = createPrivateKey(privateKeyPem);
    this.publicKey = createPublicKey(this.privateKey);
    this.alg = algorithmOf(this.privateKey);
    const der = this.publicKey.export({ type: 'spki', format: 'der' });
    this.keyId = createHash('sha256').update(der).digest('base64url');
  }

  sign(claims: TokenClaims): string {
    const header = b64url(JSON.stringify({ alg: this.alg, kid: this.keyId }));
    const payload = b64url(JSON.stringify(claims));
    const input = `${header}.${payload}`;
    const signature = sign('sha256', Buffer.from(input), signOptions(this.privateKey));
    return `${input}.${signature.toString('base64url')}`;
  }

  /** The public key as a JSON Web Key Set (`/openid/v1/jwks`), in upstream's field order. */
  jwks(): { keys: Record<string, string>[] } {
    const jwk = this.publicKey.export({ format: 'jwk' }) as Record<string, string>;
    const key: Record<string, string> =
      this.alg === 'RS256'
        ? { use: 'sig', kty: 'RSA', kid: this.keyId, alg: 'RS256', n: jwk.n, e: jwk.e }
        : { use: 'sig', kty: 'EC', kid: this.keyId, crv: 'P-256', alg: 'ES256', x: jwk.x, y: jwk.y };
    return { keys: [key] };
  }
}

/** What {@link verifyToken} makes of a bearer token. */
export type VerifyResult =
  /** Not a JWT of this issuer: another authenticator may know it. */
  { kind: 'foreign' } | { kind: 'invalid'; reason: string } | { kind: 'valid'; claims: TokenClaims };

/** The JSON of one base64url JWT segment, or undefined. */
function segment(text: string): any {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    return JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The stateless checks of upstream's JWT authenticator and validator: shape, issuer, signature
 * (the key's algorithm only), exp/nbf/iat (with go-jose's one-minute leeway) and audience against the server's.
 */
export function verifyToken(
  token: string,
  publicKey: KeyObject,
  opts: { issuer: string; audiences: string[]; now: Date },
): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 3) return { kind: 'foreign' };
  const header = segment(parts[0]);
  const claims = segment(parts[1]) as TokenClaims | undefined;
  if (!header || typeof header !== 'object' || !claims || typeof claims !== 'object')
    return { kind: 'foreign' };
  if (claims.iss !== opts.issuer) return { kind: 'foreign' };
  if (header.alg !== algorithmOf(publicKey)) return { kind: 'invalid', reason: 'invalid signature' };
  const ok = verify(
    'sha256',
    Buffer.from(`${parts[0]}.${parts[1]}`),
    signOptions(publicKey),
    Buffer.from(parts[2], 'base64url'),
  );
  if (!ok) return { kind: 'invalid', reason: 'invalid signature' };
  const now = Math.floor(opts.now.getTime() / 1000);
  // go-jose's order (nbf, exp, iat) and the validator's words for each.
  if (typeof claims.nbf === 'number' && now + LEEWAY_SECONDS < claims.nbf)
    return { kind: 'invalid', reason: 'service account token is not valid yet' };
  if (typeof claims.exp === 'number' && now > claims.exp + LEEWAY_SECONDS)
    return { kind: 'invalid', reason: 'service account token has expired' };
  if (typeof claims.iat === 'number' && now + LEEWAY_SECONDS < claims.iat)
    return { kind: 'invalid', reason: 'service account token is issued in the future' };
  const k = claims['kubernetes.io'];
  if (!k || typeof k.namespace !== 'string' || typeof k.serviceaccount?.name !== 'string')
    return { kind: 'invalid', reason: 'service account token claims could not be validated' };
  const tokenAuds = Array.isArray(claims.aud)
    ? claims.aud
    : typeof claims.aud === 'string'
      ? [claims.aud]
      : [];
  const auds = tokenAuds.length ? tokenAuds : opts.audiences;
  if (!auds.some((a) => opts.audiences.includes(a))) {
    const q = (l: string[]) => `[${l.map((a) => JSON.stringify(a)).join(' ')}]`;
    return {
      kind: 'invalid',
      reason: `token audiences ${q(auds)} is invalid for the target audiences ${q(opts.audiences)}`,
    };
  }
  return { kind: 'valid', claims };
}

/** Reads one live object (consistently); undefined when it does not exist. */
export type ObjectGetter = (
  plural: 'serviceaccounts' | 'pods' | 'secrets' | 'nodes',
  namespace: string | undefined,
  name: string,
) => Promise<KubeObject | undefined>;

/** The outcome of {@link ServiceAccountTokenAuthenticator.authenticate}. */
export type AuthenticateResult =
  { kind: 'foreign' } | { kind: 'invalid'; reason: string } | { kind: 'user'; user: UserInfo };

/**
 * Accepts this server's service-account tokens as upstream's JWT token authenticator with the
 * bound-token validator: besides {@link verifyToken}, the account must still exist with the UID of
 * the claim, and so must the pod, secret or node the token is bound to; an object deleted (its
 * deletionTimestamp more than the leeway ago) invalidates the token.
 */
export class ServiceAccountTokenAuthenticator {
  constructor(
    private readonly publicKey: KeyObject,
    private readonly get: ObjectGetter,
    private readonly opts: { issuer: string; audiences: string[]; now: () => Date },
  ) {}

  async authenticate(token: string): Promise<AuthenticateResult> {
    const now = this.opts.now();
    const v = verifyToken(token, this.publicKey, { ...this.opts, now });
    if (v.kind !== 'valid') return v;
    const { claims } = v;
    const k = claims['kubernetes.io'];
    const ns = k.namespace;
    const deletedBefore = now.getTime() - LEEWAY_SECONDS * 1000;
    const gone = (o: KubeObject) =>
      !!o.metadata.deletionTimestamp && Date.parse(o.metadata.deletionTimestamp) < deletedBefore;
    const invalidated = { kind: 'invalid', reason: 'service account token has been invalidated' } as const;

    const sa = await this.get('serviceaccounts', ns, k.serviceaccount.name);
    if (!sa) return { kind: 'invalid', reason: `serviceaccounts "${k.serviceaccount.name}" not found` };
    if (gone(sa))
      return { kind: 'invalid', reason: `service account ${ns}/${k.serviceaccount.name} has been deleted` };
    if (sa.metadata.uid !== k.serviceaccount.uid)
      return {
        kind: 'invalid',
        reason: `service account UID (${sa.metadata.uid}) does not match claim (${k.serviceaccount.uid})`,
      };
    if (k.secret) {
      const secret = await this.get('secrets', ns, k.secret.name);
      if (!secret || gone(secret)) return invalidated;
      if (secret.metadata.uid !== k.secret.uid)
        return {
          kind: 'invalid',
          reason: `secret UID (${secret.metadata.uid}) does not match service account secret ref claim (${k.secret.uid})`,
        };
    }
    if (k.pod) {
      const pod = await this.get('pods', ns, k.pod.name);
      if (!pod || gone(pod)) return invalidated;
      if (pod.metadata.uid !== k.pod.uid)
        return {
          kind: 'invalid',
          reason: `pod UID (${pod.metadata.uid}) does not match service account pod ref claim (${k.pod.uid})`,
        };
    }
    // A token bound to a node itself (not the node of a bound pod) ends with that node.
    if (k.node && !k.pod) {
      const node = await this.get('nodes', undefined, k.node.name);
      if (!node || gone(node)) return invalidated;
      if (k.node.uid && node.metadata.uid !== k.node.uid)
        return {
          kind: 'invalid',
          reason: `node UID (${node.metadata.uid}) does not match service account node ref claim (${k.node.uid})`,
        };
    }
    return { kind: 'user', user: serviceAccountUser(claims) };
  }
}

/** The user a valid token stands for, as upstream's ServiceAccountInfo.UserInfo plus system:authenticated. */
export function serviceAccountUser(claims: TokenClaims): UserInfo {
  const k = claims['kubernetes.io'];
  const extra: Record<string, string[]> = {};
  if (k.pod) {
    extra['authentication.kubernetes.io/pod-name'] = [k.pod.name];
    extra['authentication.kubernetes.io/pod-uid'] = [k.pod.uid];
  }
  if (k.node) {
    extra['authentication.kubernetes.io/node-name'] = [k.node.name];
    if (k.node.uid) extra['authentication.kubernetes.io/node-uid'] = [k.node.uid];
  }
  if (claims.jti) extra['authentication.kubernetes.io/credential-id'] = [`JTI=${claims.jti}`];
  return {
    name: serviceAccountUsername(k.namespace, k.serviceaccount.name),
    uid: k.serviceaccount.uid,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${k.namespace}`, 'system:authenticated'],
    extra,
  };
}
