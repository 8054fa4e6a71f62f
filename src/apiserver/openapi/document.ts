/**
 * @module apiserver/openapi/document
 * Builds the OpenAPI v3 document of one group-version (`/openapi/v3/api/v1`,
 * `/openapi/v3/apis/apps/v1`) from the resources it serves and the schema model. kubectl needs it
 * for `explain` and for the default `--validate=strict` of apply, create, replace and edit.
 */
import type { SchemaGVK, SchemaRegistry, TypeSchema } from '../../api/schema/model.js';
import { collectComponents, refPrefix, type OpenApiSchema } from './components.js';
import { listSchemaName, metaNames, resourcePaths, type OpenApiResource, type PathItem } from './paths.js';

export type { OpenApiResource } from './paths.js';

export interface GroupVersion {
  group: string;
  version: string;
}

/** Shapes of the apimachinery helper types when the registry does not describe them. */
const fallbackComponents: Record<string, OpenApiSchema> = {
  [metaNames.patch]: {
    description: 'The body of a PATCH request; its format is given by the request content type.',
    type: 'object',
  },
  [metaNames.watchEvent]: {
    description: 'One event of a watch stream.',
    properties: {
      object: {
        allOf: [{ $ref: refPrefix + 'io.k8s.apimachinery.pkg.runtime.RawExtension' }],
        description: 'The object the event is about: the changed object, a bookmark, or a Status on ERROR.',
      },
      type: { default: '', description: 'ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.', type: 'string' },
    },
    required: ['type', 'object'],
    type: 'object',
  },
};

/** The component name of a kind, guessed from upstream's naming when the registry lacks it. */
export function kindResolver(registry: Pick<SchemaRegistry, 'forKind'>, resources: OpenApiResource[]) {
  return (gvk: SchemaGVK): string => {
    const own = resources.find(
      (r) => r.group === gvk.group && r.version === gvk.version && r.kind === gvk.kind,
    );
    if (own) return own.schemaName;
    const found = registry.forKind(gvk.group, gvk.version, gvk.kind);
    if (found) return found.name;
    const pkg = gvk.group ? gvk.group.split('.')[0] : 'core';
    return `io.k8s.api.${pkg}.${gvk.version}.${gvk.kind}`;
  };
}

/** A `FooList` type for a kind whose list the registry does not describe. */
function syntheticList(r: OpenApiResource): TypeSchema {
  return {
    name: listSchemaName(r),
    description: `A list of ${r.kind} objects.`,
    gvk: [{ group: r.group, version: r.version, kind: `${r.kind}List` }],
    fields: {
      apiVersion: {
        type: { kind: 'scalar', scalar: 'string' },
        proto: 0,
        description: 'The versioned schema of this representation of the list.',
      },
      items: {
        type: { kind: 'array', items: { kind: 'ref', ref: r.schemaName } },
        proto: 2,
        description: `The ${r.kind} objects.`,
        required: true,
      },
      kind: {
        type: { kind: 'scalar', scalar: 'string' },
        proto: 0,
        description: 'The REST resource this list represents.',
      },
      metadata: {
        type: { kind: 'ref', ref: metaNames.listMeta },
        proto: 1,
        description: 'Standard list metadata.',
      },
    },
  };
}

/** What `describeGroupVersion` produces: the document and the schema names nothing described. */
export interface BuiltDocument {
  document: Record<string, unknown>;
  /** Referenced schema names found in neither the registry nor the built-in fallbacks (stubbed). */
  missing: string[];
}

/**
 * Builds one group-version's document. Only resources of that group-version contribute paths;
 * `components.schemas` holds every type reachable from them, including types of other groups
 * (ObjectMeta, autoscaling/v1 Scale). Deterministic: same input, same JSON text.
 */
export function describeGroupVersion(
  gv: GroupVersion,
  resources: OpenApiResource[],
  registry: Pick<SchemaRegistry, 'get' | 'forKind'>,
): BuiltDocument {
  const mine = resources
    .filter((r) => r.group === gv.group && r.version === gv.version)
    .sort((a, b) => a.plural.localeCompare(b.plural));
  const resolveKind = kindResolver(registry, mine);
  const extra = new Map<string, TypeSchema | OpenApiSchema>();
  for (const [name, schema] of Object.entries(fallbackComponents)) {
    if (!registry.get(name)) extra.set(name, schema);
  }
  const roots = new Set<string>([
    metaNames.status,
    metaNames.deleteOptions,
    metaNames.watchEvent,
    metaNames.patch,
  ]);
  const allPaths: Record<string, PathItem> = {};
  for (const r of mine) {
    Object.assign(allPaths, resourcePaths(r, resolveKind));
    roots.add(r.schemaName);
    const list = listSchemaName(r);
    if (!registry.get(list)) extra.set(list, syntheticList(r));
    if (r.verbs.includes('list')) roots.add(list);
    for (const sub of r.subresources) {
      if (sub.name !== 'log' && !sub.responseKind.kind.endsWith('Options'))
        roots.add(resolveKind(sub.responseKind));
    }
  }
  const { schemas, missing } = collectComponents(roots, registry, extra);
  const paths: Record<string, PathItem> = {};
  for (const p of Object.keys(allPaths).sort()) paths[p] = allPaths[p];
  return {
    document: {
      openapi: '3.0.0',
      info: { title: 'Kubernetes', version: 'unversioned' },
      paths,
      components: { schemas },
    },
    missing,
  };
}

/** The OpenAPI v3 document of one group-version, as served at `/openapi/v3/<gv path>`. */
export function buildOpenApiV3(
  groupVersion: GroupVersion,
  resources: OpenApiResource[],
  registry: SchemaRegistry,
): object {
  return describeGroupVersion(groupVersion, resources, registry).document;
}
