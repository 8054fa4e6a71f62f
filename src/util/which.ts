/**
 * @module util/which
 * Finding an executable in a list of directories, as the shell's PATH search does.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The first executable `cmd` in `dirs`, or undefined. */
export function whichIn(cmd: string, dirs: string[]): string | undefined {
  for (const dir of dirs) {
    if (!dir) continue;
    const p = join(dir, cmd);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The directories of PATH. */
export const pathDirs = (): string[] => (process.env.PATH ?? '').split(delimiter);
