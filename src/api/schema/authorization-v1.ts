/**
 * @module api/schema/authorization-v1
 * Type schemas for authorization.k8s.io/v1: access reviews and rules reviews.
 * Field names, proto numbers and patch tags follow upstream k8s.io/api v0.32; the words are ours.
 */
import { f, t, type, type FieldType, type TypeSchema } from './model.js';

const meta = (n: string): FieldType => t.ref(`io.k8s.apimachinery.pkg.apis.meta.v1.${n}`);
const local = (n: string): FieldType => t.ref(`io.k8s.api.authorization.v1.${n}`);

export const authorizationV1Schemas: TypeSchema[] = [
  type(
    'io.k8s.api.authorization.v1.SubjectAccessReview',
    'Asks whether a given user may perform an action.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        meta('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(2, local('SubjectAccessReviewSpec'), 'The user and action to check.', { required: true }),
      status: f(3, local('SubjectAccessReviewStatus'), 'The answer, filled in by the server.'),
    },
    { gvk: [{ group: 'authorization.k8s.io', version: 'v1', kind: 'SubjectAccessReview' }] },
  ),

  type(
    'io.k8s.api.authorization.v1.SelfSubjectAccessReview',
    'Asks whether the calling user may perform an action.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        meta('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(2, local('SelfSubjectAccessReviewSpec'), 'The action to check.', { required: true }),
      status: f(3, local('SubjectAccessReviewStatus'), 'The answer, filled in by the server.'),
    },
    { gvk: [{ group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectAccessReview' }] },
  ),

  type(
    'io.k8s.api.authorization.v1.LocalSubjectAccessReview',
    'Asks whether a given user may perform an action within one namespace.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        meta('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(
        2,
        local('SubjectAccessReviewSpec'),
        "The user and action to check; the namespace must match the object's.",
        { required: true },
      ),
      status: f(3, local('SubjectAccessReviewStatus'), 'The answer, filled in by the server.'),
    },
    { gvk: [{ group: 'authorization.k8s.io', version: 'v1', kind: 'LocalSubjectAccessReview' }] },
  ),

  type(
    'io.k8s.api.authorization.v1.ResourceAttributes',
    'Describes an action on an API resource for an access check.',
    {
      namespace: f(1, t.string, 'Namespace of the action; empty for cluster-scoped or all namespaces.'),
      verb: f(2, t.string, 'API verb such as get, list or create; "*" means all.'),
      group: f(3, t.string, 'API group of the resource; "*" means all.'),
      version: f(4, t.string, 'API version of the resource; "*" means all.'),
      resource: f(5, t.string, 'Resource type; "*" means all.'),
      subresource: f(6, t.string, 'Subresource, if any.'),
      name: f(7, t.string, 'Name of the object; empty means all.'),
      fieldSelector: f(8, local('FieldSelectorAttributes'), 'Field selector that limits a list or watch.'),
      labelSelector: f(9, local('LabelSelectorAttributes'), 'Label selector that limits a list or watch.'),
    },
  ),

  type(
    'io.k8s.api.authorization.v1.LabelSelectorAttributes',
    'Label selector of a list or watch request under review.',
    {
      rawSelector: f(1, t.string, 'Selector in its string form, as in a query parameter.'),
      requirements: f(2, t.array(meta('LabelSelectorRequirement')), 'Selector in parsed form.', {
        listType: 'atomic',
      }),
    },
  ),

  type(
    'io.k8s.api.authorization.v1.FieldSelectorAttributes',
    'Field selector of a list or watch request under review.',
    {
      rawSelector: f(1, t.string, 'Selector in its string form, as in a query parameter.'),
      requirements: f(2, t.array(meta('FieldSelectorRequirement')), 'Selector in parsed form.', {
        listType: 'atomic',
      }),
    },
  ),

  type(
    'io.k8s.api.authorization.v1.NonResourceAttributes',
    'Describes an action on a non-resource URL for an access check.',
    {
      path: f(1, t.string, 'URL path requested.'),
      verb: f(2, t.string, 'HTTP-style verb, such as get.'),
    },
  ),

  type(
    'io.k8s.api.authorization.v1.SubjectAccessReviewSpec',
    'The user and action to check; exactly one of the two attribute sets is set.',
    {
      resourceAttributes: f(1, local('ResourceAttributes'), 'The resource action to check.'),
      nonResourceAttributes: f(2, local('NonResourceAttributes'), 'The non-resource action to check.'),
      user: f(3, t.string, 'User name to check for.'),
      groups: f(4, t.array(t.string), 'Groups the user belongs to.', { listType: 'atomic' }),
      extra: f(5, t.map(t.array(t.string)), 'Extra authenticator attributes of the user.'),
      uid: f(6, t.string, 'UID of the user.'),
    },
  ),

  type(
    'io.k8s.api.authorization.v1.SelfSubjectAccessReviewSpec',
    'The action to check for the calling user; exactly one attribute set is set.',
    {
      resourceAttributes: f(1, local('ResourceAttributes'), 'The resource action to check.'),
      nonResourceAttributes: f(2, local('NonResourceAttributes'), 'The non-resource action to check.'),
    },
  ),

  type('io.k8s.api.authorization.v1.SubjectAccessReviewStatus', 'Outcome of an access review.', {
    allowed: f(1, t.boolean, 'True when the action is permitted.', { required: true }),
    denied: f(4, t.boolean, 'True when the action is explicitly refused.'),
    reason: f(2, t.string, 'Why the answer was given.'),
    evaluationError: f(3, t.string, 'Problem met while checking, if any; the answer may still be valid.'),
  }),

  type(
    'io.k8s.api.authorization.v1.SelfSubjectRulesReview',
    'Lists the actions the calling user may perform in a namespace.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        meta('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(2, local('SelfSubjectRulesReviewSpec'), 'The namespace to list rules for.', { required: true }),
      status: f(3, local('SubjectRulesReviewStatus'), 'The rules found.'),
    },
    { gvk: [{ group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectRulesReview' }] },
  ),

  type('io.k8s.api.authorization.v1.SelfSubjectRulesReviewSpec', 'Input of a SelfSubjectRulesReview.', {
    namespace: f(1, t.string, 'Namespace to evaluate the rules in.'),
  }),

  type('io.k8s.api.authorization.v1.SubjectRulesReviewStatus', 'The rules a user holds in a namespace.', {
    resourceRules: f(1, t.array(local('ResourceRule')), 'Allowed actions on resources.', {
      listType: 'atomic',
      required: true,
    }),
    nonResourceRules: f(2, t.array(local('NonResourceRule')), 'Allowed actions on non-resource URLs.', {
      listType: 'atomic',
      required: true,
    }),
    incomplete: f(
      3,
      t.boolean,
      'True when the list may be missing rules, for example with external authorizers.',
      { required: true },
    ),
    evaluationError: f(4, t.string, 'Problem met while collecting the rules, if any.'),
  }),

  type('io.k8s.api.authorization.v1.ResourceRule', 'Actions a user may perform on resources.', {
    verbs: f(1, t.array(t.string), 'Allowed verbs; "*" means all.', { listType: 'atomic', required: true }),
    apiGroups: f(2, t.array(t.string), 'API groups of the resources; "*" means all.', { listType: 'atomic' }),
    resources: f(3, t.array(t.string), 'Resources covered; "*" means all.', { listType: 'atomic' }),
    resourceNames: f(4, t.array(t.string), 'Object names the rule is limited to; empty means all.', {
      listType: 'atomic',
    }),
  }),

  type('io.k8s.api.authorization.v1.NonResourceRule', 'Actions a user may perform on non-resource URLs.', {
    verbs: f(1, t.array(t.string), 'Allowed verbs; "*" means all.', { listType: 'atomic', required: true }),
    nonResourceURLs: f(2, t.array(t.string), 'URL paths covered; a trailing "*" matches a prefix.', {
      listType: 'atomic',
    }),
  }),
];
