/**
 * @module api/schema/core-v1-volume
 * Schemas of pod volumes: Volume, VolumeSource and the sources that are still in common use
 * (projected, CSI, ephemeral with its claim template, image), plus the object references they use.
 * Field numbers are from core/v1 generated.proto (v1.32); descriptions are our own.
 */
import { coreRef } from './core-v1-ref.js';
import { metaRef } from './meta-v1.js';
import { f, t, type, type TypeSchema } from './model.js';

export const coreVolumeSchemas: TypeSchema[] = [
  type('io.k8s.api.core.v1.Volume', 'A named volume that containers of a pod can mount.', {
    name: f(1, t.string, 'Name of the volume, unique within the pod (a DNS label).', { required: true }),
    volumeSource: f(2, coreRef('VolumeSource'), 'Fields of VolumeSource, inlined into this object in JSON.', {
      inline: true,
    }),
  }),
  type('io.k8s.api.core.v1.VolumeSource', "Where a volume's content comes from; exactly one member is set.", {
    hostPath: f(1, coreRef('HostPathVolumeSource'), 'A file or directory on the node.'),
    emptyDir: f(2, coreRef('EmptyDirVolumeSource'), 'A scratch directory that lives as long as the pod.'),
    gcePersistentDisk: f(3, coreRef('GCEPersistentDiskVolumeSource'), 'Deprecated GCE persistent disk.'),
    awsElasticBlockStore: f(4, coreRef('AWSElasticBlockStoreVolumeSource'), 'Deprecated AWS EBS volume.'),
    gitRepo: f(5, coreRef('GitRepoVolumeSource'), 'Deprecated git repository checked out into the volume.'),
    secret: f(6, coreRef('SecretVolumeSource'), 'Content of a Secret.'),
    nfs: f(7, coreRef('NFSVolumeSource'), 'An NFS export.'),
    iscsi: f(8, coreRef('ISCSIVolumeSource'), 'An iSCSI disk.'),
    glusterfs: f(9, coreRef('GlusterfsVolumeSource'), 'Removed GlusterFS volume.'),
    persistentVolumeClaim: f(
      10,
      coreRef('PersistentVolumeClaimVolumeSource'),
      "A PersistentVolumeClaim in the pod's namespace.",
    ),
    rbd: f(11, coreRef('RBDVolumeSource'), 'Deprecated Ceph RBD image.'),
    flexVolume: f(12, coreRef('FlexVolumeSource'), 'Deprecated volume provided by a FlexVolume driver.'),
    cinder: f(13, coreRef('CinderVolumeSource'), 'Deprecated OpenStack Cinder volume.'),
    cephfs: f(14, coreRef('CephFSVolumeSource'), 'Deprecated CephFS mount.'),
    flocker: f(15, coreRef('FlockerVolumeSource'), 'Deprecated Flocker dataset.'),
    downwardAPI: f(16, coreRef('DownwardAPIVolumeSource'), 'Files holding pod metadata and resource values.'),
    fc: f(17, coreRef('FCVolumeSource'), 'A Fibre Channel disk.'),
    azureFile: f(18, coreRef('AzureFileVolumeSource'), 'Deprecated Azure File share.'),
    configMap: f(19, coreRef('ConfigMapVolumeSource'), 'Content of a ConfigMap.'),
    vsphereVolume: f(20, coreRef('VsphereVirtualDiskVolumeSource'), 'Deprecated vSphere disk.'),
    quobyte: f(21, coreRef('QuobyteVolumeSource'), 'Deprecated Quobyte volume.'),
    azureDisk: f(22, coreRef('AzureDiskVolumeSource'), 'Deprecated Azure data disk.'),
    photonPersistentDisk: f(
      23,
      coreRef('PhotonPersistentDiskVolumeSource'),
      'Deprecated Photon Controller disk.',
    ),
    projected: f(26, coreRef('ProjectedVolumeSource'), 'Several sources merged into one directory.'),
    portworxVolume: f(24, coreRef('PortworxVolumeSource'), 'Deprecated Portworx volume.'),
    scaleIO: f(25, coreRef('ScaleIOVolumeSource'), 'Deprecated ScaleIO volume.'),
    storageos: f(27, coreRef('StorageOSVolumeSource'), 'Deprecated StorageOS volume.'),
    csi: f(28, coreRef('CSIVolumeSource'), 'An inline volume provided by a CSI driver.'),
    ephemeral: f(
      29,
      coreRef('EphemeralVolumeSource'),
      'A volume from a PersistentVolumeClaim created for and deleted with the pod.',
    ),
    image: f(30, coreRef('ImageVolumeSource'), 'Content of an OCI image or artifact, mounted read-only.'),
  }),
  type('io.k8s.api.core.v1.HostPathVolumeSource', 'A path on the node mapped into the pod.', {
    path: f(1, t.string, 'Path on the node; a symlink is followed.', { required: true }),
    type: f(2, t.string, 'Expected kind of the path, checked before mounting.', {
      enum: [
        '',
        'BlockDevice',
        'CharDevice',
        'Directory',
        'DirectoryOrCreate',
        'File',
        'FileOrCreate',
        'Socket',
      ],
    }),
  }),
  type('io.k8s.api.core.v1.EmptyDirVolumeSource', 'An empty scratch directory.', {
    medium: f(1, t.string, 'Storage medium: empty for node default storage, Memory for tmpfs.'),
    sizeLimit: f(2, t.quantity, 'Maximum size of the volume.'),
  }),
  type('io.k8s.api.core.v1.SecretVolumeSource', 'A Secret shown as files.', {
    secretName: f(1, t.string, "Name of the Secret in the pod's namespace."),
    items: f(2, t.array(coreRef('KeyToPath')), 'Keys to project and where; all keys when empty.', {
      listType: 'atomic',
    }),
    defaultMode: f(3, t.int32, 'Permission bits of the created files.'),
    optional: f(4, t.boolean, 'Tolerate a missing Secret or keys.'),
  }),
  type('io.k8s.api.core.v1.ConfigMapVolumeSource', 'A ConfigMap shown as files.', {
    localObjectReference: f(
      1,
      coreRef('LocalObjectReference'),
      'Fields of LocalObjectReference, inlined into this object in JSON.',
      { inline: true },
    ),
    items: f(2, t.array(coreRef('KeyToPath')), 'Keys to project and where; all keys when empty.', {
      listType: 'atomic',
    }),
    defaultMode: f(3, t.int32, 'Permission bits of the created files.'),
    optional: f(4, t.boolean, 'Tolerate a missing ConfigMap or keys.'),
  }),
  type('io.k8s.api.core.v1.KeyToPath', 'Mapping of one key to a file path.', {
    key: f(1, t.string, 'Key to project.', { required: true }),
    path: f(2, t.string, 'Relative path of the file to write the value to.', { required: true }),
    mode: f(3, t.int32, 'Permission bits of this file.'),
  }),
  type('io.k8s.api.core.v1.DownwardAPIVolumeSource', 'Pod information shown as files.', {
    items: f(1, t.array(coreRef('DownwardAPIVolumeFile')), 'Files to create.', { listType: 'atomic' }),
    defaultMode: f(2, t.int32, 'Permission bits of the created files.'),
  }),
  type('io.k8s.api.core.v1.DownwardAPIVolumeFile', 'One file holding pod information.', {
    path: f(1, t.string, 'Relative path of the file.', { required: true }),
    fieldRef: f(2, coreRef('ObjectFieldSelector'), 'Pod field to write; only some fields are allowed.'),
    resourceFieldRef: f(3, coreRef('ResourceFieldSelector'), 'Container resource request or limit to write.'),
    mode: f(4, t.int32, 'Permission bits of this file.'),
  }),
  type(
    'io.k8s.api.core.v1.PersistentVolumeClaimVolumeSource',
    "Reference to a PersistentVolumeClaim in the pod's namespace.",
    {
      claimName: f(1, t.string, 'Name of the claim.', { required: true }),
      readOnly: f(2, t.boolean, 'Mount the volume read-only.'),
    },
  ),
  type('io.k8s.api.core.v1.ProjectedVolumeSource', 'Several volume sources merged into one directory.', {
    sources: f(1, t.array(coreRef('VolumeProjection')), 'The sources to merge.', { listType: 'atomic' }),
    defaultMode: f(2, t.int32, 'Permission bits of the created files.'),
  }),
  type(
    'io.k8s.api.core.v1.VolumeProjection',
    'One source of a projected volume; exactly one member is set.',
    {
      secret: f(1, coreRef('SecretProjection'), 'Keys of a Secret.'),
      downwardAPI: f(2, coreRef('DownwardAPIProjection'), 'Pod information.'),
      configMap: f(3, coreRef('ConfigMapProjection'), 'Keys of a ConfigMap.'),
      serviceAccountToken: f(4, coreRef('ServiceAccountTokenProjection'), 'A bound service account token.'),
      clusterTrustBundle: f(
        5,
        coreRef('ClusterTrustBundleProjection'),
        'Certificates from ClusterTrustBundle objects.',
      ),
    },
  ),
  type('io.k8s.api.core.v1.SecretProjection', 'Keys of a Secret in a projected volume.', {
    localObjectReference: f(
      1,
      coreRef('LocalObjectReference'),
      'Fields of LocalObjectReference, inlined into this object in JSON.',
      { inline: true },
    ),
    items: f(2, t.array(coreRef('KeyToPath')), 'Keys to project and where; all keys when empty.', {
      listType: 'atomic',
    }),
    optional: f(4, t.boolean, 'Tolerate a missing Secret or keys.'),
  }),
  type('io.k8s.api.core.v1.ConfigMapProjection', 'Keys of a ConfigMap in a projected volume.', {
    localObjectReference: f(
      1,
      coreRef('LocalObjectReference'),
      'Fields of LocalObjectReference, inlined into this object in JSON.',
      { inline: true },
    ),
    items: f(2, t.array(coreRef('KeyToPath')), 'Keys to project and where; all keys when empty.', {
      listType: 'atomic',
    }),
    optional: f(4, t.boolean, 'Tolerate a missing ConfigMap or keys.'),
  }),
  type('io.k8s.api.core.v1.DownwardAPIProjection', 'Pod information in a projected volume.', {
    items: f(1, t.array(coreRef('DownwardAPIVolumeFile')), 'Files to create.', { listType: 'atomic' }),
  }),
  type(
    'io.k8s.api.core.v1.ServiceAccountTokenProjection',
    'A service account token written to a file and refreshed by the kubelet.',
    {
      audience: f(1, t.string, 'Intended audience of the token; the API server by default.'),
      expirationSeconds: f(2, t.int64, 'Requested lifetime of the token.'),
      path: f(3, t.string, 'Relative path of the token file.', { required: true }),
    },
  ),
  type(
    'io.k8s.api.core.v1.ClusterTrustBundleProjection',
    'Certificates from ClusterTrustBundles written to one file.',
    {
      name: f(1, t.string, 'Select a single ClusterTrustBundle by name.'),
      signerName: f(2, t.string, 'Select ClusterTrustBundles by signer name.'),
      labelSelector: f(3, metaRef('LabelSelector'), 'Narrow the bundles selected by signer name by label.'),
      optional: f(5, t.boolean, 'Tolerate no matching bundle.'),
      path: f(4, t.string, 'Relative path of the file.', { required: true }),
    },
  ),
  type('io.k8s.api.core.v1.CSIVolumeSource', 'An inline ephemeral volume from a CSI driver.', {
    driver: f(1, t.string, 'Name of the CSI driver.', { required: true }),
    readOnly: f(2, t.boolean, 'Mount the volume read-only.'),
    fsType: f(3, t.string, 'File system type to mount.'),
    volumeAttributes: f(4, t.map(t.string), 'Driver-specific properties.'),
    nodePublishSecretRef: f(
      5,
      coreRef('LocalObjectReference'),
      "Secret passed to the driver's publish calls.",
    ),
  }),
  type(
    'io.k8s.api.core.v1.EphemeralVolumeSource',
    'A volume backed by a claim made from a template for the pod.',
    {
      volumeClaimTemplate: f(
        1,
        coreRef('PersistentVolumeClaimTemplate'),
        'Template for the PersistentVolumeClaim to create.',
      ),
    },
  ),
  type(
    'io.k8s.api.core.v1.PersistentVolumeClaimTemplate',
    'Template for a PersistentVolumeClaim made for an ephemeral volume.',
    {
      metadata: f(1, metaRef('ObjectMeta'), 'Labels and annotations copied to the created claim.'),
      spec: f(2, coreRef('PersistentVolumeClaimSpec'), 'Spec copied to the created claim.', {
        required: true,
      }),
    },
  ),
  type('io.k8s.api.core.v1.PersistentVolumeClaimSpec', 'Desired properties of a storage claim.', {
    accessModes: f(1, t.array(t.string), 'Access modes the volume must support.', {
      listType: 'atomic',
      enum: ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'],
    }),
    selector: f(4, metaRef('LabelSelector'), 'Label query over volumes that may be bound.'),
    resources: f(
      2,
      coreRef('VolumeResourceRequirements'),
      'Minimum (and maximum) resources the volume must have.',
    ),
    volumeName: f(3, t.string, 'Name of the PersistentVolume to bind to.'),
    storageClassName: f(5, t.string, 'StorageClass the claim needs.'),
    volumeMode: f(6, t.string, 'Whether the volume is a file system or a raw block device.', {
      enum: ['Block', 'Filesystem'],
    }),
    dataSource: f(7, coreRef('TypedLocalObjectReference'), 'Existing object to fill the new volume from.'),
    dataSourceRef: f(
      8,
      coreRef('TypedObjectReference'),
      'Object, possibly in another namespace, to fill the new volume from.',
    ),
    volumeAttributesClassName: f(9, t.string, 'VolumeAttributesClass used by the claim.'),
  }),
  type('io.k8s.api.core.v1.VolumeResourceRequirements', 'Storage resources of a claim.', {
    limits: f(1, t.map(t.quantity), 'Maximum amount of each resource allowed.'),
    requests: f(2, t.map(t.quantity), 'Minimum amount of each resource needed.'),
  }),
  type(
    'io.k8s.api.core.v1.TypedLocalObjectReference',
    'Reference to an object of a given kind in the same namespace.',
    {
      apiGroup: f(1, t.string, 'API group of the object; empty for the core group.'),
      kind: f(2, t.string, 'Kind of the object.', { required: true }),
      name: f(3, t.string, 'Name of the object.', { required: true }),
    },
    { structType: 'atomic' },
  ),
  type(
    'io.k8s.api.core.v1.TypedObjectReference',
    'Reference to an object of a given kind, optionally in another namespace.',
    {
      apiGroup: f(1, t.string, 'API group of the object; empty for the core group.'),
      kind: f(2, t.string, 'Kind of the object.', { required: true }),
      name: f(3, t.string, 'Name of the object.', { required: true }),
      namespace: f(4, t.string, 'Namespace of the object; the local one when empty.'),
    },
  ),
  type('io.k8s.api.core.v1.ImageVolumeSource', 'An OCI image or artifact used as a volume.', {
    reference: f(1, t.string, 'Image or artifact reference to pull.'),
    pullPolicy: f(2, t.string, 'When the image is pulled: Always, Never or IfNotPresent.', {
      enum: ['Always', 'IfNotPresent', 'Never'],
    }),
  }),
];
