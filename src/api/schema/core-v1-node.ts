/**
 * @module api/schema/core-v1-node
 * Schemas of Node, its spec (taints) and its status.
 * Field numbers are from core/v1 generated.proto (v1.32); descriptions are our own.
 */
import { coreRef } from './core-v1-ref.js';
import { metaRef } from './meta-v1.js';
import { f, t, type, type TypeSchema } from './model.js';

export const coreNodeSchemas: TypeSchema[] = [
  type(
    'io.k8s.api.core.v1.Node',
    'A worker machine of the cluster.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(
        1,
        metaRef('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(2, coreRef('NodeSpec'), 'Desired configuration of the node.'),
      status: f(3, coreRef('NodeStatus'), 'Most recently observed status of the node.'),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'Node' }] },
  ),
  type(
    'io.k8s.api.core.v1.NodeList',
    'A list of Node objects.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(1, metaRef('ListMeta'), 'List metadata: resource version and continue token.'),
      items: f(2, t.array(coreRef('Node')), 'The Node objects in the list.', { required: true }),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'NodeList' }] },
  ),
  type('io.k8s.api.core.v1.NodeSpec', 'Desired configuration of a node.', {
    podCIDR: f(1, t.string, 'Pod IP range assigned to the node.'),
    podCIDRs: f(7, t.array(t.string), 'Pod IP ranges assigned to the node, at most one per address family.', {
      patchStrategy: 'merge',
      listType: 'set',
    }),
    providerID: f(3, t.string, 'Cloud provider ID of the node.'),
    unschedulable: f(4, t.boolean, 'Keep new pods off the node (cordon).'),
    taints: f(5, t.array(coreRef('Taint')), 'Taints that repel pods without a matching toleration.', {
      listType: 'atomic',
    }),
    configSource: f(6, coreRef('NodeConfigSource'), 'Deprecated dynamic kubelet configuration source.'),
    externalID: f(2, t.string, 'Deprecated external ID of the node.'),
  }),
  type('io.k8s.api.core.v1.Taint', 'A mark on a node that repels pods without a matching toleration.', {
    key: f(1, t.string, 'Taint key.', { required: true }),
    value: f(2, t.string, 'Taint value.'),
    effect: f(
      3,
      t.string,
      'Effect on pods that do not tolerate the taint: NoSchedule, PreferNoSchedule or NoExecute.',
      { enum: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'], required: true },
    ),
    timeAdded: f(4, t.time, 'When a NoExecute taint was added.'),
  }),
  type('io.k8s.api.core.v1.NodeConfigSource', 'Deprecated source of dynamic kubelet configuration.', {
    configMap: f(2, coreRef('ConfigMapNodeConfigSource'), 'ConfigMap holding the configuration.'),
  }),
  type(
    'io.k8s.api.core.v1.ConfigMapNodeConfigSource',
    'Deprecated ConfigMap reference for kubelet configuration.',
    {
      namespace: f(1, t.string, 'Namespace of the ConfigMap.', { required: true }),
      name: f(2, t.string, 'Name of the ConfigMap.', { required: true }),
      uid: f(3, t.string, 'UID of the ConfigMap.'),
      resourceVersion: f(4, t.string, 'Resource version of the ConfigMap.'),
      kubeletConfigKey: f(5, t.string, 'Key holding the kubelet configuration.', { required: true }),
    },
  ),
  type('io.k8s.api.core.v1.NodeStatus', 'Observed status of a node.', {
    capacity: f(1, t.map(t.quantity), 'Total resources of the node.'),
    allocatable: f(2, t.map(t.quantity), 'Resources of the node available to pods.'),
    phase: f(3, t.string, 'Deprecated lifecycle phase of the node.', {
      enum: ['Pending', 'Running', 'Terminated'],
    }),
    conditions: f(4, t.array(coreRef('NodeCondition')), 'Current conditions of the node, such as Ready.', {
      mergeKey: 'type',
      patchStrategy: 'merge',
      listType: 'map',
      listMapKeys: ['type'],
    }),
    addresses: f(5, t.array(coreRef('NodeAddress')), 'Addresses at which the node is reachable.', {
      mergeKey: 'type',
      patchStrategy: 'merge',
      listType: 'map',
      listMapKeys: ['type'],
    }),
    daemonEndpoints: f(6, coreRef('NodeDaemonEndpoints'), 'Endpoints of daemons running on the node.'),
    nodeInfo: f(7, coreRef('NodeSystemInfo'), 'Identity and software versions of the node.'),
    images: f(8, t.array(coreRef('ContainerImage')), 'Container images present on the node.', {
      listType: 'atomic',
    }),
    volumesInUse: f(9, t.array(t.string), 'Attachable volumes in use on the node.', { listType: 'atomic' }),
    volumesAttached: f(10, t.array(coreRef('AttachedVolume')), 'Volumes attached to the node.', {
      listType: 'atomic',
    }),
    config: f(11, coreRef('NodeConfigStatus'), 'Deprecated state of dynamic kubelet configuration.'),
    runtimeHandlers: f(
      12,
      t.array(coreRef('NodeRuntimeHandler')),
      'Runtime handlers available on the node.',
      { listType: 'atomic' },
    ),
    features: f(13, coreRef('NodeFeatures'), 'Optional features the node implements.'),
  }),
  type('io.k8s.api.core.v1.NodeCondition', 'One condition of a node.', {
    type: f(1, t.string, 'Name of the condition, such as Ready or MemoryPressure.', { required: true }),
    status: f(2, t.string, 'Whether the condition holds: True, False or Unknown.', { required: true }),
    lastHeartbeatTime: f(3, t.time, 'When the condition was last reported.'),
    lastTransitionTime: f(4, t.time, 'When the status last changed.'),
    reason: f(5, t.string, 'CamelCase reason for the last change.'),
    message: f(6, t.string, 'Human-readable detail about the last change.'),
  }),
  type('io.k8s.api.core.v1.NodeAddress', 'One address of a node.', {
    type: f(1, t.string, 'Kind of address: Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.', {
      required: true,
    }),
    address: f(2, t.string, 'The address.', { required: true }),
  }),
  type('io.k8s.api.core.v1.NodeDaemonEndpoints', 'Ports of daemons running on a node.', {
    kubeletEndpoint: f(1, coreRef('DaemonEndpoint'), 'Port the kubelet listens on.'),
  }),
  type('io.k8s.api.core.v1.DaemonEndpoint', 'Port of a daemon.', {
    Port: f(1, t.int32, 'Port number.', { required: true }),
  }),
  type('io.k8s.api.core.v1.NodeSystemInfo', 'Identity and software versions of a node.', {
    machineID: f(1, t.string, 'Machine ID reported by the node.', { required: true }),
    systemUUID: f(2, t.string, 'System UUID reported by the node.', { required: true }),
    bootID: f(3, t.string, 'ID of the current boot.', { required: true }),
    kernelVersion: f(4, t.string, 'Kernel version.', { required: true }),
    osImage: f(5, t.string, 'Operating system image name.', { required: true }),
    containerRuntimeVersion: f(6, t.string, 'Container runtime name and version, as runtime://version.', {
      required: true,
    }),
    kubeletVersion: f(7, t.string, 'Kubelet version.', { required: true }),
    kubeProxyVersion: f(8, t.string, 'Deprecated kube-proxy version.', { required: true }),
    operatingSystem: f(9, t.string, 'Operating system name.', { required: true }),
    architecture: f(10, t.string, 'CPU architecture.', { required: true }),
  }),
  type('io.k8s.api.core.v1.ContainerImage', 'An image present on a node.', {
    names: f(1, t.array(t.string), 'Names and digests known for the image.', { listType: 'atomic' }),
    sizeBytes: f(2, t.int64, 'Size of the image in bytes.'),
  }),
  type('io.k8s.api.core.v1.AttachedVolume', 'A volume attached to a node.', {
    name: f(1, t.string, 'Unique name of the volume.', { required: true }),
    devicePath: f(2, t.string, 'Device path where the volume is available.', { required: true }),
  }),
  type('io.k8s.api.core.v1.NodeConfigStatus', 'Deprecated state of dynamic kubelet configuration.', {
    assigned: f(1, coreRef('NodeConfigSource'), 'Configuration the node should use.'),
    active: f(2, coreRef('NodeConfigSource'), 'Configuration the node is using.'),
    lastKnownGood: f(3, coreRef('NodeConfigSource'), 'Fallback configuration.'),
    error: f(4, t.string, 'Problem applying the configuration, if any.'),
  }),
  type('io.k8s.api.core.v1.NodeRuntimeHandler', 'A runtime handler available on a node.', {
    name: f(1, t.string, 'Handler name; empty for the default handler.'),
    features: f(2, coreRef('NodeRuntimeHandlerFeatures'), 'Features the handler supports.'),
  }),
  type('io.k8s.api.core.v1.NodeRuntimeHandlerFeatures', 'Features of a runtime handler.', {
    recursiveReadOnlyMounts: f(1, t.boolean, 'Whether recursive read-only mounts are supported.'),
    userNamespaces: f(2, t.boolean, 'Whether user namespaces are supported.'),
  }),
  type('io.k8s.api.core.v1.NodeFeatures', 'Optional features a node implements.', {
    supplementalGroupsPolicy: f(1, t.boolean, 'Whether the node honours supplementalGroupsPolicy.'),
  }),
];
