/**
 * @module api/schema/core-v1-env-probe
 * Schemas of container environment sources, probes and lifecycle hooks with their actions.
 * Field numbers are from core/v1 generated.proto (v1.32); descriptions are our own.
 */
import { coreRef } from './core-v1-ref.js';
import { f, t, type, type TypeSchema } from './model.js';

export const coreEnvProbeSchemas: TypeSchema[] = [
  type('io.k8s.api.core.v1.EnvVar', 'One environment variable of a container.', {
    name: f(1, t.string, 'Name of the variable.', { required: true }),
    value: f(2, t.string, 'Literal value; $(VAR) references to earlier variables are expanded.'),
    valueFrom: f(3, coreRef('EnvVarSource'), 'Source of the value when not given literally.'),
  }),
  type('io.k8s.api.core.v1.EnvVarSource', "Source for an environment variable's value.", {
    fieldRef: f(
      1,
      coreRef('ObjectFieldSelector'),
      'A field of the pod, such as metadata.name or status.podIP.',
    ),
    resourceFieldRef: f(2, coreRef('ResourceFieldSelector'), 'A resource request or limit of a container.'),
    configMapKeyRef: f(3, coreRef('ConfigMapKeySelector'), 'A key of a ConfigMap.'),
    secretKeyRef: f(4, coreRef('SecretKeySelector'), 'A key of a Secret.'),
  }),
  type('io.k8s.api.core.v1.EnvFromSource', 'A source whose keys all become environment variables.', {
    prefix: f(1, t.string, 'Prefix added to each variable name.'),
    configMapRef: f(2, coreRef('ConfigMapEnvSource'), 'ConfigMap to read variables from.'),
    secretRef: f(3, coreRef('SecretEnvSource'), 'Secret to read variables from.'),
  }),
  type('io.k8s.api.core.v1.ConfigMapEnvSource', 'A ConfigMap used as a source of environment variables.', {
    localObjectReference: f(
      1,
      coreRef('LocalObjectReference'),
      'Fields of LocalObjectReference, inlined into this object in JSON.',
      { inline: true },
    ),
    optional: f(2, t.boolean, 'Tolerate a missing ConfigMap.'),
  }),
  type('io.k8s.api.core.v1.SecretEnvSource', 'A Secret used as a source of environment variables.', {
    localObjectReference: f(
      1,
      coreRef('LocalObjectReference'),
      'Fields of LocalObjectReference, inlined into this object in JSON.',
      { inline: true },
    ),
    optional: f(2, t.boolean, 'Tolerate a missing Secret.'),
  }),
  type(
    'io.k8s.api.core.v1.ConfigMapKeySelector',
    'One key of a ConfigMap.',
    {
      localObjectReference: f(
        1,
        coreRef('LocalObjectReference'),
        'Fields of LocalObjectReference, inlined into this object in JSON.',
        { inline: true },
      ),
      key: f(2, t.string, 'The key to read.', { required: true }),
      optional: f(3, t.boolean, 'Tolerate a missing ConfigMap or key.'),
    },
    { structType: 'atomic' },
  ),
  type(
    'io.k8s.api.core.v1.SecretKeySelector',
    'One key of a Secret.',
    {
      localObjectReference: f(
        1,
        coreRef('LocalObjectReference'),
        'Fields of LocalObjectReference, inlined into this object in JSON.',
        { inline: true },
      ),
      key: f(2, t.string, 'The key to read.', { required: true }),
      optional: f(3, t.boolean, 'Tolerate a missing Secret or key.'),
    },
    { structType: 'atomic' },
  ),
  type(
    'io.k8s.api.core.v1.ObjectFieldSelector',
    'A field of an object, addressed by path.',
    {
      apiVersion: f(1, t.string, 'API version the field path is written in; v1 by default.'),
      fieldPath: f(2, t.string, 'Path of the field to select.', { required: true }),
    },
    { structType: 'atomic' },
  ),
  type(
    'io.k8s.api.core.v1.ResourceFieldSelector',
    'A resource request or limit of a container, scaled by a divisor.',
    {
      containerName: f(
        1,
        t.string,
        'Container to read; required for volumes, optional for environment variables.',
      ),
      resource: f(2, t.string, 'Resource to read, such as limits.cpu or requests.memory.', {
        required: true,
      }),
      divisor: f(3, t.quantity, 'Unit the value is divided by; 1 by default.'),
    },
    { structType: 'atomic' },
  ),
  type('io.k8s.api.core.v1.Probe', "Periodic check of a container's health.", {
    handler: f(1, coreRef('ProbeHandler'), 'Fields of ProbeHandler, inlined into this object in JSON.', {
      inline: true,
    }),
    initialDelaySeconds: f(2, t.int32, 'Seconds after the container starts before the first probe.'),
    timeoutSeconds: f(3, t.int32, 'Seconds after which a probe attempt times out.'),
    periodSeconds: f(4, t.int32, 'Seconds between probe attempts.'),
    successThreshold: f(5, t.int32, 'Consecutive successes needed after a failure to count as passing.'),
    failureThreshold: f(6, t.int32, 'Consecutive failures needed to count as failing.'),
    terminationGracePeriodSeconds: f(
      7,
      t.int64,
      'Grace period used when a failing probe kills the container.',
    ),
  }),
  type('io.k8s.api.core.v1.ProbeHandler', 'The action a probe performs; exactly one member is set.', {
    exec: f(1, coreRef('ExecAction'), 'Run a command in the container.'),
    httpGet: f(2, coreRef('HTTPGetAction'), 'Send an HTTP GET request.'),
    tcpSocket: f(3, coreRef('TCPSocketAction'), 'Open a TCP connection.'),
    grpc: f(4, coreRef('GRPCAction'), 'Call the gRPC health checking service.'),
  }),
  type('io.k8s.api.core.v1.Lifecycle', 'Actions run at container start and stop.', {
    postStart: f(1, coreRef('LifecycleHandler'), 'Action run right after the container is created.'),
    preStop: f(2, coreRef('LifecycleHandler'), 'Action run before the container is stopped.'),
  }),
  type('io.k8s.api.core.v1.LifecycleHandler', 'The action of a lifecycle hook; exactly one member is set.', {
    exec: f(1, coreRef('ExecAction'), 'Run a command in the container.'),
    httpGet: f(2, coreRef('HTTPGetAction'), 'Send an HTTP GET request.'),
    tcpSocket: f(3, coreRef('TCPSocketAction'), 'Deprecated TCP check, kept for compatibility.'),
    sleep: f(4, coreRef('SleepAction'), 'Pause for a number of seconds.'),
  }),
  type('io.k8s.api.core.v1.ExecAction', 'A command run inside the container.', {
    command: f(
      1,
      t.array(t.string),
      'Command line to run, not through a shell; exit status 0 means success.',
      { listType: 'atomic' },
    ),
  }),
  type('io.k8s.api.core.v1.HTTPGetAction', 'An HTTP GET request.', {
    path: f(1, t.string, 'Path to request.'),
    port: f(2, t.intOrString, 'Port number or name to connect to.', { required: true }),
    host: f(3, t.string, 'Host to connect to; the pod IP by default.'),
    scheme: f(4, t.string, 'Scheme to use: HTTP or HTTPS.', { enum: ['HTTP', 'HTTPS'] }),
    httpHeaders: f(5, t.array(coreRef('HTTPHeader')), 'Extra headers to send.', { listType: 'atomic' }),
  }),
  type('io.k8s.api.core.v1.HTTPHeader', 'An HTTP header.', {
    name: f(1, t.string, 'Header field name.', { required: true }),
    value: f(2, t.string, 'Header field value.', { required: true }),
  }),
  type('io.k8s.api.core.v1.TCPSocketAction', 'A TCP connection attempt.', {
    port: f(1, t.intOrString, 'Port number or name to connect to.', { required: true }),
    host: f(2, t.string, 'Host to connect to; the pod IP by default.'),
  }),
  type('io.k8s.api.core.v1.GRPCAction', 'A gRPC health check call.', {
    port: f(1, t.int32, 'Port number of the gRPC service.', { required: true }),
    service: f(2, t.string, 'Service name passed in the health check request.', { default: '' }),
  }),
  type('io.k8s.api.core.v1.SleepAction', 'A pause.', {
    seconds: f(1, t.int64, 'Number of seconds to sleep.', { required: true }),
  }),
];
