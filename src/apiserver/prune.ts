/**
 * @module apiserver/prune
 * Removes unknown fields (reported as paths like `spec.containers[0].foo`) from a decoded
 * object, as Go's decoder drops them: what is stored never carries fields the schema lacks.
 */

/** Splits `a.b[0].c` into ['a', 'b', 0, 'c']; keys containing dots are resolved against the object. */
function removePath(root: unknown, path: string): void {
  let node: any = root;
  let rest = path;
  while (rest.length) {
    if (rest.startsWith('[')) {
      const end = rest.indexOf(']');
      const idx = Number(rest.slice(1, end));
      rest = rest.slice(end + 1).replace(/^\./, '');
      if (!Array.isArray(node)) return;
      if (!rest.length) return; // never delete array elements
      node = node[idx];
      continue;
    }
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
    // Longest existing key that is a prefix of the remaining path (keys may contain dots).
    let key: string | undefined;
    for (const k of Object.keys(node)) {
      if (
        (rest === k || rest.startsWith(k + '.') || rest.startsWith(k + '[')) &&
        (!key || k.length > key.length)
      )
        key = k;
    }
    if (key === undefined) return;
    rest = rest.slice(key.length);
    if (!rest.length) {
      delete node[key];
      return;
    }
    rest = rest.replace(/^\./, '');
    node = node[key];
  }
}

export function pruneFields(obj: unknown, paths: string[]): void {
  for (const p of paths) removePath(obj, p);
}
