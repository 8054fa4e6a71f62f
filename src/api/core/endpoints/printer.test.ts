import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatEndpoints, printer } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');

test('endpoints columns', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Endpoints', 'string', 0],
      ['Age', 'string', 0],
    ],
  );
});

test('endpoints text: none, ports, bare IPs, IPv6, the three-entry limit', () => {
  const ep = (subsets: object[]) =>
    ({ metadata: { name: 'e' }, subsets }) as Parameters<typeof formatEndpoints>[0];
  assert.equal(formatEndpoints({ metadata: { name: 'e' } }), '<none>');
  assert.equal(
    formatEndpoints(ep([{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }])),
    '10.0.0.1:80',
  );
  assert.equal(
    formatEndpoints(ep([{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }] }])),
    '10.0.0.1,10.0.0.2',
  );
  assert.equal(
    formatEndpoints(ep([{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 443 }] }])),
    '[fd00::1]:443',
  );
  assert.equal(
    formatEndpoints(ep([{ addresses: [{ ip: 'a' }, { ip: 'b' }], ports: [{ port: 80 }, { port: 443 }] }])),
    'a:80,b:80,a:443 + 1 more...',
  );
  assert.equal(
    formatEndpoints(
      ep([
        { addresses: [{ ip: '1.1.1.1' }, { ip: '1.1.1.2' }], ports: [{ port: 80 }] },
        { addresses: [{ ip: '2.2.2.1' }, { ip: '2.2.2.2' }, { ip: '2.2.2.3' }], ports: [{ port: 8080 }] },
      ]),
    ),
    '1.1.1.1:80,1.1.1.2:80,2.2.2.1:8080 + 2 more...',
  );
  // Only not-ready addresses: upstream prints an empty cell, not <none>.
  assert.equal(formatEndpoints(ep([{ notReadyAddresses: [{ ip: '1.1.1.1' }], ports: [{ port: 80 }] }])), '');
});

test('endpoints row', () => {
  const ep = {
    metadata: { name: 'kubernetes', creationTimestamp: '2024-04-30T00:00:00Z' },
    subsets: [{ addresses: [{ ip: '192.168.1.10' }], ports: [{ port: 6443 }] }],
  };
  assert.deepEqual(printer.row(ep, now).cells, ['kubernetes', '192.168.1.10:6443', '36h']);
});
