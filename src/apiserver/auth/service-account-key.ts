/**
 * @module apiserver/auth/service-account-key
 * The RSA key that signs service-account tokens (upstream's --service-account-signing-key-file),
 * generated on first start as `DIR/tls/service-account.key` (PKCS#8 PEM, mode 0600) beside the
 * cluster's other credentials and reused after, so tokens issued before a restart stay valid.
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
    const { privateKey } = await generate('rsa', {
      modulusLength: 2048,
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
