/**
 * @module api/schema/apps-v1-refs
 * Reference builders shared by the apps-v1-* schema files (meta/v1, core/v1 and apps/v1 types).
 */
import { t, type FieldType } from './model.js';

/** Reference to a meta/v1 type by short name: `metaRef('ObjectMeta')`. */
export const metaRef = (n: string): FieldType => t.ref(`io.k8s.apimachinery.pkg.apis.meta.v1.${n}`);
/** Reference to a core/v1 type by short name: `coreRef('PodTemplateSpec')`. */
export const coreRef = (n: string): FieldType => t.ref(`io.k8s.api.core.v1.${n}`);
/** Reference to an apps/v1 type by short name: `appsRef('DeploymentSpec')`. */
export const appsRef = (n: string): FieldType => t.ref(`io.k8s.api.apps.v1.${n}`);
