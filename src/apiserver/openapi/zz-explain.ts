import { execFileSync } from 'node:child_process';
import { schemas } from '../../api/schema/index.js';
import { OpenApiV3Service } from './service.js';
import { startFakeApiServer } from './testing/fake-apiserver.js';
const verbs = ['create','delete','get','list','patch','update','watch'];
const resources: any[] = [
 { group: '', version: 'v1', kind: 'Pod', plural: 'pods', singular: 'pod', shortNames: ['po'], namespaced: true, verbs, schemaName: 'io.k8s.api.core.v1.Pod', subresources: [] },
 { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', singular: 'deployment', shortNames: [], namespaced: true, verbs, schemaName: 'io.k8s.api.apps.v1.Deployment', subresources: [] },
];
const s = await startFakeApiServer({ openapi: new OpenApiV3Service({ resources, registry: schemas }), resources });
const { execFile } = await import('node:child_process');
const run = (args: string[]) => new Promise<string>((res) => execFile('/usr/lib/google-cloud-sdk/bin/kubectl.1.32', ['--kubeconfig', s.kubeconfig, '--cache-dir', s.cacheDir, ...args], (e, o, er) => res(o + er)));
for (const a of process.argv.slice(2)) console.log((await run(a.split(' '))).slice(0, 2500), '\n=====');
await s.close();
