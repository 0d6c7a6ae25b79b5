// Seeds the local database with a demo merchant, a sandbox store and a test-mode campaign, and
// puts the campaign's default photo in local R2. Rows have fixed ids and are inserted with
// INSERT OR IGNORE, so running it again changes nothing.
//
//   npm run db:seed                      # into .wrangler/state (what `npm run dev` uses)
//   node scripts/seed.mjs --persist-to D # into another local state directory
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { demoPhotoJpeg } from './lib/demo-photo.mjs';
import { persistArgs, wrangler } from './lib/wrangler.mjs';

export const DEMO = {
  merchantId: 'mer_demo',
  storeId: 'sto_demo',
  campaignId: 'cmp_demo',
  photoKey: 'defaults/demo-coffee.jpg',
  ownerEmail: 'owner@demo-coffee.test',
  // A local demo account only: the seed never runs against a deployed database.
  ownerPassword: 'demo-coffee-2026',
};

// The same format as src/accounts/password.ts, so the console can check it.
function passwordHash(password) {
  const iterations = 100_000;
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  return `pbkdf2-sha256$${iterations}$${salt.toString('hex')}$${hash.toString('hex')}`;
}

const quote = (value) => {
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(Number(value));
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.replaceAll("'", "''")}'`;
};

function insert(table, row) {
  const columns = Object.keys(row).join(', ');
  const values = Object.values(row).map(quote).join(', ');
  return `INSERT OR IGNORE INTO ${table} (${columns}) VALUES (${values});`;
}

function demoSql(now) {
  return [
    insert('merchants', { id: DEMO.merchantId, name: 'Demo Coffee Roasters', created_at: now }),
    insert('members', {
      id: 'mem_demo_owner',
      merchant_id: DEMO.merchantId,
      email: DEMO.ownerEmail,
      name: 'Demo Owner',
      role: 'owner',
      password_hash: passwordHash(DEMO.ownerPassword),
      created_at: now,
    }),
    // A state seeded before the console existed has the owner without a password.
    `UPDATE members SET password_hash = ${quote(passwordHash(DEMO.ownerPassword))} ` +
      `WHERE id = 'mem_demo_owner' AND password_hash IS NULL;`,
    insert('stores', {
      id: DEMO.storeId,
      merchant_id: DEMO.merchantId,
      platform: 'sandbox',
      name: 'Demo Coffee Roasters',
      domain: 'demo-coffee.test',
      currency: 'USD',
      created_at: now,
    }),
    insert('campaigns', {
      id: DEMO.campaignId,
      merchant_id: DEMO.merchantId,
      store_id: DEMO.storeId,
      name: 'Share your morning cup',
      status: 'active',
      discount_type: 'percentage',
      discount_value: 20,
      code_prefix: 'COFFEE',
      code_usage_limit: 10,
      code_valid_days: 30,
      hashtags: ['#democoffee', '#morningcup'],
      pages: {
        instagram: ['@democoffee'],
        bluesky: ['@democoffee.bsky.social'],
        mastodon: ['@democoffee@mastodon.social'],
        x: ['@democoffee'],
        sandbox: ['@democoffee'],
      },
      platforms: ['sandbox', 'instagram', 'bluesky', 'mastodon', 'x'],
      default_photo_key: DEMO.photoKey,
      colors: { background: '#2b1a12', accent: '#f2a65a', text: '#fff7ed' },
      offer_text: '20% off your next order',
      ad_disclosure: '#ad',
      blocked_words: [],
      hold_hours: 24,
      search_hours: 72,
      frame_origins: [],
      test_mode: true,
      created_at: now,
    }),
  ].join('\n');
}

function main() {
  const { values } = parseArgs({ options: { 'persist-to': { type: 'string' } } });
  const persist = persistArgs(values['persist-to']);
  const dir = mkdtempSync(join(tmpdir(), 'farout-seed-'));

  try {
    const sqlFile = join(dir, 'seed.sql');
    writeFileSync(sqlFile, demoSql(Date.now()));
    wrangler(['d1', 'execute', 'DB', '--local', '--file', sqlFile, ...persist], { quiet: true });

    const photoFile = join(dir, 'photo.jpg');
    writeFileSync(photoFile, demoPhotoJpeg());
    const object = `farout-media/${DEMO.photoKey}`;
    const photoArgs = ['--file', photoFile, '--content-type', 'image/jpeg', '--local'];
    wrangler(['r2', 'object', 'put', object, ...photoArgs, ...persist], { quiet: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(`Demo data ready: merchant ${DEMO.merchantId}, campaign ${DEMO.campaignId}.`);
  console.log(`Console sign-in: ${DEMO.ownerEmail} / ${DEMO.ownerPassword}`);
}

main();
