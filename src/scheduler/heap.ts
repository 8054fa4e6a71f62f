/**
 * @module scheduler/heap
 * A binary min-heap keyed by string, with removal and in-place update by key (for the active
 * and back-off queues).
 */
export class KeyedHeap<T> {
  private readonly items: { key: string; value: T }[] = [];
  private readonly index = new Map<string, number>();

  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  get(key: string): T | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.items[i].value;
  }

  peek(): T | undefined {
    return this.items[0]?.value;
  }

  /** Adds, or replaces the value under `key` and restores the order. */
  push(key: string, value: T): void {
    const i = this.index.get(key);
    if (i !== undefined) {
      this.items[i].value = value;
      this.fix(i);
      return;
    }
    this.items.push({ key, value });
    this.index.set(key, this.items.length - 1);
    this.up(this.items.length - 1);
  }

  pop(): T | undefined {
    if (!this.items.length) return undefined;
    return this.removeAt(0);
  }

  delete(key: string): T | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.removeAt(i);
  }

  values(): T[] {
    return this.items.map((e) => e.value);
  }

  private removeAt(i: number): T {
    const out = this.items[i];
    const last = this.items.pop()!;
    this.index.delete(out.key);
    if (i < this.items.length) {
      this.items[i] = last;
      this.index.set(last.key, i);
      this.fix(i);
    }
    return out.value;
  }

  private fix(i: number): void {
    if (!this.up(i)) this.down(i);
  }

  private swap(i: number, j: number): void {
    const a = this.items[i];
    this.items[i] = this.items[j];
    this.items[j] = a;
    this.index.set(this.items[i].key, i);
    this.index.set(this.items[j].key, j);
  }

  private up(i: number): boolean {
    let moved = false;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(this.items[i].value, this.items[p].value)) break;
      this.swap(i, p);
      i = p;
      moved = true;
    }
    return moved;
  }

  private down(i: number): void {
    const n = this.items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(this.items[l].value, this.items[m].value)) m = l;
      if (r < n && this.less(this.items[r].value, this.items[m].value)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
