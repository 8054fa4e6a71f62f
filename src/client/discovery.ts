/**
 * @module client/discovery
 * Which resources the server serves, read from aggregated discovery (`/api`, `/apis` with the
 * apidiscovery.k8s.io/v2 Accept header). Only each group's first (preferred) version counts.
 */
import type { ResourceRef, RestClient } from './rest-client.js';

const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

export interface DiscoveredResource extends ResourceRef {
  kind: string;
  verbs: string[];
}

interface AggregatedList {
  items?: {
    metadata?: { name?: string };
    versions?: {
      version: string;
      resources?: { resource: string; scope: string; verbs?: string[]; responseKind?: { kind: string } }[];
    }[];
  }[];
}

/** Flattens aggregated discovery documents into resources (pure, for tests). */
export function parseAggregatedDiscovery(...docs: AggregatedList[]): DiscoveredResource[] {
  const out: DiscoveredResource[] = [];
  for (const doc of docs) {
    for (const g of doc.items ?? []) {
      const v = g.versions?.[0];
      if (!v) continue;
      for (const r of v.resources ?? []) {
        out.push({
          group: g.metadata?.name ?? '',
          version: v.version,
          plural: r.resource,
          namespaced: r.scope === 'Namespaced',
          kind: r.responseKind?.kind ?? '',
          verbs: r.verbs ?? [],
        });
      }
    }
  }
  return out;
}

/** Every served resource (subresources excluded). Rejects with ApiError when discovery fails. */
export async function discoverResources(client: RestClient): Promise<DiscoveredResource[]> {
  const [core, groups] = await Promise.all([
    client.getPath<AggregatedList>('/api', AGGREGATED),
    client.getPath<AggregatedList>('/apis', AGGREGATED),
  ]);
  return parseAggregatedDiscovery(core, groups);
}

/** Finds the resource serving `apiVersion`+`kind` (for ownerReferences); undefined when unknown. */
export function resourceForKind(
  all: DiscoveredResource[],
  apiVersion: string,
  kind: string,
): DiscoveredResource | undefined {
  const i = apiVersion.indexOf('/');
  const group = i < 0 ? '' : apiVersion.slice(0, i);
  return all.find((r) => r.group === group && r.kind === kind);
}
