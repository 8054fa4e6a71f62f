/**
 * @module util/launcher/host
 * The launcher this process uses: the Perl helper (./perl-launcher.ts) where Perl runs on a known
 * architecture, else Node's spawn. `KUBELING_LAUNCHER=node` picks Node's spawn (for comparisons).
 */
import { pathDirs, whichIn } from '../which.js';
import type { Launcher } from './launcher.js';
import { NodeLauncher } from './node-launcher.js';
import { PerlLauncher, perlLauncherSupported } from './perl-launcher.js';

let current: Launcher | undefined;

export function hostLauncher(): Launcher {
  if (current) return current;
  const wanted = process.env.KUBELING_LAUNCHER !== 'node' && perlLauncherSupported();
  const perl = wanted ? whichIn('perl', pathDirs()) : undefined;
  current = perl ? new PerlLauncher(perl) : new NodeLauncher();
  return current;
}
