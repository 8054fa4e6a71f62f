/**
 * @module apiserver/authz-reviews
 * authorization.k8s.io reviews. Until RBAC is enforced, every authenticated user may do
 * everything, so every review is allowed (what `kubectl auth can-i` asks).
 */
import { readBody, type Exchange } from './http/exchange.js';
import { decodeObject, type ProtobufDecoder } from './handlers/decode.js';
import type { VirtualHandler } from './router.js';

const GV = 'authorization.k8s.io/v1';

function reviewHandler(kind: string, protobuf: ProtobufDecoder | undefined): VirtualHandler {
  return async (ex: Exchange) => {
    const obj = decodeObject(await readBody(ex.req), ex.header('content-type'), protobuf) as any;
    const status =
      kind === 'SelfSubjectRulesReview'
        ? {
            resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
            nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
            incomplete: false,
          }
        : { allowed: true, reason: 'kubeling: authenticated users may do everything until RBAC is enforced' };
    ex.json(201, {
      kind,
      apiVersion: GV,
      metadata: { ...(obj.metadata ?? {}), creationTimestamp: null },
      spec: obj.spec ?? {},
      status,
    });
  };
}

export function authorizationReviews(protobuf?: ProtobufDecoder): Map<string, VirtualHandler> {
  return new Map([
    [`authorization.k8s.io/v1/selfsubjectaccessreviews`, reviewHandler('SelfSubjectAccessReview', protobuf)],
    [`authorization.k8s.io/v1/subjectaccessreviews`, reviewHandler('SubjectAccessReview', protobuf)],
    [
      `authorization.k8s.io/v1/localsubjectaccessreviews`,
      reviewHandler('LocalSubjectAccessReview', protobuf),
    ],
    [`authorization.k8s.io/v1/selfsubjectrulesreviews`, reviewHandler('SelfSubjectRulesReview', protobuf)],
  ]);
}
