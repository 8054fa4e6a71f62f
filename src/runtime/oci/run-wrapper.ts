/**
 * @module runtime/oci/run-wrapper
 * The runtime conmon is given: runc, except that conmon's `create` becomes `run --detach`, so a
 * container is created and started by one runc process instead of two (a runc process costs
 * several milliseconds of CPU). conmon waits for it as for `create`, then finds the pid in the pid
 * file and stays the container's parent; the container runs from the moment its create returns,
 * which is when the kubelet's StartContainer returns too. A start that fails (a missing
 * executable) fails this call, and its message reads as runc's create failure does on containerd.
 * runc runs from the launcher's sealed copy when conmon was given it at fd 9 (./runc.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Writes the wrapper for `runc` into `dir`; returns its path. */
export function writeRunWrapper(dir: string, runc: string, sealedLink?: string): string {
  const path = join(dir, 'runc-run');
  const script = [
    '#!/bin/sh',
    '# Written by kubeling: conmon`s create becomes `runc run --detach`.',
    'done=',
    'for a do',
    '  shift',
    '  if [ -z "$done" ] && [ "$a" = create ]; then set -- "$@" run --detach; done=1',
    '  else set -- "$@" "$a"; fi',
    'done',
    // The link resolves in this shell: to the sealed copy at fd 9 when conmon got one.
    ...(sealedLink ? [`[ -x ${quote(sealedLink)} ] && exec ${quote(sealedLink)} "$@"`] : []),
    `exec ${quote(runc)} "$@"`,
    '',
  ].join('\n');
  writeFileSync(path, script, { mode: 0o755 });
  return path;
}

/** runc's `run` failure, worded as the `create` failure containerd reports for it. */
export const asCreateFailure = (message: string): string =>
  message.replace(/^runc run failed:/, 'runc create failed:');
