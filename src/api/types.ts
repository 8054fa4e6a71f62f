/**
 * @module api/types
 * What one served resource is: its names, its rules (defaults, validation, strategy), its table
 * printer and its field selectors. Each resource folder exports one `ResourceDefinition`; the
 * registry (`api/registry.ts`) lists them all, and the generic REST store does the CRUD.
 */
import type { FieldError } from '../machinery/field-errors.js';
import type { KubeObject } from '../machinery/meta.js';

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** One column of a meta/v1 Table, as upstream declares it (name, type, format, priority). */
export interface TableColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: string;
  description: string;
  /** 0 = always shown; 1 = shown by `kubectl get -o wide` only. */
  priority: number;
}

/** A cell as it goes on the wire: strings, integers or booleans. */
export type TableCell = string | number | boolean | null;

/** A row's extra conditions (upstream marks completed pods with `Completed`). */
export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/**
 * Produces server-side Table rows. Pure: `now` comes from the caller's clock so AGE columns are
 * testable. Always returns every cell, wide columns included, in `columns` order.
 */
export interface TablePrinter<T extends KubeObject = KubeObject> {
  columns: TableColumn[];
  row(obj: T, now: Date): { cells: TableCell[]; conditions?: TableRowCondition[] };
}

/** Reads one field-selector label (e.g. `spec.nodeName`) from an object; `undefined` = unsupported. */
export type FieldGetter<T extends KubeObject = KubeObject> = (obj: T) => string;

/** Context handed to strategy hooks: who is asking, and the clock. */
export interface StrategyContext {
  now: Date;
  /** `status`, `scale`, `binding`... when the write goes through a subresource. */
  subresource?: string;
  /**
   * The served objects of another (cluster-scoped) resource, from the watch cache: what admission
   * reads (PriorityClasses for a new pod). Shared and read-only.
   */
  objectsOf?(group: string, plural: string): Iterable<KubeObject>;
  /**
   * Another resource's object by name, from the watch cache or else from storage (what admission
   * looks up: the ServiceAccount of a new pod). Shared and read-only.
   */
  lookup?(
    group: string,
    plural: string,
    namespace: string | undefined,
    name: string,
  ): Promise<KubeObject | undefined>;
  /** Waits on the API server's clock (admission that retries a lookup). */
  sleep?(ms: number): Promise<void>;
}

export interface SubresourceDefinition {
  name: string;
  /** The kind the subresource answers with (`Scale` in `autoscaling/v1` for `scale`). */
  responseKind: GroupVersionKind;
  verbs: string[];
}

/**
 * The rules of one resource. Hooks run in this order, the same for every kind:
 * create:  setDefaults → (managedFields) → prepareForCreate → setDefaults → validateCreate → (store)
 * update:  prepareForUpdate → setDefaults → validateUpdate → (store)
 * `validate*` never change the object; `prepare*` and `setDefaults` may.
 */
export interface ResourceDefinition<T extends KubeObject = KubeObject> {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  /** Lower-case plural used in URLs: `pods`. */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: SubresourceDefinition[];
  /** Fully qualified schema name (`io.k8s.api.core.v1.Pod`) in the schema registry. */
  schemaName: string;

  /** Resets fields clients may not set on create (status, generation). */
  /** May return a promise (admission that looks something up); the create waits for it. */
  prepareForCreate?(obj: T, ctx: StrategyContext): void | Promise<void>;
  /** Carries over what an update of the main resource may not change (status), bumps generation. */
  prepareForUpdate?(obj: T, old: T, ctx: StrategyContext): void;
  /** Fills in upstream defaults, in place. Runs on create and update (and after patches). */
  setDefaults?(obj: T): void;
  /**
   * The defaults of a write through the `status` subresource, which keeps everything but the
   * status as stored (upstream resets it): only the status may be filled in here, in place.
   */
  setStatusDefaults?(obj: T): void;
  validateCreate?(obj: T): FieldError[];
  validateUpdate?(obj: T, old: T): FieldError[];
  /** Validates a write through the `status` subresource (only status may have changed). */
  validateStatusUpdate?(obj: T, old: T): FieldError[];
  /** Validates writes through other subresources, by name (pods' `ephemeralcontainers`). */
  subresourceValidation?: Record<string, (obj: T, old: T) => FieldError[]>;
  /** Non-fatal warnings, sent as `Warning: 299` headers. */
  warnings?(obj: T, old?: T): string[];
  printer?: TablePrinter<T>;
  /** Field selectors beyond metadata.name / metadata.namespace, keyed by label. */
  fieldSelectors?: Record<string, FieldGetter<T>>;
  /**
   * A field label (one of fieldSelectors) whose watches are indexed, as upstream's indexed
   * triggers: a watch selecting `label=value` is only woken by objects with that value (pods by
   * `spec.nodeName`, so each node's watch does not test every pod of the cluster).
   */
  watchIndex?: string;
  /**
   * Set when this resource is another view of objects stored under a different resource
   * (events.k8s.io Events are core Events): where they live and how to convert.
   */
  storage?: {
    group: string;
    plural: string;
    fromStorage(obj: KubeObject): T;
    toStorage(obj: T): KubeObject;
  };
  /** PUT of a missing object creates it (upstream's AllowCreateOnUpdate: events, endpoints, leases). */
  allowCreateOnUpdate?: boolean;
  /** True for kinds whose objects the apiserver never stores (reviews, bindings). */
  virtual?: boolean;
}
