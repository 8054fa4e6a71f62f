/**
 * @module api/schema/core-v1
 * Every core/v1 type schema (the legacy "" group), gathered from the topic files.
 *
 * Conventions shared by those files: proto numbers are upstream's (core/v1 generated.proto,
 * v1.32); apiVersion/kind of top-level kinds carry proto 0 because protobuf bodies hold them in
 * the runtime.Unknown envelope, not in the message; Go-embedded structs that protobuf nests
 * (Volume.volumeSource, Probe.handler, the LocalObjectReference inside key selectors, ...) are
 * fields marked `inline`, keyed by their proto field name.
 */
import { coreAffinitySchemas } from './core-v1-affinity.js';
import { coreContainerSchemas } from './core-v1-container.js';
import { coreEnvProbeSchemas } from './core-v1-env-probe.js';
import { coreMiscSchemas } from './core-v1-misc.js';
import { coreNodeSchemas } from './core-v1-node.js';
import { corePodStatusSchemas } from './core-v1-pod-status.js';
import { corePodSchemas } from './core-v1-pod.js';
import { coreSecuritySchemas } from './core-v1-security.js';
import { coreServiceSchemas } from './core-v1-service.js';
import { coreVolumeInTreeSchemas } from './core-v1-volume-intree.js';
import { coreVolumeSchemas } from './core-v1-volume.js';
import type { TypeSchema } from './model.js';

export { CORE_V1, coreRef } from './core-v1-ref.js';

export const coreV1Schemas: TypeSchema[] = [
  ...corePodSchemas,
  ...corePodStatusSchemas,
  ...coreContainerSchemas,
  ...coreEnvProbeSchemas,
  ...coreSecuritySchemas,
  ...coreVolumeSchemas,
  ...coreVolumeInTreeSchemas,
  ...coreAffinitySchemas,
  ...coreServiceSchemas,
  ...coreNodeSchemas,
  ...coreMiscSchemas,
];
