import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSliceEndpoints, formatSlicePorts, printer } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');

test('endpoint slice columns', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['AddressType', 'string', 0],
      ['Ports', 'string', 0],
      ['Endpoints', 'string', 0],
      ['Age', 'string', 0],
    ],
  );
});

test('endpoint slice ports and endpoints text', () => {
  assert.equal(formatSlicePorts(undefined), '<unset>');
  assert.equal(formatSlicePorts([{ port: 80 }, { name: 'http' }, {}]), '80,http,*');
  assert.equal(
    formatSlicePorts([{ port: 1 }, { port: 2 }, { port: 3 }, { port: 4 }, { port: 5 }]),
    '1,2,3 + 2 more...',
  );
  assert.equal(formatSliceEndpoints([]), '<unset>');
  assert.equal(
    formatSliceEndpoints([{ addresses: ['10.0.0.1'] }, { addresses: ['10.0.0.2', '10.0.0.3'] }]),
    '10.0.0.1,10.0.0.2,10.0.0.3',
  );
  assert.equal(
    formatSliceEndpoints([{ addresses: ['a', 'b'] }, { addresses: ['c', 'd'] }, { addresses: [] }]),
    'a,b,c + 1 more...',
  );
});

test('endpoint slice row', () => {
  const es = {
    metadata: { name: 'web-abc12', creationTimestamp: '2024-05-01T11:00:00Z' },
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints: [{ addresses: ['10.42.0.7'] }],
  };
  assert.deepEqual(printer.row(es, now).cells, ['web-abc12', 'IPv4', '8080', '10.42.0.7', '60m']);
});
