/**
 * @module api/schema/core-v1-container
 * Schemas of Container and EphemeralContainer and their ports, resources, mounts and devices.
 * Field numbers are from core/v1 generated.proto (v1.32); descriptions are our own.
 */
import { coreRef } from './core-v1-ref.js';
import { f, t, type, type TypeSchema } from './model.js';

export const coreContainerSchemas: TypeSchema[] = [
  type('io.k8s.api.core.v1.Container', 'A single container within a pod.', {
    name: f(1, t.string, 'Name of the container, unique within the pod (a DNS label).', { required: true }),
    image: f(2, t.string, 'Container image reference.'),
    command: f(
      3,
      t.array(t.string),
      "Entrypoint array, replacing the image's ENTRYPOINT; $(VAR) references are expanded.",
      { listType: 'atomic' },
    ),
    args: f(
      4,
      t.array(t.string),
      "Arguments to the entrypoint, replacing the image's CMD; $(VAR) references are expanded.",
      { listType: 'atomic' },
    ),
    workingDir: f(5, t.string, "Working directory of the container; the image's default when empty."),
    ports: f(
      6,
      t.array(coreRef('ContainerPort')),
      'Ports the container exposes; informational, except for hostPort.',
      {
        mergeKey: 'containerPort',
        patchStrategy: 'merge',
        listType: 'map',
        listMapKeys: ['containerPort', 'protocol'],
      },
    ),
    envFrom: f(
      19,
      t.array(coreRef('EnvFromSource')),
      'Sources whose keys all become environment variables.',
      { listType: 'atomic' },
    ),
    env: f(7, t.array(coreRef('EnvVar')), 'Environment variables set in the container.', {
      mergeKey: 'name',
      patchStrategy: 'merge',
      listType: 'map',
      listMapKeys: ['name'],
    }),
    resources: f(
      8,
      coreRef('ResourceRequirements'),
      'Compute resources the container requests and is limited to.',
    ),
    resizePolicy: f(
      23,
      t.array(coreRef('ContainerResizePolicy')),
      'How each resource may be resized in place.',
      { listType: 'atomic' },
    ),
    restartPolicy: f(
      24,
      t.string,
      'Restart behaviour of an individual init container; Always makes it a sidecar.',
    ),
    volumeMounts: f(9, t.array(coreRef('VolumeMount')), "Volumes mounted into the container's file system.", {
      mergeKey: 'mountPath',
      patchStrategy: 'merge',
      listType: 'map',
      listMapKeys: ['mountPath'],
    }),
    volumeDevices: f(21, t.array(coreRef('VolumeDevice')), 'Block devices made available to the container.', {
      mergeKey: 'devicePath',
      patchStrategy: 'merge',
      listType: 'map',
      listMapKeys: ['devicePath'],
    }),
    livenessProbe: f(10, coreRef('Probe'), 'Check that restarts the container when it fails.'),
    readinessProbe: f(
      11,
      coreRef('Probe'),
      'Check that removes the pod from service endpoints when it fails.',
    ),
    startupProbe: f(22, coreRef('Probe'), 'Check that must succeed before the other probes run.'),
    lifecycle: f(12, coreRef('Lifecycle'), 'Actions run right after start and just before stop.'),
    terminationMessagePath: f(13, t.string, 'File whose content becomes the termination message.'),
    terminationMessagePolicy: f(
      20,
      t.string,
      'Where the termination message comes from: File or FallbackToLogsOnError.',
      { enum: ['FallbackToLogsOnError', 'File'] },
    ),
    imagePullPolicy: f(14, t.string, 'When the image is pulled: Always, Never or IfNotPresent.', {
      enum: ['Always', 'IfNotPresent', 'Never'],
    }),
    securityContext: f(
      15,
      coreRef('SecurityContext'),
      'Security settings for the container, overriding pod-level ones.',
    ),
    stdin: f(16, t.boolean, 'Keep a stdin buffer open for the container.'),
    stdinOnce: f(17, t.boolean, 'Close stdin after the first attach session ends.'),
    tty: f(18, t.boolean, 'Allocate a terminal for the container.'),
  }),
  type(
    'io.k8s.api.core.v1.EphemeralContainer',
    'A temporary container added to a running pod for debugging.',
    {
      ephemeralContainerCommon: f(
        1,
        coreRef('EphemeralContainerCommon'),
        'Fields of EphemeralContainerCommon, inlined into this object in JSON.',
        { inline: true },
      ),
      targetContainerName: f(2, t.string, 'Container whose process namespace the ephemeral container joins.'),
    },
  ),
  type(
    'io.k8s.api.core.v1.EphemeralContainerCommon',
    'Container fields that ephemeral containers share with regular ones.',
    {
      name: f(1, t.string, 'Name of the container, unique within the pod (a DNS label).', { required: true }),
      image: f(2, t.string, 'Container image reference.'),
      command: f(
        3,
        t.array(t.string),
        "Entrypoint array, replacing the image's ENTRYPOINT; $(VAR) references are expanded.",
        { listType: 'atomic' },
      ),
      args: f(
        4,
        t.array(t.string),
        "Arguments to the entrypoint, replacing the image's CMD; $(VAR) references are expanded.",
        { listType: 'atomic' },
      ),
      workingDir: f(5, t.string, "Working directory of the container; the image's default when empty."),
      ports: f(
        6,
        t.array(coreRef('ContainerPort')),
        'Ports the container exposes; informational, except for hostPort.',
        {
          mergeKey: 'containerPort',
          patchStrategy: 'merge',
          listType: 'map',
          listMapKeys: ['containerPort', 'protocol'],
        },
      ),
      envFrom: f(
        19,
        t.array(coreRef('EnvFromSource')),
        'Sources whose keys all become environment variables.',
        { listType: 'atomic' },
      ),
      env: f(7, t.array(coreRef('EnvVar')), 'Environment variables set in the container.', {
        mergeKey: 'name',
        patchStrategy: 'merge',
        listType: 'map',
        listMapKeys: ['name'],
      }),
      resources: f(
        8,
        coreRef('ResourceRequirements'),
        'Compute resources the container requests and is limited to.',
      ),
      resizePolicy: f(
        23,
        t.array(coreRef('ContainerResizePolicy')),
        'How each resource may be resized in place.',
        { listType: 'atomic' },
      ),
      restartPolicy: f(
        24,
        t.string,
        'Restart behaviour of an individual init container; Always makes it a sidecar.',
      ),
      volumeMounts: f(
        9,
        t.array(coreRef('VolumeMount')),
        "Volumes mounted into the container's file system.",
        { mergeKey: 'mountPath', patchStrategy: 'merge', listType: 'map', listMapKeys: ['mountPath'] },
      ),
      volumeDevices: f(
        21,
        t.array(coreRef('VolumeDevice')),
        'Block devices made available to the container.',
        { mergeKey: 'devicePath', patchStrategy: 'merge', listType: 'map', listMapKeys: ['devicePath'] },
      ),
      livenessProbe: f(10, coreRef('Probe'), 'Check that restarts the container when it fails.'),
      readinessProbe: f(
        11,
        coreRef('Probe'),
        'Check that removes the pod from service endpoints when it fails.',
      ),
      startupProbe: f(22, coreRef('Probe'), 'Check that must succeed before the other probes run.'),
      lifecycle: f(12, coreRef('Lifecycle'), 'Actions run right after start and just before stop.'),
      terminationMessagePath: f(13, t.string, 'File whose content becomes the termination message.'),
      terminationMessagePolicy: f(
        20,
        t.string,
        'Where the termination message comes from: File or FallbackToLogsOnError.',
        { enum: ['FallbackToLogsOnError', 'File'] },
      ),
      imagePullPolicy: f(14, t.string, 'When the image is pulled: Always, Never or IfNotPresent.', {
        enum: ['Always', 'IfNotPresent', 'Never'],
      }),
      securityContext: f(
        15,
        coreRef('SecurityContext'),
        'Security settings for the container, overriding pod-level ones.',
      ),
      stdin: f(16, t.boolean, 'Keep a stdin buffer open for the container.'),
      stdinOnce: f(17, t.boolean, 'Close stdin after the first attach session ends.'),
      tty: f(18, t.boolean, 'Allocate a terminal for the container.'),
    },
  ),
  type('io.k8s.api.core.v1.ContainerPort', 'A network port of a container.', {
    name: f(1, t.string, 'Named port, an IANA service name unique within the pod.'),
    hostPort: f(2, t.int32, 'Node port mapped to the container port, if any.'),
    containerPort: f(3, t.int32, "Port number on the pod's IP address.", { required: true }),
    protocol: f(4, t.string, 'Protocol of the port: TCP, UDP or SCTP.', {
      enum: ['SCTP', 'TCP', 'UDP'],
      default: 'TCP',
    }),
    hostIP: f(5, t.string, 'Node IP address the host port binds to.'),
  }),
  type('io.k8s.api.core.v1.ResourceRequirements', 'Compute resources requested and allowed.', {
    limits: f(1, t.map(t.quantity), 'Maximum amount of each resource allowed.'),
    requests: f(2, t.map(t.quantity), 'Minimum amount of each resource needed; used for scheduling.'),
    claims: f(
      3,
      t.array(coreRef('ResourceClaim')),
      'Dynamic resource claims, by pod claim name, that this container uses.',
      { listType: 'map', listMapKeys: ['name'] },
    ),
  }),
  type('io.k8s.api.core.v1.ResourceClaim', "Reference to one of the pod's resource claims.", {
    name: f(1, t.string, "Name of an entry in the pod's resourceClaims.", { required: true }),
    request: f(2, t.string, 'Name of a single request inside the claim, or empty for the whole claim.'),
  }),
  type('io.k8s.api.core.v1.ContainerResizePolicy', 'Resize rule for one resource of a container.', {
    resourceName: f(1, t.string, 'Resource the rule applies to: cpu or memory.', { required: true }),
    restartPolicy: f(
      2,
      t.string,
      'Whether resizing restarts the container: NotRequired or RestartContainer.',
      { required: true },
    ),
  }),
  type('io.k8s.api.core.v1.VolumeMount', 'Mount of a volume inside a container.', {
    name: f(1, t.string, "Name of the volume, as listed in the pod's volumes.", { required: true }),
    readOnly: f(2, t.boolean, 'Mount read-only.'),
    recursiveReadOnly: f(
      7,
      t.string,
      'Whether read-only also applies to submounts: Disabled, IfPossible or Enabled.',
    ),
    mountPath: f(3, t.string, 'Path inside the container where the volume is mounted.', { required: true }),
    subPath: f(4, t.string, 'Path within the volume to mount instead of its root.'),
    mountPropagation: f(
      5,
      t.string,
      'How mounts propagate between host and container: None, HostToContainer or Bidirectional.',
      { enum: ['Bidirectional', 'HostToContainer', 'None'] },
    ),
    subPathExpr: f(6, t.string, 'Like subPath, but $(VAR) references to environment variables are expanded.'),
  }),
  type('io.k8s.api.core.v1.VolumeDevice', 'Mapping of a raw block volume into a container.', {
    name: f(1, t.string, 'Name of a persistentVolumeClaim volume of the pod.', { required: true }),
    devicePath: f(2, t.string, 'Path inside the container where the device appears.', { required: true }),
  }),
];
