/**
 * @module machinery/names
 * Generated object names (metadata.generateName and the names admission makes up).
 */

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** Upstream's generateName suffix: five characters without vowels or look-alikes. */
export function randomSuffix(n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHANUMS[Math.floor(Math.random() * ALPHANUMS.length)];
  return s;
}
