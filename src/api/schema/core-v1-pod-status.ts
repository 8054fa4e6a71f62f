/**
 * @module api/schema/core-v1-pod-status
 * Schemas of the pod status: conditions, IPs and the status of each container.
 * Field numbers are from core/v1 generated.proto (v1.32); descriptions are our own.
 */
import { coreRef } from './core-v1-ref.js';
import { f, t, type, type TypeSchema } from './model.js';

export const corePodStatusSchemas: TypeSchema[] = [
  type('io.k8s.api.core.v1.PodStatus', 'Observed state of a pod.', {
    phase: f(1, t.string, 'High-level lifecycle phase: Pending, Running, Succeeded, Failed or Unknown.', {
      enum: ['Failed', 'Pending', 'Running', 'Succeeded', 'Unknown'],
    }),
    conditions: f(
      2,
      t.array(coreRef('PodCondition')),
      'Current conditions of the pod, such as Ready and PodScheduled.',
      { mergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'] },
    ),
    message: f(3, t.string, 'Human-readable note on why the pod is in this state.'),
    reason: f(4, t.string, "Short CamelCase reason for the pod's state, such as Evicted."),
    nominatedNodeName: f(11, t.string, 'Node where preemption made room for this pod, before it is bound.'),
    hostIP: f(5, t.string, 'Primary IP address of the node running the pod.'),
    hostIPs: f(
      16,
      t.array(coreRef('HostIP')),
      'All IP addresses of the node running the pod; the first matches hostIP.',
      { mergeKey: 'ip', patchStrategy: 'merge', listType: 'atomic' },
    ),
    podIP: f(6, t.string, 'Primary IP address given to the pod.'),
    podIPs: f(
      12,
      t.array(coreRef('PodIP')),
      'All IP addresses given to the pod, one per address family; the first matches podIP.',
      { mergeKey: 'ip', patchStrategy: 'merge', listType: 'map', listMapKeys: ['ip'] },
    ),
    startTime: f(7, t.time, 'When the kubelet accepted the pod, before images were pulled.'),
    initContainerStatuses: f(10, t.array(coreRef('ContainerStatus')), 'Status of each init container.', {
      listType: 'atomic',
    }),
    containerStatuses: f(8, t.array(coreRef('ContainerStatus')), 'Status of each application container.', {
      listType: 'atomic',
    }),
    qosClass: f(9, t.string, 'Quality of service class derived from the resource requests and limits.', {
      enum: ['BestEffort', 'Burstable', 'Guaranteed'],
    }),
    ephemeralContainerStatuses: f(
      13,
      t.array(coreRef('ContainerStatus')),
      'Status of each ephemeral container.',
      { listType: 'atomic' },
    ),
    resize: f(14, t.string, 'Progress of an in-place resource resize.'),
    resourceClaimStatuses: f(
      15,
      t.array(coreRef('PodResourceClaimStatus')),
      "Names of the ResourceClaims created for the pod's claim templates.",
      { mergeKey: 'name', patchStrategy: 'merge,retainKeys', listType: 'map', listMapKeys: ['name'] },
    ),
  }),
  type('io.k8s.api.core.v1.PodCondition', 'One condition of a pod.', {
    type: f(1, t.string, 'Name of the condition, such as Ready.', { required: true }),
    status: f(2, t.string, 'Whether the condition holds: True, False or Unknown.', { required: true }),
    lastProbeTime: f(3, t.time, 'When the condition was last checked.'),
    lastTransitionTime: f(4, t.time, 'When the status last changed.'),
    reason: f(5, t.string, 'CamelCase reason for the last change.'),
    message: f(6, t.string, 'Human-readable detail about the last change.'),
  }),
  type('io.k8s.api.core.v1.HostIP', 'One IP address of the node running a pod.', {
    ip: f(1, t.string, 'The IP address.', { required: true }),
  }),
  type('io.k8s.api.core.v1.PodIP', 'One IP address of a pod.', {
    ip: f(1, t.string, 'The IP address.', { required: true }),
  }),
  type(
    'io.k8s.api.core.v1.PodResourceClaimStatus',
    "The ResourceClaim made for one of the pod's claim entries.",
    {
      name: f(1, t.string, "Name of the pod's claim entry.", { required: true }),
      resourceClaimName: f(
        2,
        t.string,
        'Name of the generated ResourceClaim, or empty when none was needed.',
      ),
    },
  ),
  type('io.k8s.api.core.v1.ContainerStatus', 'Observed state of one container in a pod.', {
    name: f(1, t.string, 'Name of the container, as in the pod spec.', { required: true }),
    state: f(2, coreRef('ContainerState'), 'Current state of the container.'),
    lastState: f(
      3,
      coreRef('ContainerState'),
      'State of the previous run of the container, if it restarted.',
    ),
    ready: f(4, t.boolean, 'Whether the container passes its readiness probe.', { required: true }),
    restartCount: f(5, t.int32, 'Number of times the container has been restarted.', { required: true }),
    image: f(6, t.string, 'Image the container runs.', { required: true }),
    imageID: f(7, t.string, 'Resolved ID of the image the container runs.', { required: true }),
    containerID: f(8, t.string, 'Runtime-specific container ID, as runtime://id.'),
    started: f(9, t.boolean, 'Whether the container passed its startup probe.'),
    allocatedResources: f(10, t.map(t.quantity), 'Resources the node allocated to the container.'),
    resources: f(
      11,
      coreRef('ResourceRequirements'),
      'Resources currently applied to the running container.',
    ),
    volumeMounts: f(12, t.array(coreRef('VolumeMountStatus')), "Status of the container's volume mounts.", {
      mergeKey: 'mountPath',
      patchStrategy: 'merge',
      listType: 'map',
      listMapKeys: ['mountPath'],
    }),
    user: f(13, coreRef('ContainerUser'), "Identity the container's first process runs as."),
    allocatedResourcesStatus: f(
      14,
      t.array(coreRef('ResourceStatus')),
      'Health of the devices allocated to the container.',
      { mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] },
    ),
  }),
  type('io.k8s.api.core.v1.ContainerState', 'State of a container; exactly one member is set.', {
    waiting: f(1, coreRef('ContainerStateWaiting'), 'Details when the container is waiting to run.'),
    running: f(2, coreRef('ContainerStateRunning'), 'Details when the container is running.'),
    terminated: f(3, coreRef('ContainerStateTerminated'), 'Details when the container has stopped.'),
  }),
  type('io.k8s.api.core.v1.ContainerStateWaiting', 'A container that is not yet running.', {
    reason: f(1, t.string, 'Short reason it is waiting, such as ContainerCreating or CrashLoopBackOff.'),
    message: f(2, t.string, 'Human-readable detail on why it is waiting.'),
  }),
  type('io.k8s.api.core.v1.ContainerStateRunning', 'A running container.', {
    startedAt: f(1, t.time, 'When the container last started.'),
  }),
  type('io.k8s.api.core.v1.ContainerStateTerminated', 'A container that has exited.', {
    exitCode: f(1, t.int32, 'Exit status of the last run.', { required: true }),
    signal: f(2, t.int32, 'Signal that ended the last run, if any.'),
    reason: f(3, t.string, 'Short reason it stopped, such as Completed, Error or OOMKilled.'),
    message: f(4, t.string, 'Human-readable detail about the exit.'),
    startedAt: f(5, t.time, 'When the last run started.'),
    finishedAt: f(6, t.time, 'When the last run ended.'),
    containerID: f(7, t.string, 'Runtime-specific ID of the container, as runtime://id.'),
  }),
  type('io.k8s.api.core.v1.ContainerUser', 'Identity a container process runs as, per operating system.', {
    linux: f(1, coreRef('LinuxContainerUser'), 'Linux user and group IDs.'),
  }),
  type('io.k8s.api.core.v1.LinuxContainerUser', "Linux user and group IDs of a container's first process.", {
    uid: f(1, t.int64, 'Primary user ID.', { required: true }),
    gid: f(2, t.int64, 'Primary group ID.', { required: true }),
    supplementalGroups: f(3, t.array(t.int64), 'Supplemental group IDs.', { listType: 'atomic' }),
  }),
  type('io.k8s.api.core.v1.VolumeMountStatus', 'Observed state of one volume mount.', {
    name: f(1, t.string, 'Name of the mounted volume.', { required: true }),
    mountPath: f(2, t.string, 'Path inside the container where the volume is mounted.', { required: true }),
    readOnly: f(3, t.boolean, 'Whether the mount is read-only.'),
    recursiveReadOnly: f(4, t.string, 'Whether read-only applies recursively: Disabled or Enabled.'),
  }),
  type('io.k8s.api.core.v1.ResourceStatus', 'Health of the devices behind one resource of a container.', {
    name: f(1, t.string, 'Name of the resource, such as a claim or extended resource.', { required: true }),
    resources: f(2, t.array(coreRef('ResourceHealth')), 'Health of each device allocated for the resource.', {
      listType: 'map',
      listMapKeys: ['resourceID'],
    }),
  }),
  type('io.k8s.api.core.v1.ResourceHealth', 'Health of one allocated device.', {
    resourceID: f(1, t.string, 'Unique ID of the device.', { required: true }),
    health: f(2, t.string, 'Health of the device: Healthy, Unhealthy or Unknown.'),
  }),
];
