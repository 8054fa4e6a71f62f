/**
 * @module controllers/garbagecollector/graph
 * The collector's index over every watched object: uid → where it lives, and owner uid → the
 * objects that reference it. Node ids are `refId|namespace/name`.
 */
import type { KubeObject } from '../../machinery/meta.js';
import { objectKey } from '../../client/lister.js';

export function nodeId(resource: string, obj: KubeObject): string {
  return `${resource}|${objectKey(obj)}`;
}

export function splitNodeId(id: string): { resource: string; key: string } {
  const i = id.indexOf('|');
  return { resource: id.slice(0, i), key: id.slice(i + 1) };
}

export class OwnerGraph {
  private readonly byUid = new Map<string, string>();
  private readonly dependents = new Map<string, Set<string>>();
  private readonly ownersOf = new Map<string, string[]>();

  /** Records (or refreshes) an object; returns its node id. */
  upsert(resource: string, obj: KubeObject): string {
    const id = nodeId(resource, obj);
    if (obj.metadata.uid) this.byUid.set(obj.metadata.uid, id);
    this.unlinkOwners(id);
    const owners = (obj.metadata.ownerReferences ?? []).map((r) => r.uid);
    this.ownersOf.set(id, owners);
    for (const o of owners) {
      let s = this.dependents.get(o);
      if (!s) this.dependents.set(o, (s = new Set()));
      s.add(id);
    }
    return id;
  }

  remove(resource: string, obj: KubeObject): string {
    const id = nodeId(resource, obj);
    if (obj.metadata.uid && this.byUid.get(obj.metadata.uid) === id) this.byUid.delete(obj.metadata.uid);
    this.unlinkOwners(id);
    this.ownersOf.delete(id);
    return id;
  }

  /** Node id of the object with this uid, if watched and present. */
  locate(uid: string): string | undefined {
    return this.byUid.get(uid);
  }

  /** Node ids of objects whose ownerReferences name `ownerUid`. */
  dependentsOf(ownerUid: string): string[] {
    return [...(this.dependents.get(ownerUid) ?? [])];
  }

  /** Owner uids recorded for a node. */
  ownerUids(id: string): string[] {
    return this.ownersOf.get(id) ?? [];
  }

  private unlinkOwners(id: string): void {
    for (const o of this.ownersOf.get(id) ?? []) {
      const s = this.dependents.get(o);
      s?.delete(id);
      if (s && s.size === 0) this.dependents.delete(o);
    }
  }
}
