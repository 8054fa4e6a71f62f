/**
 * @module api/schema/core-v1-security
 * Schemas of pod and container security contexts and their parts.
 * Field numbers are from core/v1 generated.proto (v1.32); descriptions are our own.
 */
import { coreRef } from './core-v1-ref.js';
import { f, t, type, type TypeSchema } from './model.js';

export const coreSecuritySchemas: TypeSchema[] = [
  type('io.k8s.api.core.v1.SecurityContext', 'Security settings of one container.', {
    capabilities: f(1, coreRef('Capabilities'), 'Linux capabilities to add or drop.'),
    privileged: f(2, t.boolean, 'Run as privileged, equivalent to root on the host.'),
    seLinuxOptions: f(3, coreRef('SELinuxOptions'), 'SELinux context for the container.'),
    windowsOptions: f(10, coreRef('WindowsSecurityContextOptions'), 'Windows-specific security settings.'),
    runAsUser: f(4, t.int64, 'User ID the container process runs as.'),
    runAsGroup: f(8, t.int64, 'Primary group ID of the container process.'),
    runAsNonRoot: f(5, t.boolean, 'Refuse to start the container if it would run as root.'),
    readOnlyRootFilesystem: f(6, t.boolean, "Mount the container's root file system read-only."),
    allowPrivilegeEscalation: f(7, t.boolean, 'Whether a process may gain more privileges than its parent.'),
    procMount: f(9, t.string, 'Kind of /proc mount: Default or Unmasked.', { enum: ['Default', 'Unmasked'] }),
    seccompProfile: f(11, coreRef('SeccompProfile'), 'Seccomp profile for the container.'),
    appArmorProfile: f(12, coreRef('AppArmorProfile'), 'AppArmor profile for the container.'),
  }),
  type('io.k8s.api.core.v1.PodSecurityContext', 'Security settings applied to the whole pod.', {
    seLinuxOptions: f(1, coreRef('SELinuxOptions'), 'SELinux context for all containers.'),
    windowsOptions: f(
      8,
      coreRef('WindowsSecurityContextOptions'),
      'Windows-specific settings for all containers.',
    ),
    runAsUser: f(2, t.int64, 'User ID the container processes run as.'),
    runAsGroup: f(6, t.int64, 'Primary group ID of the container processes.'),
    runAsNonRoot: f(3, t.boolean, 'Refuse to start containers that would run as root.'),
    supplementalGroups: f(
      4,
      t.array(t.int64),
      'Extra group IDs given to the first process of each container.',
      { listType: 'atomic' },
    ),
    supplementalGroupsPolicy: f(12, t.string, 'How supplemental groups are computed: Merge or Strict.', {
      enum: ['Merge', 'Strict'],
    }),
    fsGroup: f(5, t.int64, "Group ID that owns volumes and is added to every container's groups."),
    sysctls: f(7, t.array(coreRef('Sysctl')), 'Namespaced kernel parameters set for the pod.', {
      listType: 'atomic',
    }),
    fsGroupChangePolicy: f(9, t.string, 'When volume ownership is changed: OnRootMismatch or Always.', {
      enum: ['Always', 'OnRootMismatch'],
    }),
    seccompProfile: f(10, coreRef('SeccompProfile'), 'Seccomp profile for all containers.'),
    appArmorProfile: f(11, coreRef('AppArmorProfile'), 'AppArmor profile for all containers.'),
    seLinuxChangePolicy: f(13, t.string, 'How SELinux labels reach volumes: MountOption or Recursive.'),
  }),
  type('io.k8s.api.core.v1.Capabilities', 'Linux capabilities to add or remove.', {
    add: f(1, t.array(t.string), 'Capabilities to add.', { listType: 'atomic' }),
    drop: f(2, t.array(t.string), 'Capabilities to remove.', { listType: 'atomic' }),
  }),
  type('io.k8s.api.core.v1.SELinuxOptions', 'An SELinux context.', {
    user: f(1, t.string, 'SELinux user label.'),
    role: f(2, t.string, 'SELinux role label.'),
    type: f(3, t.string, 'SELinux type label.'),
    level: f(4, t.string, 'SELinux level label.'),
  }),
  type('io.k8s.api.core.v1.WindowsSecurityContextOptions', 'Windows-specific security settings.', {
    gmsaCredentialSpecName: f(1, t.string, 'Name of the GMSA credential spec resource to use.'),
    gmsaCredentialSpec: f(2, t.string, 'Inline GMSA credential spec content.'),
    runAsUserName: f(3, t.string, 'Windows user name the entrypoint runs as.'),
    hostProcess: f(4, t.boolean, 'Run the container as a Windows host process.'),
  }),
  type('io.k8s.api.core.v1.SeccompProfile', 'A seccomp profile choice.', {
    type: f(1, t.string, 'Kind of profile: Localhost, RuntimeDefault or Unconfined.', {
      enum: ['Localhost', 'RuntimeDefault', 'Unconfined'],
      required: true,
    }),
    localhostProfile: f(2, t.string, 'Path of a profile on the node, for type Localhost.'),
  }),
  type('io.k8s.api.core.v1.AppArmorProfile', 'An AppArmor profile choice.', {
    type: f(1, t.string, 'Kind of profile: Localhost, RuntimeDefault or Unconfined.', {
      enum: ['Localhost', 'RuntimeDefault', 'Unconfined'],
      required: true,
    }),
    localhostProfile: f(2, t.string, 'Name of a profile loaded on the node, for type Localhost.'),
  }),
  type('io.k8s.api.core.v1.Sysctl', 'One kernel parameter to set.', {
    name: f(1, t.string, 'Parameter name.', { required: true }),
    value: f(2, t.string, 'Parameter value.', { required: true }),
  }),
];
