/**
 * @module api/schema/protobuf-presence
 * Which scalar fields are Go pointers (`*int32`, `*bool`, `*string`, ...) in upstream k8s.io/api and
 * apimachinery v0.32. Go's protobuf writes every non-pointer scalar, even when it holds the zero
 * value, but its JSON drops zero-valued `omitempty` fields. To decode protobuf into the JSON the same
 * object would have had, a zero scalar on the wire is kept only when the field is a pointer (the value
 * was set on purpose: `replicas: 0`, `automountServiceAccountToken: false`) or required (no
 * `omitempty`). The schema model does not record pointer-ness, so the protobuf codec keeps this list.
 */

const POINTER_SCALARS: Record<string, string> = {
  'io.k8s.api.apps.v1.DaemonSetSpec': 'revisionHistoryLimit',
  'io.k8s.api.apps.v1.DaemonSetStatus': 'collisionCount',
  'io.k8s.api.apps.v1.DeploymentSpec': 'replicas revisionHistoryLimit progressDeadlineSeconds',
  'io.k8s.api.apps.v1.DeploymentStatus': 'collisionCount',
  'io.k8s.api.apps.v1.ReplicaSetSpec': 'replicas',
  'io.k8s.api.apps.v1.RollingUpdateStatefulSetStrategy': 'partition',
  'io.k8s.api.apps.v1.StatefulSetSpec': 'replicas revisionHistoryLimit',
  'io.k8s.api.apps.v1.StatefulSetStatus': 'collisionCount',
  'io.k8s.api.autoscaling.v1.ContainerResourceMetricSource': 'targetAverageUtilization',
  'io.k8s.api.autoscaling.v1.ContainerResourceMetricStatus': 'currentAverageUtilization',
  'io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerSpec': 'minReplicas targetCPUUtilizationPercentage',
  'io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerStatus':
    'observedGeneration currentCPUUtilizationPercentage',
  'io.k8s.api.autoscaling.v1.ResourceMetricSource': 'targetAverageUtilization',
  'io.k8s.api.autoscaling.v1.ResourceMetricStatus': 'currentAverageUtilization',
  'io.k8s.api.batch.v1.CronJobSpec':
    'timeZone startingDeadlineSeconds suspend successfulJobsHistoryLimit failedJobsHistoryLimit',
  'io.k8s.api.batch.v1.JobSpec':
    'parallelism completions activeDeadlineSeconds backoffLimit backoffLimitPerIndex maxFailedIndexes manualSelector ttlSecondsAfterFinished completionMode suspend podReplacementPolicy managedBy',
  'io.k8s.api.batch.v1.JobStatus': 'terminating failedIndexes ready',
  'io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement': 'containerName',
  'io.k8s.api.batch.v1.SuccessPolicyRule': 'succeededIndexes succeededCount',
  'io.k8s.api.scheduling.v1.PriorityClass': 'preemptionPolicy',
  'io.k8s.api.coordination.v1.LeaseSpec':
    'holderIdentity leaseDurationSeconds leaseTransitions strategy preferredHolder',
  'io.k8s.api.core.v1.AppArmorProfile': 'localhostProfile',
  'io.k8s.api.core.v1.AzureDiskVolumeSource': 'cachingMode fsType readOnly kind',
  'io.k8s.api.core.v1.AzureFilePersistentVolumeSource': 'secretNamespace',
  'io.k8s.api.core.v1.CSIVolumeSource': 'readOnly fsType',
  'io.k8s.api.core.v1.ClientIPConfig': 'timeoutSeconds',
  'io.k8s.api.core.v1.ClusterTrustBundleProjection': 'name signerName optional',
  'io.k8s.api.core.v1.ConfigMap': 'immutable',
  'io.k8s.api.core.v1.ConfigMapEnvSource': 'optional',
  'io.k8s.api.core.v1.ConfigMapKeySelector': 'optional',
  'io.k8s.api.core.v1.ConfigMapProjection': 'optional',
  'io.k8s.api.core.v1.ConfigMapVolumeSource': 'defaultMode optional',
  'io.k8s.api.core.v1.Container': 'restartPolicy',
  'io.k8s.api.core.v1.ContainerStatus': 'started',
  'io.k8s.api.core.v1.DownwardAPIVolumeFile': 'mode',
  'io.k8s.api.core.v1.DownwardAPIVolumeSource': 'defaultMode',
  'io.k8s.api.core.v1.EndpointAddress': 'nodeName',
  'io.k8s.api.core.v1.EndpointPort': 'appProtocol',
  'io.k8s.api.core.v1.EphemeralContainerCommon': 'restartPolicy',
  'io.k8s.api.core.v1.FCVolumeSource': 'lun',
  'io.k8s.api.core.v1.GRPCAction': 'service',
  'io.k8s.api.core.v1.GlusterfsPersistentVolumeSource': 'endpointsNamespace',
  'io.k8s.api.core.v1.HostPathVolumeSource': 'type',
  'io.k8s.api.core.v1.ISCSIPersistentVolumeSource': 'initiatorName',
  'io.k8s.api.core.v1.ISCSIVolumeSource': 'initiatorName',
  'io.k8s.api.core.v1.KeyToPath': 'mode',
  'io.k8s.api.core.v1.LoadBalancerIngress': 'ipMode',
  'io.k8s.api.core.v1.LocalVolumeSource': 'fsType',
  'io.k8s.api.core.v1.NodeFeatures': 'supplementalGroupsPolicy',
  'io.k8s.api.core.v1.NodeRuntimeHandlerFeatures': 'recursiveReadOnlyMounts userNamespaces',
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec': 'storageClassName volumeMode volumeAttributesClassName',
  'io.k8s.api.core.v1.PersistentVolumeClaimStatus': 'currentVolumeAttributesClassName',
  'io.k8s.api.core.v1.PersistentVolumeSpec': 'volumeMode volumeAttributesClassName',
  'io.k8s.api.core.v1.PodDNSConfigOption': 'value',
  'io.k8s.api.core.v1.PodLogOptions': 'sinceSeconds tailLines limitBytes stream',
  'io.k8s.api.core.v1.PodResourceClaim': 'resourceClaimName resourceClaimTemplateName',
  'io.k8s.api.core.v1.PodResourceClaimStatus': 'resourceClaimName',
  'io.k8s.api.core.v1.PodSecurityContext':
    'runAsUser runAsGroup runAsNonRoot supplementalGroupsPolicy fsGroup fsGroupChangePolicy seLinuxChangePolicy',
  'io.k8s.api.core.v1.PodSpec':
    'terminationGracePeriodSeconds activeDeadlineSeconds automountServiceAccountToken shareProcessNamespace priority runtimeClassName enableServiceLinks preemptionPolicy setHostnameAsFQDN hostUsers',
  'io.k8s.api.core.v1.PortStatus': 'error',
  'io.k8s.api.core.v1.Preconditions': 'uid',
  'io.k8s.api.core.v1.Probe': 'terminationGracePeriodSeconds',
  'io.k8s.api.core.v1.ProjectedVolumeSource': 'defaultMode',
  'io.k8s.api.core.v1.ReplicationControllerSpec': 'replicas',
  'io.k8s.api.core.v1.SeccompProfile': 'localhostProfile',
  'io.k8s.api.core.v1.Secret': 'immutable',
  'io.k8s.api.core.v1.SecretEnvSource': 'optional',
  'io.k8s.api.core.v1.SecretKeySelector': 'optional',
  'io.k8s.api.core.v1.SecretProjection': 'optional',
  'io.k8s.api.core.v1.SecretVolumeSource': 'defaultMode optional',
  'io.k8s.api.core.v1.SecurityContext':
    'privileged runAsUser runAsGroup runAsNonRoot readOnlyRootFilesystem allowPrivilegeEscalation procMount',
  'io.k8s.api.core.v1.ServiceAccount': 'automountServiceAccountToken',
  'io.k8s.api.core.v1.ServiceAccountTokenProjection': 'expirationSeconds',
  'io.k8s.api.core.v1.ServicePort': 'appProtocol',
  'io.k8s.api.core.v1.ServiceSpec':
    'ipFamilyPolicy allocateLoadBalancerNodePorts loadBalancerClass internalTrafficPolicy trafficDistribution',
  'io.k8s.api.core.v1.Toleration': 'tolerationSeconds',
  'io.k8s.api.core.v1.TopologySpreadConstraint': 'minDomains nodeAffinityPolicy nodeTaintsPolicy',
  'io.k8s.api.core.v1.TypedLocalObjectReference': 'apiGroup',
  'io.k8s.api.core.v1.TypedObjectReference': 'apiGroup namespace',
  'io.k8s.api.core.v1.VolumeMount': 'recursiveReadOnly mountPropagation',
  'io.k8s.api.core.v1.VolumeMountStatus': 'recursiveReadOnly',
  'io.k8s.api.core.v1.WindowsSecurityContextOptions':
    'gmsaCredentialSpecName gmsaCredentialSpec runAsUserName hostProcess',
  'io.k8s.api.discovery.v1.Endpoint': 'hostname nodeName zone',
  'io.k8s.api.discovery.v1.EndpointConditions': 'ready serving terminating',
  'io.k8s.api.discovery.v1.EndpointPort': 'name protocol port appProtocol',
  'io.k8s.api.policy.v1.PodDisruptionBudgetSpec': 'unhealthyPodEvictionPolicy',
  'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions':
    'gracePeriodSeconds orphanDependents propagationPolicy ignoreStoreReadErrorWithClusterBreakingPotential',
  'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta': 'remainingItemCount',
  'io.k8s.apimachinery.pkg.apis.meta.v1.ListOptions': 'timeoutSeconds sendInitialEvents',
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': 'deletionGracePeriodSeconds',
  'io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference': 'controller blockOwnerDeletion',
  'io.k8s.apimachinery.pkg.apis.meta.v1.PatchOptions': 'force',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions': 'uid resourceVersion',
};

const index = new Map<string, ReadonlySet<string>>(
  Object.entries(POINTER_SCALARS).map(([type, fields]) => [type, new Set(fields.split(' '))]),
);

/** True when `field` of the named type is a pointer scalar, so a zero value on the wire is meaningful. */
export function isPointerScalar(typeName: string, field: string): boolean {
  return index.get(typeName)?.has(field) ?? false;
}
