/**
 * @module apiserver/handlers/endpoint
 * Everything a handler needs about one served resource.
 */
import type { ResourceDefinition, TablePrinter } from '../../api/types.js';
import type { KubeObject } from '../../machinery/meta.js';
import type { Clock } from '../../util/clock.js';
import type { GenericStore } from '../registry/generic-store.js';
import type { WatchCache } from '../watch-cache/cache.js';
import type { ObjectCodec } from './codec.js';

export class Endpoint {
  readonly apiVersion: string;
  constructor(
    readonly def: ResourceDefinition,
    readonly store: GenericStore,
    readonly printer: TablePrinter,
    readonly clock: Clock,
    readonly cacheOwner: WatchCache,
    readonly codec: ObjectCodec,
  ) {
    this.apiVersion = def.group ? `${def.group}/${def.version}` : def.version;
  }

  withTypeMeta(obj: KubeObject): KubeObject {
    if (obj.apiVersion === this.apiVersion && obj.kind === this.def.kind) return obj;
    const { apiVersion: _a, kind: _k, ...rest } = obj;
    return { apiVersion: this.apiVersion, kind: this.def.kind, ...rest } as KubeObject;
  }

  /** JSON text of a cached item; stored objects already carry apiVersion and kind. */
  itemJson(obj: KubeObject, json: string): string {
    return obj.apiVersion === this.apiVersion && obj.kind === this.def.kind
      ? json
      : JSON.stringify(this.withTypeMeta(obj));
  }
}
