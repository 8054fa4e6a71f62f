/**
 * @module apiserver/registry/generic-store
 * The one CRUD engine. A resource's rules come from its ResourceDefinition (strategy hooks,
 * validation, defaults) and optional ResourceHooks (allocations, graceful deletion); storage is
 * the revisioned Store; lists and watches read the WatchCache.
 *
 * Write path (create):  name/generateName → meta (uid, creationTimestamp) → setDefaults →
 *   managedFields → prepareForCreate (strategy, admission) → setDefaults again → validate →
 *   hooks.beforeCreate → store.create
 * Write path (update):  read current → precondition on resourceVersion → prepareForUpdate →
 *   setDefaults → validate → no-op check → managedFields → store.update(if revision unchanged)
 */
import { randomUUID } from 'node:crypto';
import type { ResourceDefinition } from '../../api/types.js';
import { strategyContext } from './strategy-context.js';
import {
  GroupKind,
  GroupResource,
  OPTIMISTIC_LOCK_MESSAGE,
  StatusError,
  newBadRequest,
  newConflict,
  newForbidden,
  newInvalid,
  newNotFound,
} from '../../machinery/errors.js';
import { fieldErrors, type FieldError } from '../../machinery/field-errors.js';
import { copyObject, deepCopy, formatTime, type KubeObject } from '../../machinery/meta.js';
import type { Store, KeyValue } from '../../storage/interface.js';
import { realClock, type Clock } from '../../util/clock.js';
import type { ResourceCache, WatchCache } from '../watch-cache/cache.js';
import { interpretStorageError } from './interpret-errors.js';
import { objectKey, randomSuffix, resourcePrefix } from './keys.js';
import type { FieldManager, RequestContext } from './context.js';
import type { ListQuery } from './list.js';
import { listObjects } from './list-objects.js';
import { sameObject } from './same-object.js';
import type { ResourceHooks } from './hooks.js';

export interface GenericStoreDeps {
  store: Store;
  /** Drops empty optional maps and lists before a write (Go's omitempty). */
  /** `old`: the stored version; parts of `obj` that are its very objects are left alone. */
  omitEmpty?(obj: KubeObject, schemaName: string, old?: KubeObject): void;
  cache: WatchCache;
  fieldManager?: FieldManager;
  /** Looks up another resource's store (namespace checks, cross-resource hooks). */
  storeFor(group: string, plural: string): GenericStore | undefined;
  /** The API server's clock (admission retries); default the real one. */
  clock?: Clock;
}

import type { ListResult } from './list-objects.js';
import { checkPreconditions, type UpdateOptions } from './update-options.js';
export type { ListResult, UpdateOptions };

export class GenericStore {
  readonly prefix: string;
  readonly gr: GroupResource;
  readonly gk: GroupKind;
  readonly cache: ResourceCache;

  constructor(
    readonly def: ResourceDefinition,
    private readonly deps: GenericStoreDeps,
    readonly hooks: ResourceHooks = {},
  ) {
    this.prefix = def.storage
      ? resourcePrefix(def.storage.group, def.storage.plural)
      : resourcePrefix(def.group, def.plural);
    this.gr = { group: def.group, resource: def.plural };
    this.gk = { group: def.group, kind: def.kind };
    this.cache = deps.cache.register(this.prefix);
    const index = def.watchIndex ? def.fieldSelectors?.[def.watchIndex] : undefined;
    if (index && !def.storage) this.cache.setWatchIndex((o) => index(o));
  }

  private get clock(): Clock {
    return this.deps.clock ?? realClock;
  }

  get apiVersion(): string {
    return this.def.group ? `${this.def.group}/${this.def.version}` : this.def.version;
  }

  key(namespace: string | undefined, name: string): string {
    return objectKey(this.prefix, this.def.namespaced ? namespace : undefined, name);
  }

  private decode(kv: KeyValue): KubeObject {
    const obj = JSON.parse(kv.value) as KubeObject;
    obj.metadata.resourceVersion = String(kv.modRevision);
    return this.def.storage ? this.def.storage.fromStorage(obj) : obj;
  }

  /**
   * A consistent read of `key` for a read-modify-write. When the watch cache holds the stored
   * revision, only the revision is read and the cached object (shared: read-only) comes along;
   * otherwise the value is read and decoded by the caller.
   */
  private async readCurrent(key: string): Promise<{ rev: number; obj: KubeObject } | undefined> {
    if (!this.def.storage) {
      const rev = await this.deps.store.modRevisionOf(key);
      if (rev === undefined) return undefined;
      const cached = this.cache.items.get(key);
      if (cached && cached.rev === rev) return { rev, obj: cached.obj };
    }
    const kv = await this.deps.store.get(key);
    return kv && { rev: kv.modRevision, obj: this.decode(kv) };
  }

  /** Another resource's store (a subresource handler that reads or writes a second resource). */
  storeOf(group: string, plural: string): GenericStore | undefined {
    return this.deps.storeFor(group, plural);
  }

  /** A cached (storage-shaped) object as this resource shows it. Shared: do not modify. */
  view(obj: KubeObject): KubeObject {
    return this.def.storage ? this.def.storage.fromStorage(obj) : obj;
  }

  private encode(obj: KubeObject): { text: string; stored: KubeObject } {
    const s = this.def.storage ? this.def.storage.toStorage(obj) : obj;
    const stored = { ...s, metadata: { ...s.metadata } };
    delete stored.metadata.resourceVersion;
    delete stored.metadata.selfLink;
    return { text: JSON.stringify(stored), stored };
  }

  /**
   * Writes through `write` with the encoded object, telling the watch cache what is being written
   * so that it need not parse it back. The object must not change after this call.
   */
  private async writeEncoded(
    key: string,
    obj: KubeObject,
    write: (text: string) => Promise<KeyValue>,
  ): Promise<KeyValue> {
    const { text, stored } = this.encode(obj);
    const withdraw = this.deps.cache.expectWrite(key, text, stored);
    try {
      return await write(text);
    } catch (err) {
      withdraw();
      throw err;
    }
  }

  private withTypeMeta(obj: KubeObject): KubeObject {
    return { apiVersion: this.apiVersion, kind: this.def.kind, ...obj };
  }

  /** A consistent read of one object. Throws 404 NotFound. */
  async get(namespace: string | undefined, name: string): Promise<KubeObject> {
    const kv = await this.deps.store.get(this.key(namespace, name));
    if (!kv) throw newNotFound(this.gr, name);
    return this.decode(kv);
  }

  async tryGet(namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    const kv = await this.deps.store.get(this.key(namespace, name));
    return kv ? this.decode(kv) : undefined;
  }

  /** Lists from the watch cache (consistent unless resourceVersion=0), or from storage for paging at an old revision. */
  list(namespace: string | undefined, q: ListQuery): Promise<ListResult> {
    return listObjects(this, namespace, q);
  }

  /** Decodes a stored key-value (used by paged lists read from storage). */
  decodeKv(kv: KeyValue): KubeObject {
    return this.decode(kv);
  }

  private validationErrors(obj: KubeObject, old?: KubeObject, subresource?: string): FieldError[] {
    if (old && subresource === 'status') return this.def.validateStatusUpdate?.(obj, old) ?? [];
    if (old && (subresource === 'binding' || subresource === 'finalize')) return [];
    const sub = subresource && this.def.subresourceValidation?.[subresource];
    if (old && sub) return sub(obj, old);
    if (old) return this.def.validateUpdate?.(obj, old) ?? [];
    return this.def.validateCreate?.(obj) ?? [];
  }

  private async checkNamespace(namespace: string | undefined, forCreate: boolean, name = ''): Promise<void> {
    if (!this.def.namespaced) return;
    if (!namespace) throw newBadRequest('the server could not find the requested resource');
    const nsStore = this.deps.storeFor('', 'namespaces');
    if (!nsStore) return;
    // The cache answers for namespaces it holds; a miss may be a namespace created a moment
    // ago that the cache has not seen yet, so storage decides then.
    const ns =
      nsStore.cache.items.get(nsStore.key(undefined, namespace))?.obj ??
      (await nsStore.tryGet(undefined, namespace));
    if (!ns) throw newNotFound({ group: '', resource: 'namespaces' }, namespace);
    if (forCreate && ns.metadata.deletionTimestamp && this.def.plural !== 'events') {
      throw newForbidden(
        this.gr,
        name,
        `unable to create new content in namespace ${namespace} because it is being terminated`,
      );
    }
  }

  /**
   * A new object's defaults, managed fields and admission, in upstream's create-handler order: the
   * writer's managed fields are what it sent, decoded and defaulted, before admission and the
   * strategy add theirs (a pod's service account token volume, tolerations and priority belong to
   * no manager); what those added is defaulted after.
   */
  private async admitNew(ctx: RequestContext, obj: KubeObject): Promise<void> {
    this.def.setDefaults?.(obj);
    this.deps.omitEmpty?.(obj, this.def.schemaName);
    this.deps.fieldManager?.update(undefined, obj, ctx);
    if (!this.def.prepareForCreate) return;
    await this.def.prepareForCreate(obj, strategyContext(this, ctx, this.clock));
    this.def.setDefaults?.(obj);
    this.deps.omitEmpty?.(obj, this.def.schemaName);
  }

  /** Creates an object. `obj` is owned by the store from here on. */
  async create(ctx: RequestContext, namespace: string | undefined, obj: KubeObject): Promise<KubeObject> {
    obj.metadata ??= {};
    const meta = obj.metadata;
    if (this.def.namespaced) {
      if (meta.namespace && namespace && meta.namespace !== namespace) {
        throw newBadRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      meta.namespace = namespace ?? meta.namespace;
    } else {
      delete meta.namespace;
    }
    if (!meta.name && meta.generateName) meta.name = meta.generateName + randomSuffix();
    await this.checkNamespace(meta.namespace, true, meta.name ?? '');
    meta.uid = randomUUID();
    meta.creationTimestamp = formatTime(ctx.now);
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.selfLink;
    obj.apiVersion = this.apiVersion;
    obj.kind = this.def.kind;
    await this.admitNew(ctx, obj);
    const errs = this.validationErrors(obj);
    if (!meta.name && !errs.some((e) => e.field === 'metadata.name')) {
      errs.unshift(fieldErrors.required('metadata.name', 'name or generateName is required'));
    }
    if (errs.length) throw newInvalid(this.gk, meta.name ?? meta.generateName ?? '', errs);
    if (this.def.warnings) ctx.warnings.push(...this.def.warnings(obj));
    const release = await this.hooks.beforeCreate?.(obj, ctx, this);
    try {
      if (ctx.dryRun) {
        release?.(false);
        return this.withTypeMeta(obj);
      }
      const key = this.key(meta.namespace, meta.name!);
      const kv = await this.writeEncoded(key, obj, (text) => this.deps.store.create(key, text));
      release?.(true);
      obj.metadata.resourceVersion = String(kv.modRevision);
      return obj;
    } catch (err) {
      release?.(false);
      throw interpretStorageError(err, this.gr, meta.name!);
    }
  }

  /**
   * Read-modify-write. `mutate` gets a private copy of the current object (or undefined when it
   * does not exist and `allowCreate`) and returns the desired object. Without retryOnConflict, a
   * resourceVersion in the returned object must match the current one (409 otherwise).
   */
  async update(
    ctx: RequestContext,
    namespace: string | undefined,
    name: string,
    mutate: (current: KubeObject | undefined) => KubeObject | Promise<KubeObject>,
    opts: UpdateOptions = {},
  ): Promise<{ object: KubeObject; created: boolean }> {
    for (let attempt = 0; ; attempt++) {
      const key = this.key(namespace, name);
      const current = await this.readCurrent(key);
      if (!current) {
        if (!opts.allowCreate) throw newNotFound(this.gr, name);
        const created = await mutate(undefined);
        created.metadata ??= {};
        if (created.metadata.name && created.metadata.name !== name) {
          throw newBadRequest(
            `the name of the object (${created.metadata.name}) does not match the name on the URL (${name})`,
          );
        }
        created.metadata.name = name;
        try {
          return { object: await this.create(ctx, namespace, created), created: true };
        } catch (err) {
          if (StatusError.is(err) && err.reason === 'AlreadyExists' && opts.retryOnConflict && attempt < 5)
            continue;
          throw err;
        }
      }
      const old = current.obj;
      checkPreconditions(this.def, this.gr, old, current.rev, opts);
      const obj = await mutate(opts.sharedCurrent ? old : copyObject(old));
      try {
        return {
          object: await this.writeUpdate(ctx, key, old, current.rev, obj, name, opts),
          created: false,
        };
      } catch (err) {
        if (
          opts.retryOnConflict &&
          attempt < 10 &&
          StatusError.is(err) &&
          err.reason === 'Conflict' &&
          err.details?.causes === undefined
        ) {
          continue;
        }
        throw err;
      }
    }
  }

  private async writeUpdate(
    ctx: RequestContext,
    key: string,
    old: KubeObject,
    expectedRevision: number,
    obj: KubeObject,
    name: string,
    opts: UpdateOptions,
  ): Promise<KubeObject> {
    // Below, the object's top level and metadata change: never those of the shared current one.
    if (opts.sharedCurrent) obj = { ...obj, metadata: { ...obj.metadata } };
    obj.metadata ??= {};
    const meta = obj.metadata;
    if (meta.name && meta.name !== name) {
      throw newBadRequest(
        `the name of the object (${meta.name}) does not match the name on the URL (${name})`,
      );
    }
    if (this.def.namespaced && meta.namespace && meta.namespace !== old.metadata.namespace) {
      throw newBadRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    if (meta.resourceVersion && meta.resourceVersion !== old.metadata.resourceVersion) {
      throw newConflict(this.gr, name, OPTIMISTIC_LOCK_MESSAGE);
    }
    meta.name = name;
    if (this.def.namespaced) meta.namespace = old.metadata.namespace;
    // Server-owned metadata is carried over when the client leaves it out.
    meta.uid ??= old.metadata.uid;
    meta.creationTimestamp ??= old.metadata.creationTimestamp;
    if (opts.markDeletion) {
      // set by the delete path
    } else if (old.metadata.deletionTimestamp) {
      meta.deletionTimestamp = old.metadata.deletionTimestamp;
      meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    } else {
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
    }
    if (meta.managedFields === undefined && old.metadata.managedFields)
      meta.managedFields = old.metadata.managedFields;
    obj.apiVersion = this.apiVersion;
    obj.kind = this.def.kind;
    const sctx = strategyContext(this, ctx, this.clock);
    if (!opts.markDeletion && (!ctx.subresource || ctx.subresource === 'scale'))
      this.def.prepareForUpdate?.(obj, old, sctx);
    // A status write keeps the rest as stored, and a binding goes straight to storage (upstream
    // defaults neither): defaulting the whole object there could also write into the stored
    // object's parts that this one shares (see UpdateOptions.sharedCurrent).
    if (ctx.subresource === 'status') this.def.setStatusDefaults?.(obj);
    else if (!opts.untracked) this.def.setDefaults?.(obj);
    this.deps.omitEmpty?.(obj, this.def.schemaName, old);
    const errs = opts.markDeletion ? [] : this.validationErrors(obj, old, ctx.subresource);
    if (meta.uid !== old.metadata.uid)
      errs.push(fieldErrors.invalid('metadata.uid', meta.uid, 'field is immutable'));
    if (meta.creationTimestamp !== old.metadata.creationTimestamp) {
      meta.creationTimestamp = old.metadata.creationTimestamp;
    }
    if (errs.length) throw newInvalid(this.gk, name, errs);
    if (this.def.warnings) ctx.warnings.push(...this.def.warnings(obj, old));
    const release = await this.hooks.beforeUpdate?.(obj, old, ctx, this);
    try {
      // A finalized object whose last finalizer is gone is deleted, not updated.
      if (meta.deletionTimestamp && !meta.finalizers?.length && this.hooks.readyToDelete?.(obj) !== false) {
        if ((meta.deletionGracePeriodSeconds ?? 0) === 0) {
          if (ctx.dryRun) return obj;
          try {
            const gone = await this.deps.store.delete(key, expectedRevision);
            await this.hooks.afterDelete?.(obj, this);
            obj.metadata.resourceVersion = String(gone.modRevision);
            release?.(true);
            return obj;
          } catch (err) {
            throw interpretStorageError(err, this.gr, name);
          }
        }
      }
      if (sameObject(obj, old)) {
        release?.(false);
        return old;
      }
      if (!ctx.applying && !opts.untracked) this.deps.fieldManager?.update(old, obj, ctx);
      if (ctx.dryRun) {
        release?.(false);
        obj.metadata.resourceVersion = old.metadata.resourceVersion;
        return obj;
      }
      const updated = await this.writeEncoded(key, obj, (text) =>
        this.deps.store.update(key, text, expectedRevision),
      );
      release?.(true);
      obj.metadata.resourceVersion = String(updated.modRevision);
      return obj;
    } catch (err) {
      release?.(false);
      throw interpretStorageError(err, this.gr, name);
    }
  }

  /** Removes the key unconditionally at `expectedRevision` and runs afterDelete. */
  async removeFromStorage(obj: KubeObject, expectedRevision: number): Promise<KubeObject> {
    const name = obj.metadata.name!;
    try {
      const gone = await this.deps.store.delete(this.key(obj.metadata.namespace, name), expectedRevision);
      await this.hooks.afterDelete?.(obj, this);
      const out = deepCopy(obj);
      out.metadata.resourceVersion = String(gone.modRevision);
      return out;
    } catch (err) {
      throw interpretStorageError(err, this.gr, name);
    }
  }

  get storeDeps(): GenericStoreDeps {
    return this.deps;
  }
}
