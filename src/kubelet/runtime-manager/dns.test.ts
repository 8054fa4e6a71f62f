import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from '../../api/core/pods/types.js';
import { createDnsConfigurer, parseResolvConf, podDnsConfig, type DnsSettings } from './dns.js';

const hostConf =
  '# host\nnameserver 192.168.1.1\nnameserver 8.8.8.8\nsearch corp.example. lab.example\noptions rotate timeout:2\n';
const settings: DnsSettings = {
  clusterDNS: ['10.43.0.10'],
  clusterDomain: 'cluster.local',
  hostResolvConf: hostConf,
  nodeIPs: ['192.168.1.10'],
};

function pod(spec: Partial<Pod['spec']> = {}): Pod {
  return { metadata: { name: 'web', namespace: 'prod', uid: 'u' }, spec: { containers: [], ...spec } };
}

describe('pod DNS', () => {
  it('parses resolv.conf as upstream', () => {
    assert.deepEqual(parseResolvConf(hostConf), {
      servers: ['192.168.1.1', '8.8.8.8'],
      searches: ['corp.example', 'lab.example'],
      options: ['rotate', 'timeout:2'],
    });
  });

  it('accumulates resolv.conf options lines, a later option overriding one of the same name', () => {
    const text = 'options rotate timeout:2\noptions timeout:5 edns0\nsearch a.example\nsearch b.example\n';
    assert.deepEqual(parseResolvConf(text), {
      servers: [],
      searches: ['b.example'],
      options: ['rotate', 'timeout:5', 'edns0'],
    });
  });

  it('ClusterFirst: cluster DNS, cluster searches then the host ones, ndots:5', () => {
    assert.deepEqual(podDnsConfig(pod(), settings), {
      config: {
        servers: ['10.43.0.10'],
        searches: [
          'prod.svc.cluster.local',
          'svc.cluster.local',
          'cluster.local',
          'corp.example',
          'lab.example',
        ],
        options: ['ndots:5'],
      },
      warnings: [],
    });
    assert.deepEqual(
      podDnsConfig(pod({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }), settings).config.servers,
      ['10.43.0.10'],
    );
  });

  it('hostNetwork + ClusterFirst and Default use the host; None only the pod dnsConfig', () => {
    const host = parseResolvConf(hostConf);
    assert.deepEqual(
      podDnsConfig(pod({ hostNetwork: true, dnsPolicy: 'ClusterFirst' }), settings).config,
      host,
    );
    assert.deepEqual(podDnsConfig(pod({ dnsPolicy: 'Default' }), settings).config, host);
    assert.deepEqual(
      podDnsConfig(
        pod({
          dnsPolicy: 'None',
          dnsConfig: {
            nameservers: ['1.1.1.1'],
            searches: ['a.b'],
            options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }],
          },
        }),
        settings,
      ).config,
      { servers: ['1.1.1.1'], searches: ['a.b'], options: ['ndots:2', 'edns0'] },
    );
    assert.deepEqual(
      podDnsConfig(pod({ dnsPolicy: 'Default' }), { ...settings, hostResolvConf: undefined }).config,
      {
        servers: ['127.0.0.1'],
        searches: ['.'],
        options: [],
      },
    );
  });

  it('merges pod dnsConfig: duplicates dropped, options overridden by name; limits warn as upstream', () => {
    const r = podDnsConfig(
      pod({
        dnsConfig: {
          nameservers: ['10.43.0.10', '1.1.1.1', '2.2.2.2', '3.3.3.3'],
          searches: ['cluster.local', 'x.y'],
          options: [{ name: 'ndots', value: '1' }],
        },
      }),
      settings,
    );
    assert.deepEqual(r.config.servers, ['10.43.0.10', '1.1.1.1', '2.2.2.2']);
    assert.deepEqual(r.config.searches.slice(-2), ['lab.example', 'x.y']);
    assert.deepEqual(r.config.options, ['ndots:1']);
    assert.deepEqual(r.warnings, [
      {
        reason: 'DNSConfigForming',
        message:
          'Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: 10.43.0.10 1.1.1.1 2.2.2.2',
      },
    ]);
  });

  it('the configurer reads the host file once a minute and skips the systemd-resolved stub', () => {
    let now = 0;
    const reads: string[] = [];
    const files: Record<string, string> = {
      '/etc/resolv.conf': 'nameserver 127.0.0.53\nsearch home\n',
      '/run/systemd/resolve/resolv.conf': 'nameserver 9.9.9.9\nsearch home\n',
    };
    const dns = createDnsConfigurer({
      clusterDNS: [],
      clusterDomain: 'cluster.local',
      resolvConf: '/etc/resolv.conf',
      nodeIPs: [],
      nowMs: () => now,
      readFile: (p) => {
        reads.push(p);
        return files[p];
      },
    });
    const r = dns(pod({ dnsPolicy: 'Default' }));
    assert.deepEqual(r.config.servers, ['9.9.9.9']);
    dns(pod({ dnsPolicy: 'Default' }));
    assert.equal(reads.length, 2);
    now = 61_000;
    dns(pod());
    assert.equal(reads.length, 4);
    // No cluster DNS: ClusterFirst falls back to Default with upstream's warning.
    assert.equal(dns(pod()).warnings[0].reason, 'MissingClusterDNS');
  });
});
