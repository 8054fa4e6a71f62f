import assert from 'node:assert/strict';
import { test } from 'node:test';
import { printer } from './printer.js';
import { SYSTEM_PRIORITY_CLASSES, type PriorityClass } from './types.js';
import { validateCreate, validateUpdate } from './validation.js';

const pc = (name: string, value: number, extra: Partial<PriorityClass> = {}): PriorityClass => ({
  metadata: { name },
  value,
  preemptionPolicy: 'PreemptLowerPriority',
  ...extra,
});
const messages = (errs: { detailMessage(): string; field: string }[]) =>
  errs.map((e) => `${e.field}: ${e.detailMessage()}`);

test('user classes stay at or below 1000000000; system- names belong to the built-in classes', () => {
  assert.deepEqual(validateCreate(pc('high', 1_000_000_000)), []);
  assert.deepEqual(messages(validateCreate(pc('big', 1_000_000_001))), [
    'value: Forbidden: maximum allowed value of a user defined priority is 1000000000',
  ]);
  for (const s of SYSTEM_PRIORITY_CLASSES) assert.deepEqual(validateCreate(s), []);
  assert.deepEqual(messages(validateCreate(pc('system-x', 1))), [
    "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-x is not a known system priority class",
  ]);
  assert.deepEqual(messages(validateCreate(pc('system-node-critical', 5))), [
    "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000",
  ]);
  assert.deepEqual(messages(validateCreate(pc('p', 1, { preemptionPolicy: 'Sometimes' }))), [
    'preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"',
  ]);
  assert.deepEqual(messages(validateCreate(pc('p', 1, { preemptionPolicy: '' }))), [
    'preemptionPolicy: Required value',
  ]);
});

test('value and preemption policy never change', () => {
  const old = { ...pc('high', 10), metadata: { name: 'high', resourceVersion: '7' } };
  assert.deepEqual(validateUpdate({ ...old, description: 'now described' }, old), []);
  assert.deepEqual(messages(validateUpdate({ ...old, value: 11 }, old)), [
    'value: Forbidden: may not be changed in an update.',
  ]);
  assert.deepEqual(messages(validateUpdate({ ...old, preemptionPolicy: 'Never' }, old)), [
    'preemptionPolicy: Invalid value: "Never": field is immutable',
  ]);
});

test('the table shows value, global default, age and preemption policy', () => {
  assert.deepEqual(
    printer.columns.map((c) => c.name),
    ['Name', 'Value', 'Global-Default', 'Age', 'PreemptionPolicy'],
  );
  const row = printer.row(
    {
      ...pc('dflt', 5, { globalDefault: true }),
      metadata: { name: 'dflt', creationTimestamp: '2026-01-01T00:00:00Z' },
    },
    new Date('2026-01-01T00:02:00Z'),
  );
  assert.deepEqual(row.cells, ['dflt', 5, true, '2m', 'PreemptLowerPriority']);
});
