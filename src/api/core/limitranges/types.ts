/**
 * @module api/core/limitranges/types
 * core/v1 LimitRange.
 */
import type { KubeObject } from '../../../machinery/meta.js';

export type ResourceList = Record<string, string>;

export interface LimitRangeItem {
  type: 'Pod' | 'Container' | 'PersistentVolumeClaim' | string;
  max?: ResourceList;
  min?: ResourceList;
  default?: ResourceList;
  defaultRequest?: ResourceList;
  maxLimitRequestRatio?: ResourceList;
}

export interface LimitRange extends KubeObject {
  spec?: { limits?: LimitRangeItem[] };
}
