/**
 * @module apiserver/auth/service-account-key
 * The key that signs service-account tokens (upstream's --service-account-signing-key-file),
 * generated on first start as `DIR/tls/service-account.key` (PKCS#8 PEM, mode 0600) beside the
 * cluster's other credentials and reused after, so tokens issued before a restart stay valid.
 * A new one is ECDSA P-256 (tokens ES256), as the cluster's certificates: made in well under a
 * millisecond, where an RSA-2048 one took 50-170 ms of a fresh start. An RSA key an earlier
 * version made is kept and used (RS256).
 */
import { generateKeyPair } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const generate = promisify(generateKeyPair);

export const SERVICE_ACCOUNT_KEY_FILE = 'service-account.key';

/** The signing key's PEM, from `dataDir/tls/service-account.key`; created when missing. */
export async function ensureServiceAccountKey(dataDir: string): Promise<string> {
  const dir = join(dataDir, 'tls');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, SERVICE_ACCOUNT_KEY_FILE);
  if (!existsSync(file)) {
    const { privateKey } = await generate('ec', {
      namedCurve: 'P-256',
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    // Written whole under another name, then renamed: a crash never leaves half a key behind.
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, privateKey, { mode: 0o600 });
      renameSync(tmp, file);
    } finally {
      rmSync(tmp, { force: true });
    }
  }
  return readFileSync(file, 'utf8');
}
