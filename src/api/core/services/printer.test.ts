import { test } from 'node:test';
import assert from 'node:assert/strict';
import { externalIP, printer, type ServiceView } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');
const meta = { name: 'web', creationTimestamp: '2024-05-01T11:00:00Z' };

test('service columns', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Type', 'string', 0],
      ['Cluster-IP', 'string', 0],
      ['External-IP', 'string', 0],
      ['Port(s)', 'string', 0],
      ['Age', 'string', 0],
      ['Selector', 'string', 1],
    ],
  );
});

test('service rows: ClusterIP, NodePort, headless', () => {
  const cip: ServiceView = {
    metadata: meta,
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.43.0.12',
      clusterIPs: ['10.43.0.12'],
      ports: [
        { port: 80, protocol: 'TCP' },
        { port: 53, protocol: 'UDP' },
      ],
      selector: { tier: 'fe', app: 'web' },
    },
  };
  assert.deepEqual(printer.row(cip, now).cells, [
    'web',
    'ClusterIP',
    '10.43.0.12',
    '<none>',
    '80/TCP,53/UDP',
    '60m',
    'app=web,tier=fe',
  ]);

  const np: ServiceView = {
    metadata: meta,
    spec: {
      type: 'NodePort',
      clusterIPs: ['10.43.0.13'],
      externalIPs: ['1.2.3.4'],
      ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }],
    },
  };
  assert.deepEqual(printer.row(np, now).cells, [
    'web',
    'NodePort',
    '10.43.0.13',
    '1.2.3.4',
    '80:30080/TCP',
    '60m',
    '<none>',
  ]);

  const headless: ServiceView = {
    metadata: meta,
    spec: { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] },
  };
  assert.deepEqual(printer.row(headless, now).cells.slice(1, 5), ['ClusterIP', 'None', '<none>', '<none>']);
});

test('service External-IP for LoadBalancer and ExternalName', () => {
  const lb = (ingress: { ip?: string; hostname?: string }[], externalIPs?: string[]): ServiceView => ({
    metadata: meta,
    spec: { type: 'LoadBalancer', externalIPs },
    status: { loadBalancer: { ingress } },
  });
  assert.equal(externalIP(lb([])), '<pending>');
  assert.equal(externalIP(lb([{ ip: '5.6.7.8' }, { ip: '1.2.3.4' }, { ip: '1.2.3.4' }])), '1.2.3.4,5.6.7.8');
  assert.equal(
    externalIP(lb([{ hostname: 'a-very-long-load-balancer.example.com' }])),
    'a-very-long-load-balancer.example.com',
  );
  assert.equal(externalIP(lb([{ ip: '5.6.7.8' }], ['9.9.9.9'])), '5.6.7.8,9.9.9.9');
  assert.equal(externalIP(lb([], ['9.9.9.9'])), '9.9.9.9');
  const en: ServiceView = { metadata: meta, spec: { type: 'ExternalName', externalName: 'db.example.com' } };
  assert.deepEqual(printer.row(en, now).cells.slice(1, 5), [
    'ExternalName',
    '<none>',
    'db.example.com',
    '<none>',
  ]);
  assert.equal(externalIP({ metadata: meta, spec: {} }), '<unknown>');
});
