/**
 * @module api/schema/core-v1-pod
 * Schemas of Pod, Binding and PodTemplate and of the pod spec with its scheduling pieces
 * (tolerations, topology spread, DNS, host aliases, gates, resource claims).
 * Field numbers are from core/v1 generated.proto (v1.32); descriptions are our own.
 */
import { coreRef } from './core-v1-ref.js';
import { metaRef } from './meta-v1.js';
import { f, t, type, type TypeSchema } from './model.js';

export const corePodSchemas: TypeSchema[] = [
  type(
    'io.k8s.api.core.v1.Pod',
    'A group of containers that share network and storage and are scheduled together onto one node.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(
        1,
        metaRef('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(2, coreRef('PodSpec'), 'Desired state of the pod.'),
      status: f(3, coreRef('PodStatus'), 'Most recently observed state of the pod; written by the system.'),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'Pod' }] },
  ),
  type(
    'io.k8s.api.core.v1.PodList',
    'A list of Pod objects.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(1, metaRef('ListMeta'), 'List metadata: resource version and continue token.'),
      items: f(2, t.array(coreRef('Pod')), 'The Pod objects in the list.', { required: true }),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'PodList' }] },
  ),
  type(
    'io.k8s.api.core.v1.Binding',
    'Assignment of an object (a pod) to a target such as a node; posted by schedulers.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(
        1,
        metaRef('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      target: f(2, coreRef('ObjectReference'), 'The object to bind to, usually a Node.', { required: true }),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'Binding' }] },
  ),
  type(
    'io.k8s.api.core.v1.PodTemplate',
    'A stored pod template that other objects can copy.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(
        1,
        metaRef('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      template: f(
        2,
        coreRef('PodTemplateSpec'),
        'The pod template: metadata and spec for pods made from it.',
      ),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'PodTemplate' }] },
  ),
  type(
    'io.k8s.api.core.v1.PodTemplateList',
    'A list of PodTemplate objects.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(1, metaRef('ListMeta'), 'List metadata: resource version and continue token.'),
      items: f(2, t.array(coreRef('PodTemplate')), 'The PodTemplate objects in the list.', {
        required: true,
      }),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'PodTemplateList' }] },
  ),
  type('io.k8s.api.core.v1.PodTemplateSpec', 'Metadata and spec used to create new pods.', {
    metadata: f(1, metaRef('ObjectMeta'), 'Metadata given to each pod created from the template.'),
    spec: f(2, coreRef('PodSpec'), 'Spec given to each pod created from the template.'),
  }),
  type(
    'io.k8s.api.core.v1.PodSpec',
    'Desired state of a pod: its containers, volumes and scheduling constraints.',
    {
      volumes: f(1, t.array(coreRef('Volume')), "Volumes that the pod's containers can mount.", {
        mergeKey: 'name',
        patchStrategy: 'merge,retainKeys',
        listType: 'map',
        listMapKeys: ['name'],
      }),
      initContainers: f(
        20,
        t.array(coreRef('Container')),
        'Containers run one after another, each to completion, before the app containers start.',
        { mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] },
      ),
      containers: f(
        2,
        t.array(coreRef('Container')),
        'The application containers of the pod; at least one is required.',
        { mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'], required: true },
      ),
      ephemeralContainers: f(
        34,
        t.array(coreRef('EphemeralContainer')),
        'Debugging containers added to a running pod through the ephemeralcontainers subresource.',
        { mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] },
      ),
      restartPolicy: f(
        3,
        t.string,
        'When containers are restarted after they exit: Always, OnFailure or Never.',
        { enum: ['Always', 'Never', 'OnFailure'] },
      ),
      terminationGracePeriodSeconds: f(
        4,
        t.int64,
        'Seconds between the stop signal and a forced kill when the pod is deleted.',
      ),
      activeDeadlineSeconds: f(
        5,
        t.int64,
        'Seconds the pod may run, counted from its start, before the system fails it.',
      ),
      dnsPolicy: f(
        6,
        t.string,
        "How the pod's DNS resolver is set up: ClusterFirst, ClusterFirstWithHostNet, Default or None.",
        { enum: ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'] },
      ),
      nodeSelector: f(7, t.map(t.string), 'Node labels a node must have for the pod to be placed there.', {
        mapType: 'atomic',
      }),
      serviceAccountName: f(8, t.string, 'Service account whose identity the pod runs with.'),
      serviceAccount: f(9, t.string, 'Deprecated alias of serviceAccountName.'),
      automountServiceAccountToken: f(
        21,
        t.boolean,
        'Whether a service account token is mounted into the pod automatically.',
      ),
      nodeName: f(
        10,
        t.string,
        'Node the pod is bound to; set by the scheduler or directly to bypass scheduling.',
      ),
      hostNetwork: f(11, t.boolean, "Use the node's network namespace instead of a pod network."),
      hostPID: f(12, t.boolean, "Use the node's process ID namespace."),
      hostIPC: f(13, t.boolean, "Use the node's IPC namespace."),
      shareProcessNamespace: f(
        27,
        t.boolean,
        'Run all containers of the pod in one shared process namespace.',
      ),
      securityContext: f(
        14,
        coreRef('PodSecurityContext'),
        'Pod-wide security settings and defaults for its containers.',
      ),
      imagePullSecrets: f(
        15,
        t.array(coreRef('LocalObjectReference')),
        "Secrets holding registry credentials for pulling the pod's images.",
        { mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] },
      ),
      hostname: f(16, t.string, 'Host name of the pod; defaults to a value derived from the pod name.'),
      subdomain: f(17, t.string, 'Subdomain that, with hostname, gives the pod a fully qualified DNS name.'),
      affinity: f(18, coreRef('Affinity'), 'Node and inter-pod affinity rules for scheduling.'),
      schedulerName: f(19, t.string, 'Scheduler that places this pod; the default scheduler when empty.'),
      tolerations: f(22, t.array(coreRef('Toleration')), 'Taints that the pod tolerates.', {
        listType: 'atomic',
      }),
      hostAliases: f(23, t.array(coreRef('HostAlias')), "Extra entries written to the pod's hosts file.", {
        mergeKey: 'ip',
        patchStrategy: 'merge',
        listType: 'map',
        listMapKeys: ['ip'],
      }),
      priorityClassName: f(24, t.string, "Name of the PriorityClass that sets the pod's priority."),
      priority: f(25, t.int32, 'Scheduling priority resolved from priorityClassName by admission.'),
      dnsConfig: f(26, coreRef('PodDNSConfig'), 'Extra DNS settings merged into those made from dnsPolicy.'),
      readinessGates: f(
        28,
        t.array(coreRef('PodReadinessGate')),
        'Additional conditions that must be true for the pod to be ready.',
        { listType: 'atomic' },
      ),
      runtimeClassName: f(29, t.string, 'RuntimeClass used to run the pod.'),
      enableServiceLinks: f(
        30,
        t.boolean,
        'Whether service information is injected into containers as environment variables.',
      ),
      preemptionPolicy: f(
        31,
        t.string,
        'Whether the pod may preempt lower-priority pods: PreemptLowerPriority or Never.',
        { enum: ['Never', 'PreemptLowerPriority'] },
      ),
      overhead: f(
        32,
        t.map(t.quantity),
        "Resources consumed by the pod sandbox on top of the containers' requests.",
      ),
      topologySpreadConstraints: f(
        33,
        t.array(coreRef('TopologySpreadConstraint')),
        'Rules for spreading matching pods across topology domains.',
        {
          mergeKey: 'topologyKey',
          patchStrategy: 'merge',
          listType: 'map',
          listMapKeys: ['topologyKey', 'whenUnsatisfiable'],
        },
      ),
      setHostnameAsFQDN: f(
        35,
        t.boolean,
        "Set the kernel host name to the pod's fully qualified domain name.",
      ),
      os: f(36, coreRef('PodOS'), "Operating system the pod's containers need."),
      hostUsers: f(37, t.boolean, 'Whether to use the host user namespace; false gives the pod its own.'),
      schedulingGates: f(
        38,
        t.array(coreRef('PodSchedulingGate')),
        'Gates that hold the pod back from scheduling while any remain.',
        { mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] },
      ),
      resourceClaims: f(
        39,
        t.array(coreRef('PodResourceClaim')),
        "Dynamic resource claims the pod's containers may use.",
        { mergeKey: 'name', patchStrategy: 'merge,retainKeys', listType: 'map', listMapKeys: ['name'] },
      ),
      resources: f(40, coreRef('ResourceRequirements'), 'Pod-level total resource requests and limits.'),
    },
  ),
  type('io.k8s.api.core.v1.PodReadinessGate', 'An extra condition that gates pod readiness.', {
    conditionType: f(1, t.string, 'Pod condition type that must be True for the pod to be ready.', {
      required: true,
    }),
  }),
  type('io.k8s.api.core.v1.PodOS', 'Operating system a pod targets.', {
    name: f(1, t.string, 'Operating system name: linux or windows.', { required: true }),
  }),
  type('io.k8s.api.core.v1.PodSchedulingGate', 'A gate that blocks scheduling of a pod until removed.', {
    name: f(1, t.string, 'Name of the gate; unique within the pod.', { required: true }),
  }),
  type(
    'io.k8s.api.core.v1.PodResourceClaim',
    'Reference from a pod to a ResourceClaim, direct or made from a template.',
    {
      name: f(1, t.string, 'Name of this entry, used by containers to refer to it.', { required: true }),
      resourceClaimName: f(3, t.string, "Name of an existing ResourceClaim in the pod's namespace."),
      resourceClaimTemplateName: f(
        4,
        t.string,
        'Name of a ResourceClaimTemplate from which a claim is made for this pod.',
      ),
    },
  ),
  type('io.k8s.api.core.v1.HostAlias', 'An extra hosts-file entry for a pod.', {
    ip: f(1, t.string, 'IP address of the entry.', { required: true }),
    hostnames: f(2, t.array(t.string), 'Host names that resolve to the IP address.', { listType: 'atomic' }),
  }),
  type('io.k8s.api.core.v1.PodDNSConfig', 'DNS settings for a pod beyond its DNS policy.', {
    nameservers: f(1, t.array(t.string), 'Name server addresses added to the resolver configuration.', {
      listType: 'atomic',
    }),
    searches: f(2, t.array(t.string), 'Search domains added to the resolver configuration.', {
      listType: 'atomic',
    }),
    options: f(
      3,
      t.array(coreRef('PodDNSConfigOption')),
      'Resolver options; later entries override earlier ones.',
      { listType: 'atomic' },
    ),
  }),
  type('io.k8s.api.core.v1.PodDNSConfigOption', 'One resolver option.', {
    name: f(1, t.string, 'Option name.'),
    value: f(2, t.string, 'Option value, if any.'),
  }),
  type('io.k8s.api.core.v1.Toleration', 'Permission for a pod to run on nodes carrying a matching taint.', {
    key: f(1, t.string, 'Taint key the toleration matches; empty with operator Exists matches all keys.'),
    operator: f(2, t.string, 'How key and value are compared: Exists or Equal.', {
      enum: ['Equal', 'Exists'],
    }),
    value: f(3, t.string, 'Taint value to match when the operator is Equal.'),
    effect: f(4, t.string, 'Taint effect to match; empty matches all effects.', {
      enum: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'],
    }),
    tolerationSeconds: f(
      5,
      t.int64,
      'For NoExecute taints, how long the pod stays bound after the taint appears.',
    ),
  }),
  type(
    'io.k8s.api.core.v1.TopologySpreadConstraint',
    'Rule for spreading matching pods evenly over a topology.',
    {
      maxSkew: f(1, t.int32, 'Largest allowed difference in matching pod counts between domains.', {
        required: true,
      }),
      topologyKey: f(2, t.string, 'Node label whose values define the topology domains.', { required: true }),
      whenUnsatisfiable: f(
        3,
        t.string,
        'What to do when the rule cannot be met: DoNotSchedule or ScheduleAnyway.',
        { enum: ['DoNotSchedule', 'ScheduleAnyway'], required: true },
      ),
      labelSelector: f(4, metaRef('LabelSelector'), 'Selects the pods counted in each domain.'),
      minDomains: f(5, t.int32, 'Minimum number of eligible domains to assume when computing skew.'),
      nodeAffinityPolicy: f(
        6,
        t.string,
        'Whether node affinity and selectors limit the domains counted: Honor or Ignore.',
        { enum: ['Honor', 'Ignore'] },
      ),
      nodeTaintsPolicy: f(7, t.string, 'Whether node taints limit the domains counted: Honor or Ignore.', {
        enum: ['Honor', 'Ignore'],
      }),
      matchLabelKeys: f(
        8,
        t.array(t.string),
        'Pod label keys whose values are added to the selector when spreading.',
        { listType: 'atomic' },
      ),
    },
  ),
];
