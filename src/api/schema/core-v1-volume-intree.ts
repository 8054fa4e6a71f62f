/**
 * @module api/schema/core-v1-volume-intree
 * Schemas of the legacy in-tree volume sources (cloud disks, network file systems and block
 * devices); most are deprecated upstream but still accepted in a pod spec.
 * Field numbers are from core/v1 generated.proto (v1.32); descriptions are our own.
 */
import { coreRef } from './core-v1-ref.js';
import { f, t, type, type TypeSchema } from './model.js';

export const coreVolumeInTreeSchemas: TypeSchema[] = [
  type('io.k8s.api.core.v1.GitRepoVolumeSource', 'A git repository cloned into the volume.', {
    repository: f(1, t.string, 'URL of the repository.', { required: true }),
    revision: f(2, t.string, 'Commit hash to check out.'),
    directory: f(3, t.string, "Target directory name; must not contain '..'."),
  }),
  type('io.k8s.api.core.v1.NFSVolumeSource', 'An NFS export mounted into the pod.', {
    server: f(1, t.string, 'Host name or IP address of the NFS server.', { required: true }),
    path: f(2, t.string, 'Path exported by the server.', { required: true }),
    readOnly: f(3, t.boolean, 'Mount the export read-only.'),
  }),
  type(
    'io.k8s.api.core.v1.ISCSIVolumeSource',
    'An iSCSI disk attached to the node and mounted into the pod.',
    {
      targetPortal: f(1, t.string, 'iSCSI target portal, as IP or IP:port.', { required: true }),
      iqn: f(2, t.string, 'iSCSI qualified name of the target.', { required: true }),
      lun: f(3, t.int32, 'Logical unit number of the target.', { required: true }),
      iscsiInterface: f(4, t.string, 'iSCSI interface name; tcp by default.', { default: 'default' }),
      fsType: f(5, t.string, 'File system type of the disk.'),
      readOnly: f(6, t.boolean, 'Mount read-only.'),
      portals: f(7, t.array(t.string), 'Extra target portals for multipath.', { listType: 'atomic' }),
      chapAuthDiscovery: f(8, t.boolean, 'Use CHAP authentication for discovery.'),
      chapAuthSession: f(11, t.boolean, 'Use CHAP authentication for sessions.'),
      secretRef: f(10, coreRef('LocalObjectReference'), 'Secret holding the CHAP credentials.'),
      initiatorName: f(12, t.string, 'Custom initiator name.'),
    },
  ),
  type('io.k8s.api.core.v1.FCVolumeSource', 'A Fibre Channel disk.', {
    targetWWNs: f(1, t.array(t.string), 'Target world wide names.', { listType: 'atomic' }),
    lun: f(2, t.int32, 'Logical unit number of the target.'),
    fsType: f(3, t.string, 'File system type of the disk.'),
    readOnly: f(4, t.boolean, 'Mount read-only.'),
    wwids: f(5, t.array(t.string), 'World wide identifiers of the volume, used instead of WWNs and LUN.', {
      listType: 'atomic',
    }),
  }),
  type('io.k8s.api.core.v1.GCEPersistentDiskVolumeSource', 'A GCE persistent disk.', {
    pdName: f(1, t.string, 'Name of the disk in GCE.', { required: true }),
    fsType: f(2, t.string, 'File system type of the disk.'),
    partition: f(3, t.int32, 'Partition number to mount; the whole disk when 0.'),
    readOnly: f(4, t.boolean, 'Mount read-only.'),
  }),
  type('io.k8s.api.core.v1.AWSElasticBlockStoreVolumeSource', 'An AWS EBS volume.', {
    volumeID: f(1, t.string, 'ID of the EBS volume.', { required: true }),
    fsType: f(2, t.string, 'File system type of the volume.'),
    partition: f(3, t.int32, 'Partition number to mount; the whole volume when 0.'),
    readOnly: f(4, t.boolean, 'Mount read-only.'),
  }),
  type('io.k8s.api.core.v1.GlusterfsVolumeSource', 'A GlusterFS mount.', {
    endpoints: f(1, t.string, 'Endpoints object naming the Gluster cluster.', { required: true }),
    path: f(2, t.string, 'Gluster volume path.', { required: true }),
    readOnly: f(3, t.boolean, 'Mount read-only.'),
  }),
  type('io.k8s.api.core.v1.RBDVolumeSource', 'A Ceph RBD image.', {
    monitors: f(1, t.array(t.string), 'Ceph monitor addresses.', { listType: 'atomic', required: true }),
    image: f(2, t.string, 'Name of the RBD image.', { required: true }),
    fsType: f(3, t.string, 'File system type of the image.'),
    pool: f(4, t.string, 'RADOS pool name; rbd by default.', { default: 'rbd' }),
    user: f(5, t.string, 'RADOS user name; admin by default.', { default: 'admin' }),
    keyring: f(6, t.string, 'Path of the keyring file; /etc/ceph/keyring by default.', {
      default: '/etc/ceph/keyring',
    }),
    secretRef: f(
      7,
      coreRef('LocalObjectReference'),
      'Secret holding the authentication key; overrides keyring.',
    ),
    readOnly: f(8, t.boolean, 'Mount read-only.'),
  }),
  type('io.k8s.api.core.v1.FlexVolumeSource', 'A volume provided by a FlexVolume driver.', {
    driver: f(1, t.string, 'Name of the driver.', { required: true }),
    fsType: f(2, t.string, 'File system type to mount.'),
    secretRef: f(3, coreRef('LocalObjectReference'), 'Secret passed to the driver.'),
    readOnly: f(4, t.boolean, 'Mount read-only.'),
    options: f(5, t.map(t.string), 'Driver-specific options.'),
  }),
  type('io.k8s.api.core.v1.CinderVolumeSource', 'An OpenStack Cinder volume.', {
    volumeID: f(1, t.string, 'ID of the Cinder volume.', { required: true }),
    fsType: f(2, t.string, 'File system type of the volume.'),
    readOnly: f(3, t.boolean, 'Mount read-only.'),
    secretRef: f(4, coreRef('LocalObjectReference'), 'Secret with OpenStack connection parameters.'),
  }),
  type('io.k8s.api.core.v1.CephFSVolumeSource', 'A CephFS mount.', {
    monitors: f(1, t.array(t.string), 'Ceph monitor addresses.', { listType: 'atomic', required: true }),
    path: f(2, t.string, 'Path within the file system to mount; / by default.'),
    user: f(3, t.string, 'RADOS user name; admin by default.'),
    secretFile: f(4, t.string, 'Path of the key ring file for the user.'),
    secretRef: f(
      5,
      coreRef('LocalObjectReference'),
      'Secret holding the authentication key; overrides secretFile.',
    ),
    readOnly: f(6, t.boolean, 'Mount read-only.'),
  }),
  type('io.k8s.api.core.v1.FlockerVolumeSource', 'A Flocker dataset.', {
    datasetName: f(1, t.string, 'Name of the dataset.'),
    datasetUUID: f(2, t.string, 'UUID of the dataset.'),
  }),
  type('io.k8s.api.core.v1.AzureFileVolumeSource', 'An Azure File share.', {
    secretName: f(1, t.string, 'Secret holding the storage account name and key.', { required: true }),
    shareName: f(2, t.string, 'Name of the share.', { required: true }),
    readOnly: f(3, t.boolean, 'Mount read-only.'),
  }),
  type('io.k8s.api.core.v1.VsphereVirtualDiskVolumeSource', 'A vSphere virtual disk.', {
    volumePath: f(1, t.string, 'Path of the disk.', { required: true }),
    fsType: f(2, t.string, 'File system type of the disk.'),
    storagePolicyName: f(3, t.string, 'Storage policy based management profile name.'),
    storagePolicyID: f(4, t.string, 'Storage policy based management profile ID.'),
  }),
  type('io.k8s.api.core.v1.QuobyteVolumeSource', 'A Quobyte volume.', {
    registry: f(1, t.string, 'Quobyte registry addresses, as host:port.', { required: true }),
    volume: f(2, t.string, 'Name of the Quobyte volume.', { required: true }),
    readOnly: f(3, t.boolean, 'Mount read-only.'),
    user: f(4, t.string, 'User to map volume access to.'),
    group: f(5, t.string, 'Group to map volume access to.'),
    tenant: f(6, t.string, 'Tenant that owns the volume.'),
  }),
  type('io.k8s.api.core.v1.AzureDiskVolumeSource', 'An Azure data disk.', {
    diskName: f(1, t.string, 'Name of the data disk.', { required: true }),
    diskURI: f(2, t.string, 'URI of the data disk.', { required: true }),
    cachingMode: f(3, t.string, 'Host caching mode: None, ReadOnly or ReadWrite.', {
      enum: ['None', 'ReadOnly', 'ReadWrite'],
      default: 'ReadWrite',
    }),
    fsType: f(4, t.string, 'File system type of the disk.', { default: 'ext4' }),
    readOnly: f(5, t.boolean, 'Mount read-only.', { default: false }),
    kind: f(6, t.string, 'Disk kind: Shared, Dedicated or Managed.', {
      enum: ['Dedicated', 'Managed', 'Shared'],
      default: 'Shared',
    }),
  }),
  type('io.k8s.api.core.v1.PhotonPersistentDiskVolumeSource', 'A Photon Controller persistent disk.', {
    pdID: f(1, t.string, 'ID of the disk.', { required: true }),
    fsType: f(2, t.string, 'File system type of the disk.'),
  }),
  type('io.k8s.api.core.v1.PortworxVolumeSource', 'A Portworx volume.', {
    volumeID: f(1, t.string, 'ID of the volume.', { required: true }),
    fsType: f(2, t.string, 'File system type of the volume.'),
    readOnly: f(3, t.boolean, 'Mount read-only.'),
  }),
  type('io.k8s.api.core.v1.ScaleIOVolumeSource', 'A ScaleIO volume.', {
    gateway: f(1, t.string, 'Address of the ScaleIO API gateway.', { required: true }),
    system: f(2, t.string, 'Name of the storage system.', { required: true }),
    secretRef: f(3, coreRef('LocalObjectReference'), 'Secret holding the ScaleIO user credentials.', {
      required: true,
    }),
    sslEnabled: f(4, t.boolean, 'Use TLS to talk to the gateway.'),
    protectionDomain: f(5, t.string, 'Protection domain of the storage.'),
    storagePool: f(6, t.string, 'Storage pool of the protection domain.'),
    storageMode: f(7, t.string, 'Thick or thin provisioning.', { default: 'ThinProvisioned' }),
    volumeName: f(8, t.string, 'Name of an existing volume.'),
    fsType: f(9, t.string, 'File system type of the volume.', { default: 'xfs' }),
    readOnly: f(10, t.boolean, 'Mount read-only.'),
  }),
  type('io.k8s.api.core.v1.StorageOSVolumeSource', 'A StorageOS volume.', {
    volumeName: f(1, t.string, 'Name of the volume within its namespace.'),
    volumeNamespace: f(2, t.string, 'StorageOS namespace of the volume.'),
    fsType: f(3, t.string, 'File system type of the volume.'),
    readOnly: f(4, t.boolean, 'Mount read-only.'),
    secretRef: f(5, coreRef('LocalObjectReference'), 'Secret with StorageOS API credentials.'),
  }),
];
