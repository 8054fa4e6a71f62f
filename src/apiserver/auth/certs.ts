/**
 * @module apiserver/auth/certs
 * The cluster's CA, serving certificate and admin token, generated on first start under the data
 * dir and reused after. ECDSA P-256 keys: fast to generate, accepted by Go's TLS.
 */
import { webcrypto, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { hostname, networkInterfaces } from 'node:os';

/** Loaded only when certificates must be generated: the library is large and slow to import. */
async function loadX509() {
  const x509 = await import('@peculiar/x509');
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  return x509;
}

export interface ClusterCredentials {
  caCert: string;
  serverCert: string;
  serverKey: string;
  adminToken: string;
}

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const YEAR_MS = 365 * 24 * 3600 * 1000;

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END ${label}-----\n`;
}

/** DNS names and IPs the serving certificate must cover. */
export function servingNames(
  extraIps: string[] = [],
  domain = 'cluster.local',
): { dns: string[]; ips: string[] } {
  const dns = [
    'localhost',
    hostname(),
    'kubernetes',
    'kubernetes.default',
    'kubernetes.default.svc',
    `kubernetes.default.svc.${domain}`,
  ];
  const ips = new Set(['127.0.0.1', '::1', '10.43.0.1', ...extraIps]);
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) if (!a.address.startsWith('fe80')) ips.add(a.address);
  }
  return { dns: [...new Set(dns)], ips: [...ips] };
}

async function generate(names: {
  dns: string[];
  ips: string[];
}): Promise<Omit<ClusterCredentials, 'adminToken'> & { caKey: string }> {
  const x509 = await loadX509();
  const now = Date.now();
  const notBefore = new Date(now - 3600_000);
  const caKeys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(8).toString('hex'),
    name: 'CN=kubeling-ca',
    notBefore,
    notAfter: new Date(now + 10 * YEAR_MS),
    keys: caKeys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const srvKeys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const san = [
    ...names.dns.map((value) => ({ type: 'dns' as const, value })),
    ...names.ips.map((value) => ({ type: 'ip' as const, value })),
  ];
  const server = await x509.X509CertificateGenerator.create({
    serialNumber: randomBytes(8).toString('hex'),
    subject: 'CN=kube-apiserver',
    issuer: ca.subject,
    notBefore,
    notAfter: new Date(now + 10 * YEAR_MS),
    signingKey: caKeys.privateKey,
    publicKey: srvKeys.publicKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(san),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  return {
    caCert: ca.toString('pem') + '\n',
    caKey: pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', caKeys.privateKey)),
    serverCert: server.toString('pem') + '\n',
    serverKey: pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', srvKeys.privateKey)),
  };
}

/** Loads the credentials from `dir/tls`, creating any that are missing. */
export async function ensureCredentials(dataDir: string): Promise<ClusterCredentials> {
  const dir = join(dataDir, 'tls');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const files = {
    caCert: join(dir, 'ca.crt'),
    caKey: join(dir, 'ca.key'),
    serverCert: join(dir, 'server.crt'),
    serverKey: join(dir, 'server.key'),
    adminToken: join(dir, 'admin.token'),
  };
  if (!existsSync(files.caCert) || !existsSync(files.serverCert) || !existsSync(files.serverKey)) {
    const g = await generate(servingNames());
    writeFileSync(files.caKey, g.caKey, { mode: 0o600 });
    writeFileSync(files.serverKey, g.serverKey, { mode: 0o600 });
    writeFileSync(files.serverCert, g.serverCert);
    writeFileSync(files.caCert, g.caCert);
  }
  if (!existsSync(files.adminToken))
    writeFileSync(files.adminToken, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
  return {
    caCert: readFileSync(files.caCert, 'utf8'),
    serverCert: readFileSync(files.serverCert, 'utf8'),
    serverKey: readFileSync(files.serverKey, 'utf8'),
    adminToken: readFileSync(files.adminToken, 'utf8').trim(),
  };
}
