/**
 * @module apiserver/registry/strategy-context
 * What a resource's strategy hooks (and the admission they carry) may see of the rest of the API
 * server: other resources' served objects, from the watch cache (or storage when not cached yet),
 * and a pause on the API server's clock.
 */
import type { StrategyContext } from '../../api/types.js';
import type { KubeObject } from '../../machinery/meta.js';
import type { Clock } from '../../util/clock.js';
import type { RequestContext } from './context.js';
import type { GenericStore } from './generic-store.js';

export function strategyContext(store: GenericStore, ctx: RequestContext, clock: Clock): StrategyContext {
  return {
    now: ctx.now,
    subresource: ctx.subresource,
    *objectsOf(group: string, plural: string): Iterable<KubeObject> {
      const other = store.storeOf(group, plural);
      if (!other) return;
      for (const c of other.cache.items.values()) yield other.view(c.obj);
    },
    async lookup(group, plural, namespace, name) {
      const other = store.storeOf(group, plural);
      if (!other) return undefined;
      const cached = other.cache.items.get(other.key(namespace, name));
      return cached ? other.view(cached.obj) : other.tryGet(namespace, name);
    },
    sleep: (ms) => new Promise((resolve) => clock.setTimeout(resolve, ms)),
  };
}
