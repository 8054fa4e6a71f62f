/**
 * @module api/schema/apps-v1
 * Type schemas for apps/v1: Deployment, ReplicaSet, StatefulSet, DaemonSet and ControllerRevision,
 * gathered from the per-kind apps-v1-* files (kept in upstream's order).
 */
import { appsV1StatefulSetSchemas } from './apps-v1-statefulsets.js';
import { appsV1DeploymentSchemas } from './apps-v1-deployments.js';
import { appsV1DaemonSetSchemas } from './apps-v1-daemonsets.js';
import { appsV1ReplicaSetSchemas } from './apps-v1-replicasets.js';
import { appsV1ControllerRevisionSchemas } from './apps-v1-controllerrevisions.js';
import type { TypeSchema } from './model.js';

export const appsV1Schemas: TypeSchema[] = [
  ...appsV1StatefulSetSchemas,
  ...appsV1DeploymentSchemas,
  ...appsV1DaemonSetSchemas,
  ...appsV1ReplicaSetSchemas,
  ...appsV1ControllerRevisionSchemas,
];
