import { execFileSync } from 'node:child_process';
import { resources as allResources } from './src/api/registry.js';
import { schemas } from './src/api/schema/index.js';
import { OpenApiV3Service } from './src/apiserver/openapi/service.js';
import { startFakeApiServer } from './src/apiserver/openapi/testing/fake-apiserver.js';
const served = allResources.filter((r) => (r.group === '' && (r.plural === 'pods' || r.plural === 'services')) || r.plural === 'deployments');
const openapi = new OpenApiV3Service({ resources: allResources, registry: schemas });
const server = await startFakeApiServer({ openapi, resources: served as any });
for (const args of [['explain', '--output=plaintext-openapiv2', 'pod.spec.containers'], ['explain', '--output=plaintext-openapiv2', 'deployment.spec.strategy'], ['explain', '--output=plaintext-openapiv2', 'pod.spec.containers.resources.limits']]) {
  try {
    console.log(execFileSync('/usr/lib/google-cloud-sdk/bin/kubectl.1.32', ['--kubeconfig', server.kubeconfig, '--cache-dir', server.cacheDir, ...args], { encoding: 'utf8' }).slice(0, 2500));
  } catch (e: any) { console.log('ERR', e.stderr); }
}
console.log(server.requests.filter(r => r.url.includes('openapi')).map((r) => r.url));
await server.close();
