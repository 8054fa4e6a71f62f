/**
 * @module api/discovery/endpointslices/types
 * discovery.k8s.io/v1 EndpointSlice.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import type { ObjectReference } from '../../core/serviceaccounts/types.js';

export interface Endpoint {
  addresses: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  hostname?: string;
  targetRef?: ObjectReference;
  deprecatedTopology?: Record<string, string>;
  nodeName?: string;
  zone?: string;
  hints?: { forZones?: { name: string }[] };
}

export interface EndpointPort {
  name?: string;
  protocol?: string;
  port?: number;
  appProtocol?: string;
}

export interface EndpointSlice extends KubeObject {
  addressType?: 'IPv4' | 'IPv6' | 'FQDN' | string;
  endpoints?: Endpoint[];
  ports?: EndpointPort[];
}
