/**
 * @module api/schema/core-v1-ref
 * Name prefix and reference builder for core/v1 types, shared by the core-v1-* schema files.
 */
import { t, type FieldType } from './model.js';

/** Fully qualified name prefix of the core/v1 types. */
export const CORE_V1 = 'io.k8s.api.core.v1.';

/** Reference to a core/v1 type by its short name: `coreRef('PodSpec')`. */
export const coreRef = (name: string): FieldType => t.ref(CORE_V1 + name);
