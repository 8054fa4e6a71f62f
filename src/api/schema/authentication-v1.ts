/**
 * @module api/schema/authentication-v1
 * Type schemas for authentication.k8s.io/v1: TokenRequest, the body of the `serviceaccounts/NAME/token`
 * subresource, and SelfSubjectReview (`kubectl auth whoami`). Field names and proto numbers follow upstream k8s.io/api v0.32; the words are ours.
 */
import { f, t, type, type FieldType, type TypeSchema } from './model.js';

const meta = (n: string): FieldType => t.ref(`io.k8s.apimachinery.pkg.apis.meta.v1.${n}`);
const local = (n: string): FieldType => t.ref(`io.k8s.api.authentication.v1.${n}`);

export const authenticationV1Schemas: TypeSchema[] = [
  type(
    'io.k8s.api.authentication.v1.TokenRequest',
    'Asks for a token of a service account.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        meta('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(2, local('TokenRequestSpec'), 'What the token is for and how long it lives.', {
        required: true,
      }),
      status: f(3, local('TokenRequestStatus'), 'The issued token, filled in by the server.'),
    },
    { gvk: [{ group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' }] },
  ),

  type('io.k8s.api.authentication.v1.TokenRequestSpec', 'What a requested token is for.', {
    audiences: f(
      1,
      t.array(t.string),
      "Who may accept the token; empty means the API server's own audiences.",
      {
        listType: 'atomic',
        required: true,
      },
    ),
    expirationSeconds: f(4, t.int64, 'Requested lifetime in seconds; the server may shorten or lengthen it.'),
    boundObjectRef: f(3, local('BoundObjectReference'), 'An object whose deletion ends the token.'),
  }),

  type('io.k8s.api.authentication.v1.BoundObjectReference', 'An object a token is bound to.', {
    kind: f(1, t.string, 'Kind of the object: Pod, Secret or Node.'),
    apiVersion: f(2, t.string, 'API version of the object.'),
    name: f(3, t.string, 'Name of the object.'),
    uid: f(4, t.string, 'UID of the object; when set it must match the live one.'),
  }),

  type('io.k8s.api.authentication.v1.TokenRequestStatus', 'The token a request was answered with.', {
    token: f(1, t.string, 'The bearer token.', { required: true }),
    expirationTimestamp: f(2, t.time, 'When the token stops being valid.', { required: true }),
  }),

  type(
    'io.k8s.api.authentication.v1.SelfSubjectReview',
    'Asks who the calling user is.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        meta('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      status: f(2, local('SelfSubjectReviewStatus'), 'The answer, filled in by the server.'),
    },
    { gvk: [{ group: 'authentication.k8s.io', version: 'v1', kind: 'SelfSubjectReview' }] },
  ),

  type('io.k8s.api.authentication.v1.SelfSubjectReviewStatus', 'Who the calling user is.', {
    userInfo: f(1, local('UserInfo'), 'The attributes the authenticators found for the user.'),
  }),

  type('io.k8s.api.authentication.v1.UserInfo', 'What authentication knows of a user.', {
    username: f(1, t.string, 'Name of the user among all active users.'),
    uid: f(2, t.string, 'Identifier of the user that differs when a user of the same name is recreated.'),
    groups: f(3, t.array(t.string), 'Groups the user belongs to.', { listType: 'atomic' }),
    extra: f(4, t.map(t.array(t.string)), 'Extra authenticator attributes of the user.'),
  }),
];
