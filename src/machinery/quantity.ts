/**
 * @module machinery/quantity
 * Kubernetes resource quantities (`100m`, `1Gi`, `1e3`): parse, compare, do arithmetic, and format
 * them in the canonical form the apiserver writes back (`1000m` → `1`, `0.5` → `500m`,
 * `1024Mi` → `1Gi`). Values are held exactly as a count of nano-units (10^-9) in a bigint, which
 * is the finest precision upstream keeps (finer input is rounded up, away from zero).
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value times 10^9, exact. */
  readonly nanos: bigint;
  /** How the value is written back; taken from the suffix the user wrote. */
  readonly format: QuantityFormat;
}

/** The error texts upstream returns for an unparsable quantity. */
export const QUANTITY_ERRORS = {
  formatWrong: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
  numeric: 'unable to parse numeric part of quantity',
  suffix: "unable to parse quantity's suffix",
} as const;

export class QuantityParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityParseError';
  }
}

const DECIMAL_SUFFIXES: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const NANO = 1_000_000_000n;
const QUANTITY_RE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Divides rounding away from zero (upstream rounds sub-nano precision up). */
function divAwayFromZero(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b === a ? q : a < 0n ? q - 1n : q + 1n;
}

/** Parses a quantity string; throws QuantityParseError with upstream's message on bad input. */
export function parseQuantity(text: string): Quantity {
  const s = text.trim();
  if (s.length === 0) throw new QuantityParseError(QUANTITY_ERRORS.formatWrong);
  const m = QUANTITY_RE.exec(s);
  if (!m) throw new QuantityParseError(QUANTITY_ERRORS.formatWrong);
  const [, numberPart, suffix] = m;
  const num = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(numberPart);
  if (!num || (num[2] === '' && (num[3] ?? '') === '')) throw new QuantityParseError(QUANTITY_ERRORS.numeric);
  const negative = num[1] === '-';
  const intDigits = num[2] || '0';
  const fracDigits = num[3] ?? '';

  let format: QuantityFormat;
  let base: 2 | 10;
  let exponent: number;
  if (suffix in DECIMAL_SUFFIXES) {
    format = 'DecimalSI';
    base = 10;
    exponent = DECIMAL_SUFFIXES[suffix];
  } else if (suffix in BINARY_SUFFIXES) {
    format = 'BinarySI';
    base = 2;
    exponent = BINARY_SUFFIXES[suffix];
  } else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    format = 'DecimalExponent';
    base = 10;
    exponent = parseInt(suffix.slice(1), 10);
  } else {
    throw new QuantityParseError(QUANTITY_ERRORS.suffix);
  }

  // mantissa * 10^-fracLen is the written number
  const mantissa = BigInt(intDigits + fracDigits) * (negative ? -1n : 1n);
  const fracLen = fracDigits.length;
  let nanos: bigint;
  if (base === 2) {
    nanos = divAwayFromZero(mantissa * (1n << BigInt(exponent)) * NANO, pow10(fracLen));
  } else {
    const shift = exponent + 9 - fracLen;
    nanos = shift >= 0 ? mantissa * pow10(shift) : divAwayFromZero(mantissa, pow10(-shift));
  }
  return { nanos, format };
}

/** Like parseQuantity but returns undefined instead of throwing. */
export function tryParseQuantity(text: unknown): Quantity | undefined {
  if (typeof text === 'number' && Number.isFinite(text)) text = String(text);
  if (typeof text !== 'string') return undefined;
  try {
    return parseQuantity(text);
  } catch {
    return undefined;
  }
}

/** Mantissa and power-of-ten exponent (a multiple of 3, between -9 and 18) with no removable zeros. */
function decimalParts(nanos: bigint): { mantissa: bigint; exponent: number } {
  let mantissa = nanos;
  let exponent = -9;
  while (mantissa % 1000n === 0n && exponent < 18) {
    mantissa /= 1000n;
    exponent += 3;
  }
  return { mantissa, exponent };
}

const DECIMAL_BY_EXP: Record<number, string> = Object.fromEntries(
  Object.entries(DECIMAL_SUFFIXES).map(([k, v]) => [v, k]),
);
const BINARY_NAMES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** The canonical text upstream serialises: `1`, `500m`, `1Gi`, `1536Mi`, `2k`, `1e3`. */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const small = q.nanos > -1024n * NANO && q.nanos < 1024n * NANO;
    if (small || q.nanos % NANO !== 0n) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let n = q.nanos / NANO;
    let k = 0;
    while (n % 1024n === 0n && k < BINARY_NAMES.length - 1) {
      n /= 1024n;
      k++;
    }
    return `${n}${BINARY_NAMES[k]}`;
  }
  const { mantissa, exponent } = decimalParts(q.nanos);
  if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  return `${mantissa}${DECIMAL_BY_EXP[exponent]}`;
}

/** Parses and re-formats; returns the input unchanged when it does not parse (validation reports it). */
export function canonicalQuantity(text: string): string {
  const q = tryParseQuantity(text);
  return q ? formatQuantity(q) : text;
}

/** -1, 0 or 1. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Sum in the format of the first operand (as upstream's Add keeps the receiver's format). */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.format };
}

export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos - b.nanos, format: a.format };
}

export function isZero(q: Quantity): boolean {
  return q.nanos === 0n;
}

/** The value rounded up to a whole unit (upstream `Value()`), as a number. */
export function quantityValue(q: Quantity): number {
  return Number(divAwayFromZero(q.nanos, NANO));
}

/** The value in thousandths, rounded up (upstream `MilliValue()`): CPU in millicores. */
export function quantityMilliValue(q: Quantity): number {
  return Number(divAwayFromZero(q.nanos, 1_000_000n));
}

export function quantityFromMilli(milli: number, format: QuantityFormat = 'DecimalSI'): Quantity {
  return { nanos: BigInt(Math.trunc(milli)) * 1_000_000n, format };
}

export function quantityFromValue(value: number, format: QuantityFormat = 'DecimalSI'): Quantity {
  return { nanos: BigInt(Math.trunc(value)) * NANO, format };
}

/** Whether the value carries a fraction of a unit finer than 1m (CPU may not). */
export function hasSubMilliPrecision(q: Quantity): boolean {
  return q.nanos % 1_000_000n !== 0n;
}

/** Whether the value is a whole number of units. */
export function isWhole(q: Quantity): boolean {
  return q.nanos % NANO === 0n;
}
