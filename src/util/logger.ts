/**
 * @module util/logger
 * Structured logging with pino, printed as short readable lines:
 * `08:12:03.120 WARN  apiserver: watch cache lagging revision=12`.
 */
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export type { Logger };

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

function readableStream(out: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk, _enc, done) {
      try {
        const { level, time, msg, component, err, ...rest } = JSON.parse(chunk.toString());
        const t = new Date(time).toISOString().slice(11, 23);
        const extra = Object.entries(rest)
          .filter(([k]) => k !== 'pid' && k !== 'hostname')
          .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
          .join(' ');
        let line = `${t} ${(LEVELS[level] ?? level).padEnd(5)} ${component ? component + ': ' : ''}${msg ?? ''}${extra ? ' ' + extra : ''}`;
        if (err?.stack) line += `\n${err.stack}`;
        out.write(line + '\n');
      } catch {
        out.write(chunk);
      }
      done();
    },
  });
}

export function createLogger(
  opts: { level?: string; json?: boolean; out?: NodeJS.WritableStream } = {},
): Logger {
  const out = opts.out ?? process.stderr;
  return pino(
    { level: opts.level ?? 'info', base: undefined },
    opts.json ? (out as any) : readableStream(out),
  );
}

/** A logger that discards everything (tests). */
export const silentLogger: Logger = pino({ level: 'silent' });
