/**
 * @module util/bounded-cache
 * A size-bounded map for memo tables: two generations of at most `max` entries each. A full
 * young generation becomes the old one (dropping the previous old one), and a hit in the old one
 * moves the entry back to the young one, so entries in use survive and stale ones fall out
 * without a full clear or per-access bookkeeping.
 */
export class BoundedCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(k: K): V | undefined {
    const v = this.young.get(k);
    if (v !== undefined) return v;
    const o = this.old.get(k);
    if (o !== undefined) this.set(k, o);
    return o;
  }

  has(k: K): boolean {
    return this.young.has(k) || this.old.has(k);
  }

  set(k: K, v: V): void {
    if (this.young.size >= this.max) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(k, v);
  }
}
