/**
 * @module apiserver/discovery
 * `/api`, `/apis` (aggregated v2 when asked, legacy otherwise) and the per-group-version
 * APIResourceLists, all computed once from the resource registry.
 */
import type { ResourceDefinition } from '../api/types.js';

export const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

interface GroupVersions {
  group: string;
  versions: string[];
}

function groupsOf(defs: ResourceDefinition[]): GroupVersions[] {
  const out: GroupVersions[] = [];
  for (const d of defs) {
    let g = out.find((x) => x.group === d.group);
    if (!g) out.push((g = { group: d.group, versions: [] }));
    if (!g.versions.includes(d.version)) g.versions.push(d.version);
  }
  return out;
}

function scopeOf(d: ResourceDefinition): 'Namespaced' | 'Cluster' {
  return d.namespaced ? 'Namespaced' : 'Cluster';
}

function aggregatedResource(d: ResourceDefinition) {
  const r: Record<string, unknown> = {
    resource: d.plural,
    responseKind: { group: d.group, version: d.version, kind: d.kind },
    scope: scopeOf(d),
    singularResource: d.singular,
    verbs: d.verbs,
  };
  if (d.shortNames.length) r.shortNames = d.shortNames;
  if (d.categories.length) r.categories = d.categories;
  if (d.subresources.length) {
    r.subresources = d.subresources.map((s) => ({
      subresource: s.name,
      responseKind: s.responseKind,
      verbs: s.verbs,
    }));
  }
  return r;
}

export class Discovery {
  private readonly groups: GroupVersions[];
  private readonly aggregatedCore: string;
  private readonly aggregatedGroups: string;
  private readonly legacyGroupList: string;
  private readonly resourceLists = new Map<string, string>();
  private readonly groupDocs = new Map<string, string>();

  constructor(
    private readonly defs: ResourceDefinition[],
    serverAddress = '',
  ) {
    this.groups = groupsOf(defs);
    const item = (g: GroupVersions) => ({
      metadata: { name: g.group, creationTimestamp: null },
      versions: g.versions.map((v) => ({
        version: v,
        resources: defs
          .filter((d) => d.group === g.group && d.version === v && d.verbs.length)
          .map(aggregatedResource),
        freshness: 'Current',
      })),
    });
    const list = (items: unknown[]) => ({
      kind: 'APIGroupDiscoveryList',
      apiVersion: 'apidiscovery.k8s.io/v2',
      metadata: {},
      items,
    });
    this.aggregatedCore = JSON.stringify(list(this.groups.filter((g) => g.group === '').map(item)));
    this.aggregatedGroups = JSON.stringify(list(this.groups.filter((g) => g.group !== '').map(item)));
    const groupEntry = (g: GroupVersions) => ({
      name: g.group,
      versions: g.versions.map((v) => ({ groupVersion: `${g.group}/${v}`, version: v })),
      preferredVersion: { groupVersion: `${g.group}/${g.versions[0]}`, version: g.versions[0] },
    });
    this.legacyGroupList = JSON.stringify({
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: this.groups.filter((g) => g.group !== '').map(groupEntry),
    });
    for (const g of this.groups) {
      if (g.group)
        this.groupDocs.set(g.group, JSON.stringify({ kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(g) }));
      for (const v of g.versions) {
        const gv = g.group ? `${g.group}/${v}` : v;
        const resources: Record<string, unknown>[] = [];
        for (const d of defs.filter((x) => x.group === g.group && x.version === v)) {
          const r: Record<string, unknown> = {
            name: d.plural,
            singularName: d.singular,
            namespaced: d.namespaced,
            kind: d.kind,
            verbs: d.verbs,
          };
          if (d.shortNames.length) r.shortNames = d.shortNames;
          if (d.categories.length) r.categories = d.categories;
          resources.push(r);
          for (const s of d.subresources) {
            const sr: Record<string, unknown> = {
              name: `${d.plural}/${s.name}`,
              singularName: '',
              namespaced: d.namespaced,
              kind: s.responseKind.kind,
              verbs: s.verbs,
            };
            if (s.responseKind.group !== d.group || s.responseKind.version !== d.version) {
              sr.group = s.responseKind.group;
              sr.version = s.responseKind.version;
            }
            resources.push(sr);
          }
        }
        this.resourceLists.set(
          gv,
          JSON.stringify({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources }),
        );
      }
    }
    this.serverAddress = serverAddress;
  }

  private serverAddress: string;

  /** True when the Accept header asks for aggregated discovery v2. */
  static wantsAggregated(accept: string | undefined): boolean {
    return !!accept && /as=APIGroupDiscoveryList/.test(accept) && /v=v2(?!beta)/.test(accept);
  }

  coreAggregated(): string {
    return this.aggregatedCore;
  }
  groupsAggregated(): string {
    return this.aggregatedGroups;
  }
  coreVersions(): string {
    return JSON.stringify({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: this.serverAddress }],
    });
  }
  groupList(): string {
    return this.legacyGroupList;
  }
  group(name: string): string | undefined {
    return this.groupDocs.get(name);
  }
  resourceList(groupVersion: string): string | undefined {
    return this.resourceLists.get(groupVersion);
  }

  groupVersions(): { group: string; version: string }[] {
    return this.groups.flatMap((g) => g.versions.map((version) => ({ group: g.group, version })));
  }

  definitions(): ResourceDefinition[] {
    return this.defs;
  }
}
