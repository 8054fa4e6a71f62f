/**
 * @module api/schema/rbac-v1
 * Type schemas for rbac.authorization.k8s.io/v1: roles, cluster roles and their bindings.
 * Field names, proto numbers and patch tags follow upstream k8s.io/api v0.32; the words are ours.
 */
import { f, t, type, type FieldType, type TypeSchema } from './model.js';

const meta = (n: string): FieldType => t.ref(`io.k8s.apimachinery.pkg.apis.meta.v1.${n}`);
const local = (n: string): FieldType => t.ref(`io.k8s.api.rbac.v1.${n}`);

export const rbacV1Schemas: TypeSchema[] = [
  type('io.k8s.api.rbac.v1.PolicyRule', 'One permission: verbs allowed on resources or non-resource URLs.', {
    verbs: f(1, t.array(t.string), 'Actions allowed; "*" allows all.', {
      listType: 'atomic',
      required: true,
    }),
    apiGroups: f(2, t.array(t.string), 'API groups of the resources; "" is the core group.', {
      listType: 'atomic',
    }),
    resources: f(3, t.array(t.string), 'Resource names the rule covers; "*" covers all.', {
      listType: 'atomic',
    }),
    resourceNames: f(4, t.array(t.string), 'Optional list of object names the rule is limited to.', {
      listType: 'atomic',
    }),
    nonResourceURLs: f(
      5,
      t.array(t.string),
      'URL paths (not resources) the rule covers; only for cluster roles.',
      { listType: 'atomic' },
    ),
  }),

  type(
    'io.k8s.api.rbac.v1.Subject',
    'A user, group or service account that a binding grants a role to.',
    {
      kind: f(1, t.string, 'User, Group or ServiceAccount.', { required: true }),
      apiGroup: f(
        2,
        t.string,
        'API group of the subject kind; rbac.authorization.k8s.io for users and groups.',
      ),
      name: f(3, t.string, 'Name of the subject.', { required: true }),
      namespace: f(4, t.string, 'Namespace of a ServiceAccount subject.'),
    },
    { structType: 'atomic' },
  ),

  type(
    'io.k8s.api.rbac.v1.RoleRef',
    'Points at the Role or ClusterRole a binding grants.',
    {
      apiGroup: f(1, t.string, 'API group of the referenced role.', { required: true }),
      kind: f(2, t.string, 'Role or ClusterRole.', { required: true }),
      name: f(3, t.string, 'Name of the referenced role.', { required: true }),
    },
    { structType: 'atomic' },
  ),

  type(
    'io.k8s.api.rbac.v1.Role',
    'A namespaced set of permissions.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        meta('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      rules: f(2, t.array(local('PolicyRule')), 'Permissions granted by this role.', { listType: 'atomic' }),
    },
    { gvk: [{ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role' }] },
  ),

  type(
    'io.k8s.api.rbac.v1.RoleBinding',
    'Grants a role to subjects within one namespace.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        meta('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      subjects: f(2, t.array(local('Subject')), 'Who receives the role.', { listType: 'atomic' }),
      roleRef: f(3, local('RoleRef'), 'The role granted; cannot change once set.', { required: true }),
    },
    { gvk: [{ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding' }] },
  ),

  type(
    'io.k8s.api.rbac.v1.RoleBindingList',
    'A list of RoleBinding objects.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(1, meta('ListMeta'), 'List metadata, including the resourceVersion the list was read at.'),
      items: f(2, t.array(local('RoleBinding')), 'The RoleBinding objects.', { required: true }),
    },
    { gvk: [{ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBindingList' }] },
  ),

  type(
    'io.k8s.api.rbac.v1.RoleList',
    'A list of Role objects.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(1, meta('ListMeta'), 'List metadata, including the resourceVersion the list was read at.'),
      items: f(2, t.array(local('Role')), 'The Role objects.', { required: true }),
    },
    { gvk: [{ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleList' }] },
  ),

  type(
    'io.k8s.api.rbac.v1.ClusterRole',
    'A cluster-wide set of permissions.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        meta('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      rules: f(2, t.array(local('PolicyRule')), 'Permissions granted by this cluster role.', {
        listType: 'atomic',
      }),
      aggregationRule: f(
        3,
        local('AggregationRule'),
        'When set, rules are filled in from other cluster roles chosen by label.',
      ),
    },
    { gvk: [{ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole' }] },
  ),

  type('io.k8s.api.rbac.v1.AggregationRule', 'How a ClusterRole collects rules from other ClusterRoles.', {
    clusterRoleSelectors: f(
      1,
      t.array(meta('LabelSelector')),
      'Label selectors; rules of every matching cluster role are merged in.',
      { listType: 'atomic' },
    ),
  }),

  type(
    'io.k8s.api.rbac.v1.ClusterRoleBinding',
    'Grants a cluster role to subjects across the whole cluster.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        meta('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      subjects: f(2, t.array(local('Subject')), 'Who receives the role.', { listType: 'atomic' }),
      roleRef: f(3, local('RoleRef'), 'The cluster role granted; cannot change once set.', {
        required: true,
      }),
    },
    { gvk: [{ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRoleBinding' }] },
  ),

  type(
    'io.k8s.api.rbac.v1.ClusterRoleBindingList',
    'A list of ClusterRoleBinding objects.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(1, meta('ListMeta'), 'List metadata, including the resourceVersion the list was read at.'),
      items: f(2, t.array(local('ClusterRoleBinding')), 'The ClusterRoleBinding objects.', {
        required: true,
      }),
    },
    { gvk: [{ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRoleBindingList' }] },
  ),

  type(
    'io.k8s.api.rbac.v1.ClusterRoleList',
    'A list of ClusterRole objects.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(1, meta('ListMeta'), 'List metadata, including the resourceVersion the list was read at.'),
      items: f(2, t.array(local('ClusterRole')), 'The ClusterRole objects.', { required: true }),
    },
    { gvk: [{ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRoleList' }] },
  ),
];
