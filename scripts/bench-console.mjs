// Console figures for `npm run bench`: how long a sign-in takes next to a plain signed-in page
// (the difference is mostly the PBKDF2 password check), and the weights of the console pages.
import { gzipSync } from 'node:zlib';

const DEMO = { email: 'owner@demo-coffee.test', password: 'demo-coffee-2026' };
// AUTH_LIMITER allows five sign-ins a minute for one address and client.
const SIGN_INS = 4;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(request) {
  const started = performance.now();
  const response = await request();
  await response.arrayBuffer();
  return { response, ms: performance.now() - started };
}

async function signIn(base) {
  const body = new URLSearchParams(DEMO);
  return fetch(`${base}/console/sign-in`, {
    method: 'POST',
    body,
    headers: { Origin: base },
    redirect: 'manual',
  });
}

/** Prints sign-in time against a signed-in page's, and the console's page weights. */
export async function printConsoleFigures(base) {
  const signIns = [];
  let cookie = '';
  for (let i = 0; i < SIGN_INS; i += 1) {
    const { response, ms } = await timed(() => signIn(base));
    if (response.status !== 303) throw new Error(`sign-in answered ${response.status}`);
    cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
    signIns.push(ms);
  }

  const pages = [];
  for (let i = 0; i < SIGN_INS; i += 1) {
    pages.push((await timed(() => fetch(`${base}/console`, { headers: { cookie } }))).ms);
  }

  console.log('\nConsole (wall time on loopback through wrangler dev, median)');
  console.log(`sign-in POST (PBKDF2-SHA256, 100,000 iterations) ${median(signIns).toFixed(1)} ms`);
  console.log(`signed-in overview GET /console                   ${median(pages).toFixed(1)} ms`);

  console.log('\nConsole page weights (gzip level 9)');
  const paths = ['/console', '/console/campaigns', '/console/review', '/console.css'];
  for (const path of paths) {
    const response = await fetch(`${base}${path}`, { headers: { cookie } });
    const bytes = Buffer.from(await response.arrayBuffer());
    const gzip = gzipSync(bytes, { level: 9 }).length;
    console.log(
      path.padEnd(34),
      String(response.status).padEnd(6),
      `${(gzip / 1024).toFixed(2)} KB`,
    );
  }
}
