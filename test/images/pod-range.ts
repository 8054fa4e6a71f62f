/**
 * @module test/images/pod-range
 * Pod ranges for tests that run real pod networks (the oci runtime): each test process claims a
 * /16 of its own so that files running at once never share a range or a bridge.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A /16 of its own per test process (10.200–10.249), claimed with a lock directory that names the
 * claiming process, so that two test files running at once never share a pod range or bridge. A
 * claim whose process is gone is taken over.
 */
export function claimClusterCidr(): { cidr: string; release(): void } {
  for (let n = 200; n < 250; n++) {
    const lock = join(tmpdir(), `kubeling-test-cidr-10.${n}`);
    try {
      mkdirSync(lock);
    } catch {
      let owner = 0;
      try {
        owner = Number(readFileSync(join(lock, 'pid'), 'utf8').trim());
      } catch {
        continue; // being claimed right now
      }
      if (owner && owner !== process.pid && alive(owner)) continue;
    }
    writeFileSync(join(lock, 'pid'), String(process.pid));
    return { cidr: `10.${n}.0.0/16`, release: () => rmSync(lock, { recursive: true, force: true }) };
  }
  throw new Error('no free test pod range in 10.200.0.0-10.249.0.0');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
