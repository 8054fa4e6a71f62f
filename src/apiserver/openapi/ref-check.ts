/**
 * @module apiserver/openapi/ref-check
 * Consistency checks of a generated OpenAPI v3 document, used by tests and by a startup
 * self-check: every `$ref` must name an existing component or parameter.
 */
import { refPrefix } from './components.js';

/** `$ref` targets (as written) that the document does not define; empty when all resolve. */
export function danglingRefs(doc: unknown): string[] {
  const d = doc as {
    components?: { schemas?: Record<string, unknown>; parameters?: Record<string, unknown> };
  };
  const schemas = d.components?.schemas ?? {};
  const parameters = d.components?.parameters ?? {};
  const bad = new Set<string>();
  for (const target of allRefs(doc)) {
    if (target.startsWith(refPrefix)) {
      if (!(target.slice(refPrefix.length) in schemas)) bad.add(target);
    } else if (target.startsWith('#/components/parameters/')) {
      if (!(target.slice('#/components/parameters/'.length) in parameters)) bad.add(target);
    } else {
      bad.add(target);
    }
  }
  return [...bad].sort();
}

function allRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const v of node) allRefs(v, out);
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else allRefs(v, out);
    }
  }
  return out;
}
