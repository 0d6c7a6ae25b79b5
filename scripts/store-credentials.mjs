// Seals a store's credentials (see "Store credentials" in the README) into the database, for
// scripted set-ups; merchants enter them in the console:
//   npm run store:credentials -- <store id> <credentials.json>            # local database
//   npm run store:credentials -- <store id> <credentials.json> --remote   # deployed database
// The key is CREDENTIALS_KEY from the environment, else from .dev.vars (local only). The same
// sealing code as the Worker (src/lib/credentials.ts) is bundled on the fly.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, wrangler } from './lib/wrangler.mjs';
import { importForNode } from './match.mjs';

function credentialsKey(remote) {
  if (process.env.CREDENTIALS_KEY) return process.env.CREDENTIALS_KEY;
  const devVars = join(ROOT, '.dev.vars');
  if (remote || !existsSync(devVars)) return null;
  const line = readFileSync(devVars, 'utf8').match(/^CREDENTIALS_KEY=(.+)$/m);
  return line?.[1]?.trim().replace(/^"|"$/g, '') || null;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { remote: { type: 'boolean', default: false } },
  });
  const [storeId, file] = positionals;
  if (!storeId || !file) throw new Error('Usage: store-credentials <store id> <credentials.json>');
  const key = credentialsKey(values.remote);
  if (!key) throw new Error('Set CREDENTIALS_KEY (the deployed secret) in the environment.');

  const secrets = JSON.parse(readFileSync(file, 'utf8'));
  const { seal } = await importForNode(['src/lib/credentials.ts']);
  const sealed = await seal({ CREDENTIALS_KEY: key }, secrets, storeId);

  const dir = mkdtempSync(join(tmpdir(), 'farout-credentials-'));
  try {
    const sql = join(dir, 'update.sql');
    const quote = (text) => `'${text.replaceAll("'", "''")}'`;
    writeFileSync(
      sql,
      `UPDATE stores SET credentials_ciphertext = ${quote(sealed.ciphertext)}, ` +
        `credentials_key_id = ${quote(sealed.keyId)} WHERE id = ${quote(storeId)};`,
    );
    const where = values.remote ? '--remote' : '--local';
    wrangler(['d1', 'execute', 'DB', where, '--file', sql], { quiet: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`Sealed credentials stored for ${storeId} (key ${sealed.keyId}).`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
