/**
 * The test registry as a command, for running kubeling's manifests without internet:
 *
 *     node dist/test/images/cli.js --data-dir DIR [--port N] [--image REF]...
 *
 * builds the test images (or reuses the cached build), starts docker-registry on 127.0.0.1,
 * pushes the images and points `DIR/registries.yaml` at it (docker.io mirrored), then stays in the
 * foreground until SIGINT or SIGTERM, when it stops the registry, removes its storage and puts
 * registries.yaml back as it was.
 * @module
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startTestRegistry, writeRegistriesYaml } from './registry.js';

const USAGE = 'usage: test-registry --data-dir DIR [--port N] [--image REF]...';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      image: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values['data-dir']) throw new Error(`--data-dir is required\n${USAGE}`);
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536))
    throw new Error(`--port: not a port: ${values.port}`);
  const dataDir = resolve(values['data-dir']);

  const started = Date.now();
  const registry = await startTestRegistry({ port, images: values.image });
  const file = `${dataDir}/registries.yaml`;
  const before = await readFile(file, 'utf8').catch(() => undefined);
  await writeRegistriesYaml(dataDir, registry.url);
  console.log(`registry ${registry.url} started in ${Date.now() - started} ms; pushed:`);
  for (const ref of registry.pushed) console.log(`  ${ref}`);
  console.log(`wrote ${file}: docker.io is mirrored to ${registry.url}`);
  console.log('Ctrl-C stops the registry and restores registries.yaml.');

  const shutdown = async (signal: string) => {
    console.log(`${signal}: stopping the registry`);
    await registry.stop();
    if (before === undefined) await rm(file, { force: true });
    else await writeFile(file, before);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`test-registry: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
