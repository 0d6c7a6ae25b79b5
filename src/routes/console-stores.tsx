import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { currentMember, currentOwner } from '../accounts/console-session';
import {
  createStore,
  findStore,
  listStores,
  type Store,
  type StoreDetails,
  updateStore,
} from '../db/console-stores';
import type { ConsoleMember } from '../db/members';
import type { AppEnv } from '../env';
import { openStoreCredentials, seal } from '../lib/credentials';
import { newId } from '../lib/ids';
import { publicOrigin } from '../lib/origin';
import { NewStorePage, StoreKindPage } from '../views/console/stores/NewStorePage';
import type { Errors, Values } from '../views/console/stores/StoreFields';
import { StoreListPage } from '../views/console/stores/StoreListPage';
import { StorePage, type StorePageProps } from '../views/console/stores/StorePage';
import { type FormFields, readForm, textFormLimit } from './form-body';
import { redirectAfterPost } from './journey-context';
import {
  newSecret,
  parseConnection,
  parseInstagram,
  parseX,
  type RevealedSecret,
  storeKind,
  summarise,
} from './store-connection';
import {
  type Parsed,
  type Secrets,
  type StoreKind,
  storedMasks,
  storedValues,
} from './store-forms';
import { connectionName, DOMAIN_FIELD, testStore } from './store-test-call';

type Ctx = Context<AppEnv>;
type Loaded = { store: Store; opened: Secrets | null; stored: Secrets };
type FormName = keyof StorePageProps['forms'];
type PageExtras = Omit<Partial<StorePageProps>, 'forms'> & {
  forms?: Partial<Record<FormName, { values: Values; errors: Errors }>>;
};

const SAVED_NOTICES: Record<string, string> = {
  connected: 'The store is connected.',
  connection: 'The store’s connection is saved.',
  instagram: 'The Instagram credentials are saved.',
  x: 'The X bearer token is saved.',
  'instagram-removed': 'The Instagram credentials are removed.',
  'x-removed': 'The X bearer token is removed.',
};

// Which FarOut-made secret each kind may have remade: a Shopify store's order webhooks are
// signed with the app's client secret, which the merchant types in.
const REMAKEABLE: Record<StoreKind, RevealedSecret['key'][]> = {
  shopify: [],
  woocommerce: ['webhookSecret'],
  webhook: ['webhookSecret', 'secret'],
  sandbox: ['webhookSecret'],
};

function kindParam(c: Ctx): StoreKind {
  const kind = storeKind(c.req.param('kind'));
  if (!kind) throw new HTTPException(404, { message: 'There is no such kind of store.' });
  return kind;
}

async function loadStore(c: Ctx, member: ConsoleMember): Promise<Loaded> {
  const store = await findStore(c.get('db'), member.merchantId, c.req.param('storeId') ?? '');
  if (!store) throw new HTTPException(404, { message: 'There is no such store in your account.' });

  const opened = await openStoreCredentials(c.env, store);
  return { store, opened, stored: opened ?? {} };
}

function renderStore(
  c: Ctx,
  member: ConsoleMember,
  { store, opened, stored }: Loaded,
  extras: PageExtras = {},
  status: 200 | 409 | 422 = 200,
) {
  const { forms = {}, ...rest } = extras;
  const masks = storedMasks(store.platform, stored);
  const values = storedValues(store, stored);
  const state = (name: FormName) => ({
    values: forms[name]?.values ?? values,
    errors: forms[name]?.errors ?? {},
    masks,
  });

  const page = (
    <StorePage
      member={member}
      store={store}
      origin={publicOrigin(c)}
      summary={summarise(store, opened)}
      forms={{ connection: state('connection'), instagram: state('instagram'), x: state('x') }}
      {...rest}
    />
  );
  return c.html(page, status);
}

/** A page that shows a secret just made: it must not be kept by the browser or any cache. */
function revealOnce(
  c: Ctx,
  member: ConsoleMember,
  loaded: Loaded,
  revealed: RevealedSecret[],
  notice: string,
) {
  c.header('Cache-Control', 'no-store');
  return renderStore(c, member, loaded, { revealed, notice });
}

// Only ids and names of parts: never a secret, whatever the logger would redact.
function logStore(c: Ctx, member: ConsoleMember, message: string, fields: Record<string, unknown>) {
  c.get('logger').info(message, { merchantId: member.merchantId, ...fields });
}

/** Seals `secrets` as the store's whole credentials and saves them with `details`. */
async function saveCredentials(
  c: Ctx,
  member: ConsoleMember,
  { store }: Loaded,
  secrets: Secrets,
  details: Partial<StoreDetails> = {},
) {
  const sealed = await seal(c.env, secrets, store.id);
  const opened = store.credentialsCiphertext;
  return updateStore(c.get('db'), member.merchantId, store.id, opened, { ...details, sealed });
}

/** Saves the Instagram or X part of a store's credentials from its form. */
async function savePart(
  c: Ctx,
  name: 'instagram' | 'x',
  parse: (form: FormFields, stored: Secrets) => Parsed<Secrets>,
) {
  const member = currentOwner(c);
  const loaded = await loadStore(c, member);
  const form = await readForm(c);
  const rerender = (errors: Errors, status: 409 | 422 = 422) => {
    const values = { ...storedValues(loaded.store, loaded.stored), ...form };
    return renderStore(c, member, loaded, { forms: { [name]: { values, errors } } }, status);
  };

  const parsed = parse(form, loaded.stored);
  if (!parsed.ok) return rerender(parsed.errors);
  const saved = await saveCredentials(c, member, loaded, parsed.value);
  if (!saved.ok) return rerender({ form: saved.message }, 409);

  logStore(c, member, 'store credentials saved', { storeId: loaded.store.id, part: name });
  return redirectAfterPost(c, `/console/stores/${loaded.store.id}?saved=${name}`);
}

/** Removes the Instagram or X part of a store's credentials. */
async function removePart(c: Ctx, name: 'instagram' | 'x') {
  const member = currentOwner(c);
  const loaded = await loadStore(c, member);

  const { [name]: _removed, ...rest } = loaded.stored;
  const saved = await saveCredentials(c, member, loaded, rest);
  if (!saved.ok) return renderStore(c, member, loaded, { error: saved.message }, 409);

  logStore(c, member, 'store credentials removed', { storeId: loaded.store.id, part: name });
  return redirectAfterPost(c, `/console/stores/${loaded.store.id}?saved=${name}-removed`);
}

/** `/console/stores`: connecting the merchant's stores. */
export const consoleStoreRoutes = new Hono<AppEnv>()
  .get('/console/stores', async (c) => {
    const member = currentMember(c);
    const stores = await listStores(c.get('db'), member.merchantId);

    const listed = await Promise.all(
      stores.map(async (store) => {
        const opened = await openStoreCredentials(c.env, store);
        return { store, summary: summarise(store, opened) };
      }),
    );
    return c.html(<StoreListPage member={member} stores={listed} />);
  })
  .get('/console/stores/new', (c) => c.html(<StoreKindPage member={currentOwner(c)} />))
  .get('/console/stores/new/:kind', (c) => {
    const member = currentOwner(c);
    const state = { values: {}, errors: {}, masks: {} };
    return c.html(<NewStorePage member={member} kind={kindParam(c)} state={state} />);
  })
  .post('/console/stores/new/:kind', textFormLimit, async (c) => {
    const member = currentOwner(c);
    const kind = kindParam(c);
    const form = await readForm(c);
    const rerender = (errors: Errors) => {
      const state = { values: form, errors, masks: {} };
      return c.html(<NewStorePage member={member} kind={kind} state={state} />, 422);
    };

    const parsed = parseConnection(kind, form, {});
    if (!parsed.ok) return rerender(parsed.errors);
    const { details, secrets, revealed } = parsed.value;
    const named = await connectionName(kind, parsed.value, secrets);
    if (!named.ok) return rerender({ [named.field]: named.message });

    const id = newId('sto');
    const sealed = await seal(c.env, secrets, id);
    const store = { ...details, id, platform: kind, name: named.name, sealed };
    const created = await createStore(c.get('db'), member.merchantId, store);
    if (!created.ok) return rerender({ [DOMAIN_FIELD[kind]]: created.message });

    logStore(c, member, 'store connected', { storeId: id, platform: kind });
    if (revealed.length === 0) return redirectAfterPost(c, `/console/stores/${id}?saved=connected`);
    const loaded = { store: created.value, opened: secrets, stored: secrets };
    return revealOnce(c, member, loaded, revealed, SAVED_NOTICES.connected ?? '');
  })
  .get('/console/stores/:storeId', async (c) => {
    const member = currentMember(c);
    const loaded = await loadStore(c, member);

    const notice = SAVED_NOTICES[c.req.query('saved') ?? ''];
    return renderStore(c, member, loaded, { notice });
  })
  .post('/console/stores/:storeId/test', textFormLimit, async (c) => {
    const member = currentMember(c);
    const loaded = await loadStore(c, member);

    const test = await testStore(loaded.store, loaded.opened);
    logStore(c, member, 'store connection tested', { storeId: loaded.store.id, ok: test.ok });
    return renderStore(c, member, loaded, { test });
  })
  .post('/console/stores/:storeId/connection', textFormLimit, async (c) => {
    const member = currentOwner(c);
    const loaded = await loadStore(c, member);
    const { store } = loaded;
    const form = await readForm(c);
    const rerender = (errors: Errors, status: 409 | 422 = 422) => {
      const values = { ...storedValues(store, loaded.stored), ...form };
      return renderStore(c, member, loaded, { forms: { connection: { values, errors } } }, status);
    };

    const parsed = parseConnection(store.platform, form, loaded.stored);
    if (!parsed.ok) return rerender(parsed.errors);
    const secrets = { ...loaded.stored, ...parsed.value.secrets };
    const named = await connectionName(store.platform, parsed.value, secrets);
    if (!named.ok) return rerender({ [named.field]: named.message });

    const details = { ...parsed.value.details, name: named.name };
    const saved = await saveCredentials(c, member, loaded, secrets, details);
    if (!saved.ok && saved.reason === 'domain_taken') {
      return rerender({ [DOMAIN_FIELD[store.platform]]: saved.message });
    }
    if (!saved.ok) return rerender({ form: saved.message }, 409);

    logStore(c, member, 'store credentials saved', { storeId: store.id, part: 'connection' });
    const { revealed } = parsed.value;
    if (revealed.length === 0) {
      return redirectAfterPost(c, `/console/stores/${store.id}?saved=connection`);
    }
    const next = { store: saved.value, opened: secrets, stored: secrets };
    return revealOnce(c, member, next, revealed, SAVED_NOTICES.connection ?? '');
  })
  .post('/console/stores/:storeId/instagram', textFormLimit, (c) =>
    savePart(c, 'instagram', parseInstagram),
  )
  .post('/console/stores/:storeId/instagram/remove', textFormLimit, (c) =>
    removePart(c, 'instagram'),
  )
  .post('/console/stores/:storeId/x', textFormLimit, (c) => savePart(c, 'x', parseX))
  .post('/console/stores/:storeId/x/remove', textFormLimit, (c) => removePart(c, 'x'))
  .post('/console/stores/:storeId/secrets/:key', textFormLimit, async (c) => {
    const member = currentOwner(c);
    const loaded = await loadStore(c, member);
    const key = REMAKEABLE[loaded.store.platform].find((name) => name === c.req.param('key'));
    if (!key) throw new HTTPException(404, { message: 'This store has no such secret to remake.' });

    const value = newSecret();
    const secrets = { ...loaded.stored, [key]: value };
    const saved = await saveCredentials(c, member, loaded, secrets);
    if (!saved.ok) return renderStore(c, member, loaded, { error: saved.message }, 409);

    logStore(c, member, 'store secret remade', { storeId: loaded.store.id, which: key });
    const next = { store: saved.value, opened: secrets, stored: secrets };
    const notice = 'A new secret is made; the old one no longer works.';
    return revealOnce(c, member, next, [{ key, value }], notice);
  });
