/**
 * @module apiserver/authn-reviews
 * authentication.k8s.io/v1 SelfSubjectReview (what `kubectl auth whoami` asks): the calling user as
 * the authenticators found it, never stored.
 */
import { readBody, type Exchange } from './http/exchange.js';
import { decodeObject, type ProtobufDecoder } from './handlers/decode.js';
import type { UserInfo } from './registry/context.js';
import type { VirtualHandler } from './router.js';

/** Upstream's authentication/v1 UserInfo: empty fields are left out. */
export function userInfoOf(user: UserInfo): Record<string, unknown> {
  const info: Record<string, unknown> = { username: user.name };
  if (user.uid) info.uid = user.uid;
  if (user.groups.length) info.groups = user.groups;
  if (user.extra && Object.keys(user.extra).length) info.extra = user.extra;
  return info;
}

function selfSubjectReview(protobuf: ProtobufDecoder | undefined): VirtualHandler {
  return async (ex: Exchange, user: UserInfo) => {
    const obj = decodeObject(await readBody(ex.req), ex.header('content-type'), protobuf);
    ex.json(201, {
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { ...(obj.metadata ?? {}), creationTimestamp: null },
      status: { userInfo: userInfoOf(user) },
    });
  };
}

export function authenticationReviews(protobuf?: ProtobufDecoder): Map<string, VirtualHandler> {
  return new Map([['authentication.k8s.io/v1/selfsubjectreviews', selfSubjectReview(protobuf)]]);
}
