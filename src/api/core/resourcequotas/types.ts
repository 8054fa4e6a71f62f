/**
 * @module api/core/resourcequotas/types
 * core/v1 ResourceQuota.
 */
import type { KubeObject } from '../../../machinery/meta.js';

export interface ScopedResourceSelectorRequirement {
  scopeName: string;
  operator: string;
  values?: string[];
}

export interface ResourceQuotaSpec {
  hard?: Record<string, string>;
  scopes?: string[];
  scopeSelector?: { matchExpressions?: ScopedResourceSelectorRequirement[] };
}

export interface ResourceQuota extends KubeObject {
  spec?: ResourceQuotaSpec;
  status?: { hard?: Record<string, string>; used?: Record<string, string> };
}
