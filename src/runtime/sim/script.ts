/**
 * @module runtime/sim/script
 * Parses the `sim.kubeling.io/…` pod annotations (see ./README.md) into a per-container script.
 * Pure: no clock, no state. Invalid values throw `ScriptError`, whose message names the annotation,
 * so the runtime can fail the container create with a message the user sees in `kubectl describe`.
 */

export const SIM_PREFIX = 'sim.kubeling.io/';

export type ProbeKindName = 'liveness' | 'readiness' | 'startup';
export type ProbeAnswer = 'success' | 'failure';

/** One attempt's fate: exit with `exitCode` after `afterMs` of running, or never exit (`forever`). */
export type ExitStep = { forever: true } | { forever: false; exitCode: number; afterMs: number };

/** From `atMs` after container start the probe answers `result`. */
export interface ProbeStep {
  atMs: number;
  result: ProbeAnswer;
}

export interface ContainerScript {
  /** Entry i applies to attempt i; the last one repeats. Empty = run until stopped. */
  exits: ExitStep[];
  /** Overrides the runtime's default start delay. */
  startDelayMs?: number;
  probes: Partial<Record<ProbeKindName, ProbeStep[]>>;
  /** Killed by the OOM killer (exit 137, reason OOMKilled) this long after start. */
  oomAfterMs?: number;
  /** Every execSync answers this code after this long (default 0 at once). */
  exec: { exitCode: number; durationMs: number };
  /** On SIGTERM the container exits with `exitCode` after `delayMs` (default 0 at once). */
  term: { exitCode: number; delayMs: number };
  /** Lines written to the container's log when it starts. */
  logLines: string[];
}

export class ScriptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScriptError';
  }
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses a Go-style duration (`500ms`, `3s`, `1m30s`, `2h`); a bare number means seconds. Throws ScriptError. */
export function parseDuration(text: string): number {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    end = re.lastIndex;
  }
  if (s === '' || end !== s.length) throw new ScriptError(`invalid duration "${text}"`);
  return Math.round(total);
}

function parseCode(text: string, what: string): number {
  const s = text.trim();
  if (!/^-?\d+$/.test(s)) throw new ScriptError(`invalid exit code "${text}" in ${what}`);
  return Number(s);
}

/** `<code>@<duration>` or `<code>` (duration 0). */
function parseCodeAt(text: string, what: string): { code: number; ms: number } {
  const [code, at, ...rest] = text.split('@');
  if (rest.length > 0) throw new ScriptError(`invalid value "${text}" in ${what}`);
  return { code: parseCode(code!, what), ms: at === undefined ? 0 : parseDuration(at) };
}

function parseExits(value: string, key: string): ExitStep[] {
  return value.split(',').map((entry) => {
    const e = entry.trim();
    if (e === 'forever') return { forever: true };
    const { code, ms } = parseCodeAt(e, key);
    return { forever: false, exitCode: code, afterMs: ms };
  });
}

function parseProbe(value: string, key: string): ProbeStep[] {
  const steps = value.split(',').map((entry) => {
    const [result, at, ...rest] = entry.trim().split('@');
    if ((result !== 'success' && result !== 'failure') || rest.length > 0) {
      throw new ScriptError(
        `invalid probe step "${entry.trim()}" in ${key}: want success@<duration> or failure@<duration>`,
      );
    }
    return { result, atMs: at === undefined ? 0 : parseDuration(at) } as ProbeStep;
  });
  for (let i = 1; i < steps.length; i++) {
    if (steps[i]!.atMs < steps[i - 1]!.atMs)
      throw new ScriptError(`probe steps in ${key} must be in time order`);
  }
  return steps;
}

const CONTAINER_KEYS = [
  'exit',
  'start-delay',
  'liveness',
  'readiness',
  'startup',
  'oom',
  'exec',
  'term-delay',
  'log',
];

/**
 * Builds the script of container `name` from the pod's annotations (`sim.kubeling.io/<name>.<key>`).
 * Keys of other containers are ignored; an unknown key for this container throws ScriptError.
 */
export function parseContainerScript(name: string, annotations: Record<string, string>): ContainerScript {
  const script: ContainerScript = {
    exits: [],
    probes: {},
    exec: { exitCode: 0, durationMs: 0 },
    term: { exitCode: 0, delayMs: 0 },
    logLines: [],
  };
  const prefix = `${SIM_PREFIX}${name}.`;
  for (const [key, raw] of Object.entries(annotations)) {
    if (!key.startsWith(prefix)) continue;
    const field = key.slice(prefix.length);
    const what = `annotation ${key}`;
    const value = raw.trim();
    try {
      switch (field) {
        case 'exit':
          script.exits = parseExits(value, what);
          break;
        case 'start-delay':
          script.startDelayMs = parseDuration(value);
          break;
        case 'liveness':
        case 'readiness':
        case 'startup':
          script.probes[field] = parseProbe(value, what);
          break;
        case 'oom':
          script.oomAfterMs = parseDuration(value);
          break;
        case 'exec': {
          const { code, ms } = parseCodeAt(value, what);
          script.exec = { exitCode: code, durationMs: ms };
          break;
        }
        case 'term-delay': {
          // `5s` (exit 0 after 5 s) or `<code>@<duration>`.
          const { code, ms } = value.includes('@')
            ? parseCodeAt(value, what)
            : { code: 0, ms: parseDuration(value) };
          script.term = { exitCode: code, delayMs: ms };
          break;
        }
        case 'log':
          script.logLines = raw.split('\n').filter((l) => l !== '');
          break;
        default:
          throw new ScriptError(`unknown key "${field}" (known: ${CONTAINER_KEYS.join(', ')})`);
      }
    } catch (e) {
      if (e instanceof ScriptError && !e.message.includes(key))
        throw new ScriptError(`${what}: ${e.message}`);
      throw e;
    }
  }
  return script;
}

/** The exit step for restart attempt `attempt` (0-based); undefined = run until stopped. */
export function exitForAttempt(script: ContainerScript, attempt: number): ExitStep | undefined {
  if (script.exits.length === 0) return undefined;
  return script.exits[Math.min(attempt, script.exits.length - 1)];
}

/**
 * The scripted answer `sinceStartMs` after the container started: the last step whose time has
 * come. Before the first step takes effect the answer is the opposite of that step's result
 * (`failure@30s` = healthy for 30 s, `success@10s` = not ready for 10 s).
 */
export function probeAt(steps: ProbeStep[], sinceStartMs: number): ProbeAnswer {
  let answer: ProbeAnswer | undefined;
  for (const step of steps) {
    if (step.atMs > sinceStartMs) break;
    answer = step.result;
  }
  if (answer) return answer;
  return steps[0]?.result === 'success' ? 'failure' : 'success';
}

/** Images listed in `sim.kubeling.io/pull-fail` (comma separated, as the pod names them). */
export function parsePullFailList(annotations: Record<string, string>): string[] {
  const value = annotations[`${SIM_PREFIX}pull-fail`];
  if (!value) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
