/**
 * @module apiserver/registry/resources/services
 * ClusterIP and NodePort allocation for Services. Allocators are rebuilt from the cached
 * Services on first use; every allocation is released again when its write is not committed
 * or when the Service is deleted. JavaScript runs one hook at a time, so no lock is needed
 * between choosing and reserving an address.
 */
import { NodePortAllocator, ServiceIpAllocator } from '../../../api/core/services/service-ip.js';
import { newInternalError, newInvalid } from '../../../machinery/errors.js';
import type { KubeObject } from '../../../machinery/meta.js';
import type { GenericStore } from '../generic-store.js';
import type { ResourceHooks, Release } from '../hooks.js';

export interface ServiceNetworkOptions {
  serviceCidr: string;
  nodePortRange: [number, number];
}

interface SvcSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports?: { nodePort?: number }[];
}

function wantsNodePorts(spec: SvcSpec): boolean {
  return spec.type === 'NodePort' || spec.type === 'LoadBalancer';
}

export function serviceHooks(opts: ServiceNetworkOptions): ResourceHooks {
  let ips: ServiceIpAllocator | undefined;
  let ports: NodePortAllocator | undefined;
  const init = (store: GenericStore) => {
    if (ips && ports) return;
    const usedIps: string[] = [];
    const usedPorts: number[] = [];
    for (const c of store.cache.list()) {
      const spec = (c.obj as any).spec as SvcSpec;
      for (const ip of spec?.clusterIPs ?? (spec?.clusterIP ? [spec.clusterIP] : []))
        if (ip && ip !== 'None') usedIps.push(ip);
      for (const p of spec?.ports ?? []) if (p.nodePort) usedPorts.push(p.nodePort);
    }
    ips = new ServiceIpAllocator({ cidr: opts.serviceCidr, used: usedIps });
    ports = new NodePortAllocator({
      min: opts.nodePortRange[0],
      max: opts.nodePortRange[1],
      used: usedPorts,
    });
  };

  const allocate = (obj: KubeObject, old: KubeObject | undefined, store: GenericStore): Release => {
    init(store);
    const spec = ((obj as any).spec ??= {}) as SvcSpec;
    const oldSpec = ((old as any)?.spec ?? {}) as SvcSpec;
    const oldPorts = new Set((oldSpec.ports ?? []).map((p) => p.nodePort).filter((p): p is number => !!p));
    const takenIps: string[] = [];
    const takenPorts: number[] = [];
    const name = obj.metadata.name ?? '';
    const undo = () => {
      takenIps.forEach((ip) => ips!.release(ip));
      takenPorts.forEach((p) => ports!.release(p));
    };
    try {
      if (spec.type !== 'ExternalName' && !(old && oldSpec.clusterIP)) {
        if (spec.clusterIP === 'None') {
          spec.clusterIPs = ['None'];
        } else if (spec.clusterIP) {
          const errs = ips!.allocateSpecific(spec.clusterIP, spec.clusterIPs ?? [spec.clusterIP]);
          if (errs.length) throw newInvalid({ group: '', kind: 'Service' }, name, errs);
          takenIps.push(spec.clusterIP);
          spec.clusterIPs = [spec.clusterIP];
        } else {
          const r = ips!.allocate();
          if (!r.ok) throw newInternalError(`failed to allocate a serviceIP: ${r.error}`);
          takenIps.push(r.value);
          spec.clusterIP = r.value;
          spec.clusterIPs = [r.value];
        }
      }
      if (wantsNodePorts(spec)) {
        (spec.ports ?? []).forEach((p, i) => {
          if (p.nodePort && oldPorts.has(p.nodePort)) return;
          if (p.nodePort) {
            const errs = ports!.allocateSpecific(p.nodePort, i);
            if (errs.length) throw newInvalid({ group: '', kind: 'Service' }, name, errs);
            takenPorts.push(p.nodePort);
          } else {
            const r = ports!.allocate();
            if (!r.ok) throw newInternalError(`failed to allocate a nodePort: ${r.error}`);
            takenPorts.push(r.value);
            p.nodePort = r.value;
          }
        });
      } else {
        for (const p of spec.ports ?? []) delete p.nodePort;
      }
    } catch (err) {
      undo();
      throw err;
    }
    return (committed) => {
      if (!committed) return undo();
      if (!old) return;
      // Release what the old object held and the new one no longer does.
      const keepPorts = new Set((spec.ports ?? []).map((p) => p.nodePort));
      for (const p of oldPorts) if (!keepPorts.has(p)) ports!.release(p);
      if (spec.type === 'ExternalName' && oldSpec.clusterIP && oldSpec.clusterIP !== 'None')
        ips!.release(oldSpec.clusterIP);
    };
  };

  return {
    returnDeletedObject: true,
    async beforeCreate(obj, _ctx, store) {
      return allocate(obj, undefined, store);
    },
    async beforeUpdate(obj, old, _ctx, store) {
      return allocate(obj, old, store);
    },
    async afterDelete(obj, store) {
      init(store);
      const spec = ((obj as any).spec ?? {}) as SvcSpec;
      for (const ip of spec.clusterIPs ?? []) if (ip !== 'None') ips!.release(ip);
      for (const p of spec.ports ?? []) if (p.nodePort) ports!.release(p.nodePort);
    },
  };
}
