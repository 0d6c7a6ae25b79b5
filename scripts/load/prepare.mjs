// What the load test's pages need before they can be asked for: journeys paused at each step, a
// submission whose post the monitor has found (its status page shows checks), and a signed-in
// console cookie. Walked with plain HTTP, as a browser without JavaScript would.

const DEMO = {
  campaignId: 'cmp_demo',
  email: 'owner@demo-coffee.test',
  password: 'demo-coffee-2026',
};
const HELD_HEADING = 'Your post is being held';

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescapeHtml = (text) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]);

function form(base, fields) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return { method: 'POST', body, headers: { Origin: base }, redirect: 'manual' };
}

async function expectRedirect(response, what) {
  await response.arrayBuffer();
  const location = response.headers.get('location');
  if (response.status !== 303 || !location) {
    throw new Error(`${what} answered ${response.status}, not a redirect`);
  }
  return location;
}

/** A journey walked up to its preview: the post image rendered and the promo code reserved. */
async function journeyAtPreview(base, order) {
  const start = await fetch(`${base}/c/${DEMO.campaignId}/start?order=${order}`, {
    redirect: 'manual',
  });
  const path = await expectRedirect(start, 'start');
  const account = form(base, { platform: 'sandbox', username: order });
  await expectRedirect(await fetch(`${base}${path}/account`, account), 'the account step');
  const review = form(base, { rating: '5', comment: `A morning cup for load run ${order}.` });
  await expectRedirect(await fetch(`${base}${path}/photo`, review), 'the photo step');

  return { path, image: await postImageOf(base, path), username: order };
}

/** The post image a journey's preview shows now: drawing the post again replaces it. */
export async function postImageOf(base, journeyPath) {
  const preview = await (await fetch(`${base}${journeyPath}/preview`)).text();
  const image = preview.match(/\/media\/posts\/[\w.-]+/)?.[0];
  if (!image) throw new Error(`the preview of ${journeyPath} shows no post image`);
  return image;
}

async function waitForHold(base, statusPath, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const page = await (await fetch(`${base}${statusPath}`)).text();
    if (page.includes(HELD_HEADING)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${statusPath} did not reach the hold within ${timeoutMs / 1000}s`);
}

/**
 * A submission posted on the sandbox network and found by its monitor ("Check now" runs the
 * alarm at once), so its status page shows the checks, as during the 24-hour hold when
 * shoppers come back to it.
 */
async function heldSubmission(base, order) {
  const { path } = await journeyAtPreview(base, order);
  const compose = await expectRedirect(await fetch(`${base}${path}/go`, form(base, {})), 'go');
  const submission = new URL(compose, base).searchParams.get('submission');
  const composer = await (await fetch(new URL(compose, base))).text();
  const caption = composer.match(/<textarea[^>]*>([\s\S]*?)<\/textarea>/)?.[1];
  if (!submission || caption === undefined) throw new Error('the sandbox composer has no caption');

  const post = form(base, { submission, caption: unescapeHtml(caption.trim()) });
  await expectRedirect(await fetch(`${base}/sandbox/posts`, post), 'the sandbox post');
  const statusPath = `/s/${submission}`;
  const checkNow = await fetch(`${base}${statusPath}/fast-forward`, form(base, {}));
  await expectRedirect(checkNow, 'check now');
  await waitForHold(base, statusPath);
  return statusPath;
}

/** Signs the demo owner in once (sign-in allows five a minute) and returns the cookie. */
async function signIn(base) {
  const response = await fetch(`${base}/console/sign-in`, {
    method: 'POST',
    body: new URLSearchParams({ email: DEMO.email, password: DEMO.password }),
    headers: { Origin: base },
    redirect: 'manual',
  });
  await expectRedirect(response, 'sign-in');
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('__Host-'));
  if (!cookie) throw new Error('sign-in set no session cookie');
  return cookie.split(';')[0];
}

/**
 * Prepares `journeys` journeys at their preview and one held submission, and signs in.
 * Returns the paths the load runs ask for.
 */
export async function prepare(base, { journeys = 8 } = {}) {
  const run = Date.now().toString(36);
  const paused = [];
  for (let i = 0; i < journeys; i += 1)
    paused.push(await journeyAtPreview(base, `load-${run}-${i}`));
  const statusPath = await heldSubmission(base, `load-${run}-held`);
  const cookie = await signIn(base);

  return {
    widget: `/w/${DEMO.campaignId}?order=1001`,
    base,
    journeys: paused.map((journey) => journey.path),
    usernames: paused.map((journey) => journey.username),
    postImages: paused.map((journey) => journey.image),
    statusPath,
    cookie,
    campaignId: DEMO.campaignId,
  };
}
