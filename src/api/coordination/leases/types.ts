/**
 * @module api/coordination/leases/types
 * coordination.k8s.io/v1 Lease.
 */
import type { KubeObject } from '../../../machinery/meta.js';

export interface Lease extends KubeObject {
  spec?: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
    leaseTransitions?: number;
    strategy?: string;
    preferredHolder?: string;
  };
}
