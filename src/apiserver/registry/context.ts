/**
 * @module apiserver/registry/context
 * What a registry operation knows about the request that caused it.
 */
export interface UserInfo {
  name: string;
  groups: string[];
  /** Set by authenticators that know one (a service account's UID). */
  uid?: string;
  /** Authenticator attributes (`authentication.kubernetes.io/pod-name`, ...). */
  extra?: Record<string, string[]>;
}

export interface RequestContext {
  user: UserInfo;
  /** `dryRun=All`: run every step but the storage write. */
  dryRun: boolean;
  /** Manager recorded in managedFields (query `fieldManager`, else derived from the user agent). */
  fieldManager: string;
  now: Date;
  /** Warnings to return as `Warning: 299` headers. */
  warnings: string[];
  /** Set when the write goes through a subresource (`status`, `scale`, ...). */
  subresource?: string;
  /** Server-side apply: managedFields were already computed by the apply. */
  applying?: boolean;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

/** Writes to managedFields; the server-side-apply machinery implements it. */
export interface FieldManager {
  /** Records an Update (or Apply) by `ctx.fieldManager` of the fields that changed from `old` to `obj`. */
  update(old: Record<string, any> | undefined, obj: Record<string, any>, ctx: RequestContext): void;
}
