/**
 * @module machinery/patch/ssa/fieldset
 * Sets of field paths, as server-side apply records ownership: a trie whose nodes hold "members"
 * (paths that are in the set) and "children" (paths with members below them). Serializes to and from
 * upstream's FieldsV1 JSON: one key per path element in upstream's order, `{}` for a member leaf, a
 * nested object for children, and `".": {}` inside it when the element itself is also a member.
 * Values are immutable from the outside: every operation returns a new set, which shares the
 * subtrees it did not change with its inputs (so only a set under construction may be mutated).
 */
import { compareElements, parseElement, serializeElement, type Path, type PathElement } from './path.js';

/** One element of a set in order: the element, its FieldsV1 key, whether it is a member, what is below. */
type Entry = [PathElement, boolean, FieldSet | undefined, string];

export class FieldSet {
  /** serialized element → element, for paths ending here (created when first needed). */
  private members?: Map<string, PathElement>;
  /** serialized element → subtree, for paths continuing below (created when first needed). */
  private children?: Map<string, { pe: PathElement; set: FieldSet }>;
  /**
   * This set's FieldsV1 as managed-fields encodes it (frozen, shared by every object that carries
   * this set); filled in there, cleared by insertMut.
   */
  canonicalV1?: Record<string, unknown>;
  /** Memos of sortedEntries and of the FieldsV1 text's entries; subtrees are shared, so they pay. */
  private sortedMemo?: Entry[];
  private textMemo?: string;

  static of(...paths: Path[]): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insertMut(p);
    return s;
  }

  /** Adds a path in place; only for building a set before it is shared. */
  insertMut(path: Path): void {
    if (path.length === 0) return;
    this.canonicalV1 = undefined;
    this.forget();
    const last = path[path.length - 1];
    let node: FieldSet | undefined;
    for (let i = 0; i < path.length - 1; i++) {
      node = (node ?? this).childMut(path[i]);
      node.forget();
    }
    const target = node ?? this;
    (target.members ??= new Map()).set(serializeElement(last), last);
  }

  private forget(): void {
    this.sortedMemo = undefined;
    this.textMemo = undefined;
  }

  private childMut(pe: PathElement): FieldSet {
    const k = serializeElement(pe);
    const children = (this.children ??= new Map());
    let c = children.get(k);
    if (!c) {
      c = { pe, set: new FieldSet() };
      children.set(k, c);
    }
    return c.set;
  }

  has(path: Path): boolean {
    if (path.length === 0) return false;
    const [first, ...rest] = path;
    if (rest.length === 0) return this.members?.has(serializeElement(first)) ?? false;
    return this.children?.get(serializeElement(first))?.set.has(rest) ?? false;
  }

  /** The subtree below `pe`, or undefined. */
  child(pe: PathElement): FieldSet | undefined {
    return this.children?.get(serializeElement(pe))?.set;
  }

  hasMember(pe: PathElement): boolean {
    return this.members?.has(serializeElement(pe)) ?? false;
  }

  isEmpty(): boolean {
    if (this.members?.size) return false;
    if (this.children) for (const c of this.children.values()) if (!c.set.isEmpty()) return false;
    return true;
  }

  /** No members and no children at all (a cheap, shallow emptiness test). */
  private get bare(): boolean {
    return !this.members?.size && !this.children?.size;
  }

  /** A shallow copy (new maps, same members and subtrees), to change before sharing. */
  private copy(): FieldSet {
    const out = new FieldSet();
    if (this.members?.size) out.members = new Map(this.members);
    if (this.children?.size) out.children = new Map(this.children);
    return out;
  }

  private addMember(k: string, pe: PathElement): void {
    (this.members ??= new Map()).set(k, pe);
  }

  private addChild(k: string, c: { pe: PathElement; set: FieldSet }): void {
    (this.children ??= new Map()).set(k, c);
  }

  /** The union; a subtree that `other` adds nothing to is this set's own (memos and all). */
  union(other: FieldSet): FieldSet {
    if (other.bare || other === this) return this;
    if (this.bare) return other;
    let out: FieldSet | undefined;
    if (other.members) {
      for (const [k, pe] of other.members) {
        if (this.members?.has(k)) continue;
        out ??= this.copy();
        out.addMember(k, pe);
      }
    }
    if (other.children) {
      for (const [k, c] of other.children) {
        const mine = this.children?.get(k);
        const sub = mine ? mine.set.union(c.set) : c.set;
        if (mine && sub === mine.set) continue;
        out ??= this.copy();
        out.addChild(k, mine ? { pe: mine.pe, set: sub } : c);
      }
    }
    return out ?? this;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    if (this.members) for (const [k, pe] of this.members) if (other.members?.has(k)) out.addMember(k, pe);
    if (this.children) {
      for (const [k, c] of this.children) {
        const o = other.children?.get(k);
        if (!o) continue;
        const sub = c.set.intersection(o.set);
        if (!sub.isEmpty()) out.addChild(k, { pe: c.pe, set: sub });
      }
    }
    return out;
  }

  /** Whether some path is a member of both sets (when not, `difference(other)` equals this set). */
  intersects(other: FieldSet): boolean {
    if (this.members?.size && other.members?.size) {
      const [small, large] =
        this.members.size <= other.members.size
          ? [this.members, other.members]
          : [other.members, this.members];
      for (const k of small.keys()) if (large.has(k)) return true;
    }
    if (this.children && other.children) {
      for (const [k, c] of this.children) {
        const o = other.children.get(k);
        if (o && c.set.intersects(o.set)) return true;
      }
    }
    return false;
  }

  /** Whether every member of `other` is a member of this set (then `other.union(this)` equals this). */
  includes(other: FieldSet): boolean {
    if (other === this) return true;
    if (other.members) for (const k of other.members.keys()) if (!this.members?.has(k)) return false;
    if (other.children) {
      for (const [k, o] of other.children) {
        const c = this.children?.get(k);
        if (c ? !c.set.includes(o.set) : !o.set.isEmpty()) return false;
      }
    }
    return true;
  }

  difference(other: FieldSet): FieldSet {
    if (other.bare || this.bare) return this;
    // First what changes, so that a set the other does not reach is returned as it is.
    let memberHit = false;
    if (this.members && other.members) {
      for (const k of this.members.keys()) {
        if (other.members.has(k)) {
          memberHit = true;
          break;
        }
      }
    }
    let changedSubs: Map<string, FieldSet> | undefined;
    if (this.children && other.children) {
      for (const [k, c] of this.children) {
        const o = other.children.get(k);
        if (!o) continue;
        const sub = c.set.difference(o.set);
        if (sub !== c.set) (changedSubs ??= new Map()).set(k, sub);
      }
    }
    if (!memberHit && !changedSubs) return this;
    const out = new FieldSet();
    if (this.members) for (const [k, pe] of this.members) if (!other.members?.has(k)) out.addMember(k, pe);
    if (this.children) {
      for (const [k, c] of this.children) {
        const sub = changedSubs?.get(k);
        if (!sub) out.addChild(k, c);
        else if (!sub.isEmpty()) out.addChild(k, { pe: c.pe, set: sub });
      }
    }
    return out;
  }

  /** This set without everything at or below `prefix`. */
  withoutSubtree(prefix: Path): FieldSet {
    if (prefix.length === 0) return new FieldSet();
    return this.without(prefix, 0);
  }

  private without(prefix: Path, i: number): FieldSet {
    const k = serializeElement(prefix[i]);
    if (i === prefix.length - 1) {
      if (!this.members?.has(k) && !this.children?.has(k)) return this;
      const out = this.copy();
      out.members?.delete(k);
      out.children?.delete(k);
      return out;
    }
    const c = this.children?.get(k);
    if (!c) return this;
    const sub = c.set.without(prefix, i + 1);
    if (sub === c.set) return this;
    const out = this.copy();
    out.addChild(k, { pe: c.pe, set: sub });
    return out;
  }

  equals(other: FieldSet): boolean {
    return this.difference(other).isEmpty() && other.difference(this).isEmpty();
  }

  /** Every member path, in upstream's order (a path before the paths below it). */
  paths(): Path[] {
    const out: Path[] = [];
    for (const [pe, isMember, sub] of this.sortedEntries()) {
      if (isMember) out.push([pe]);
      if (sub) for (const p of sub.paths()) out.push([pe, ...p]);
    }
    return out;
  }

  private sortedEntries(): Entry[] {
    return (this.sortedMemo ??= this.computeSortedEntries());
  }

  private computeSortedEntries(): Entry[] {
    const entries: Entry[] = [];
    const { members, children } = this;
    if (members) {
      for (const [k, pe] of members) {
        const sub = children?.get(k);
        entries.push([pe, true, sub && !sub.set.isEmpty() ? sub.set : undefined, k]);
      }
    }
    if (children) {
      for (const [k, c] of children) {
        if (!members?.has(k) && !c.set.isEmpty()) entries.push([c.pe, false, c.set, k]);
      }
    }
    sortEntries(entries);
    return entries;
  }

  /** The FieldsV1 JSON object (`{"f:metadata":{"f:labels":{"f:app":{}}}}`). */
  toFieldsV1(): Record<string, unknown> {
    return this.emit(false);
  }

  /** JSON.stringify(toFieldsV1()), built without the object. */
  toFieldsV1Text(): string {
    return this.emitText(false);
  }

  private emitText(self: boolean): string {
    const body = (this.textMemo ??= this.entriesText());
    return self && body !== '' ? `{".":{},${body}}` : `{${body}}`;
  }

  private entriesText(): string {
    let out = '';
    for (const [, isMember, sub, key] of this.sortedEntries()) {
      if (out !== '') out += ',';
      out += JSON.stringify(key) + ':' + (sub ? sub.emitText(isMember) : '{}');
    }
    return out;
  }

  private emit(self: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const entries = this.sortedEntries();
    if (self && entries.length > 0) out['.'] = {};
    for (const [, isMember, sub, key] of entries) {
      out[key] = sub ? sub.emit(isMember) : {};
    }
    return out;
  }

  /** Parses FieldsV1 JSON; throws Error on a malformed key. */
  static fromFieldsV1(json: unknown): FieldSet {
    const out = new FieldSet();
    out.read(json);
    return out;
  }

  private read(json: unknown): void {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return;
    for (const [k, v] of Object.entries(json as Record<string, unknown>)) {
      if (k === '.') continue;
      // A field key is already in its one spelling; other kinds are normalized (key order, escapes).
      const isField = k.length > 2 && k[0] === 'f' && k[1] === ':';
      const pe = isField ? { field: k.slice(2) } : parseElement(k);
      const sk = isField ? k : serializeElement(pe);
      const body = (v ?? {}) as Record<string, unknown>;
      const keys = Object.keys(body);
      if (keys.length === 0 || '.' in body) this.addMember(sk, pe);
      if (keys.some((x) => x !== '.')) this.childMut(pe).read(body);
    }
  }
}

/** Sorts in place in upstream's element order: insertion sort for the usual few entries. */
function sortEntries(entries: Entry[]): void {
  if (entries.length > 24) {
    entries.sort((a, b) => compareElements(a[0], b[0]));
    return;
  }
  for (let i = 1; i < entries.length; i++) {
    const e = entries[i];
    let j = i - 1;
    while (j >= 0 && compareElements(entries[j][0], e[0]) > 0) {
      entries[j + 1] = entries[j];
      j--;
    }
    entries[j + 1] = e;
  }
}
