import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { currentMember } from '../accounts/console-session';
import { fieldErrors } from '../accounts/form-errors';
import {
  type ConsoleCampaign,
  createCampaign,
  findMerchantCampaign,
  isDefaultPhotoInUse,
  listMerchantCampaigns,
  listStoreChoices,
  moveCampaignStatus,
  updateCampaign,
} from '../db/console-campaigns';
import type { ConsoleMember } from '../db/members';
import { CAMPAIGN_STATUSES } from '../db/schema';
import { safeColors } from '../domain/campaign';
import {
  type CampaignForm,
  campaignFormFrom,
  campaignToForm,
  newCampaignForm,
  parseCampaignForm,
  type StoreChoice,
} from '../domain/campaign-form';
import { checkStatusMove } from '../domain/campaign-status';
import { embedSnippets } from '../domain/embed-snippet';
import type { AppEnv } from '../env';
import { publicOrigin } from '../lib/origin';
import { isOwnDefaultPhoto, receiveDefaultPhoto } from '../media/default-photo';
import { MAX_PHOTO_BYTES } from '../media/photo-inspect';
import { renderSamplePost } from '../render/sample-post';
import { type CampaignErrors, CampaignFormPage } from '../views/console/campaigns/CampaignFormPage';
import { CampaignListPage } from '../views/console/campaigns/CampaignListPage';
import { CampaignPage } from '../views/console/campaigns/CampaignPage';
import {
  CampaignPreview,
  type PreviewPhoto,
  previewProps,
} from '../views/console/campaigns/CampaignPreview';
import { type Body, readBody, readForm, textFormLimit } from './form-body';
import { redirectAfterPost } from './journey-context';

// Twice the photo limit: a photo somewhat over 10 MB still arrives, so it is refused with the
// other fields kept. Past this the body is not read at all and what was typed is lost.
const FORM_LIMIT = 2 * MAX_PHOTO_BYTES;

const NOT_FOUND = 'There is no such campaign in your account.';

const previewQuery = z.object({
  background: z.string().max(20).optional(),
  accent: z.string().max(20).optional(),
  text: z.string().max(20).optional(),
  store: z.string().max(120).optional(),
  campaign: z.string().max(64).optional(),
  photo: z.string().max(120).optional(),
});

const statusInput = z.object({
  status: z.enum(CAMPAIGN_STATUSES, { error: 'Choose to go live, pause, resume or end.' }),
});

const firstText = (value: Body[string] | undefined): string | undefined =>
  (Array.isArray(value) ? value : [value]).find((item) => typeof item === 'string');

async function loadCampaign(c: Context<AppEnv>, member: ConsoleMember): Promise<ConsoleCampaign> {
  const campaignId = c.req.param('campaignId') ?? '';
  const campaign = await findMerchantCampaign(c.get('db'), member.merchantId, campaignId);
  if (!campaign) throw new HTTPException(404, { message: NOT_FOUND });
  return campaign;
}

function refuseEnded(campaign: ConsoleCampaign) {
  if (campaign.status !== 'ended') return;
  throw new HTTPException(409, {
    message: 'This campaign has ended; its settings stay as they were. Create a new campaign.',
  });
}

type FormRender = {
  member: ConsoleMember;
  campaign?: ConsoleCampaign;
  stores: StoreChoice[];
  values: CampaignForm;
  errors?: CampaignErrors;
  pendingKey?: string | null;
};

function renderForm(c: Context<AppEnv>, props: FormRender, status: 200 | 413 | 422 = 200) {
  const { campaign, stores, values, errors = {}, pendingKey = null } = props;
  const currentKey = pendingKey ?? campaign?.defaultPhotoKey ?? null;
  const photo: PreviewPhoto = pendingKey ? { pendingKey } : { campaignId: campaign?.id };
  const preview = { ...previewProps(values, stores, photo), styleNonce: c.get('styleNonce') };

  return c.html(
    <CampaignFormPage
      member={props.member}
      campaign={campaign}
      stores={stores}
      values={values}
      errors={errors}
      photo={{ currentUrl: currentKey && `/media/${currentKey}`, pendingKey }}
      preview={preview}
    />,
    status,
  );
}

/** Deletes the default photo a new one replaced, unless a campaign still shows it. */
async function dropReplacedPhoto(c: Context<AppEnv>, merchantId: string, key: string | null) {
  if (!key || !(await isOwnDefaultPhoto(c.env.MEDIA, merchantId, key))) return;
  if (await isDefaultPhotoInUse(c.get('db'), merchantId, key)) return;
  await c.env.MEDIA.delete(key);
}

/** Creates (no `campaign`) or saves a campaign from the posted form, or shows what to fix. */
async function saveCampaign(c: Context<AppEnv>, member: ConsoleMember, campaign?: ConsoleCampaign) {
  const db = c.get('db');
  const stores = await listStoreChoices(db, member.merchantId);
  const body = await readBody(c, { all: true });
  const values = campaignFormFrom(body);
  const photo = await receiveDefaultPhoto(c.env.MEDIA, member.merchantId, {
    file: [body.photo].flat().find((item): item is File => item instanceof File),
    pendingKey: firstText(body.pendingPhotoKey),
  });
  const render = { member, campaign, stores, values, pendingKey: photo.key };
  if (firstText(body.intent) === 'preview') {
    return renderForm(c, { ...render, errors: photo.error ? { photo: photo.error } : {} });
  }

  const parsed = parseCampaignForm(values, stores);
  const errors: CampaignErrors = parsed.success ? {} : fieldErrors(parsed.error);
  if (photo.error) errors.photo = photo.error;
  if (campaign && campaign.status !== 'draft' && values.storeId !== campaign.storeId) {
    errors.storeId = 'A campaign keeps its store once it has gone live.';
  }
  if (!parsed.success || Object.keys(errors).length > 0) {
    return renderForm(c, { ...render, errors }, 422);
  }

  const fields = {
    ...parsed.data,
    defaultPhotoKey: photo.key ?? campaign?.defaultPhotoKey ?? null,
  };
  const saved = campaign
    ? await updateCampaign(db, member.merchantId, campaign.id, fields)
    : await createCampaign(db, member.merchantId, fields);
  if (!saved.ok && saved.reason === 'not_found') {
    throw new HTTPException(404, { message: NOT_FOUND });
  }
  if (!saved.ok) return renderForm(c, { ...render, errors: { storeId: saved.message } }, 422);

  const campaignId = saved.value;
  if (campaign && photo.key && photo.key !== campaign.defaultPhotoKey) {
    await dropReplacedPhoto(c, member.merchantId, campaign.defaultPhotoKey);
  }
  c.get('logger').info(campaign ? 'campaign saved' : 'campaign created', {
    merchantId: member.merchantId,
    campaignId,
  });
  return redirectAfterPost(c, `/console/campaigns/${campaignId}?saved`);
}

/** The form again, from what is saved, when the body was too large to read. */
async function tooLarge(c: Context<AppEnv>) {
  const member = currentMember(c);
  const stores = await listStoreChoices(c.get('db'), member.merchantId);
  const campaign = c.req.param('campaignId') ? await loadCampaign(c, member) : undefined;
  if (campaign) refuseEnded(campaign);
  const values = campaign
    ? campaignToForm(campaign, campaign.storeCurrency)
    : newCampaignForm(stores);
  const errors = {
    form:
      'Nothing was saved: the photo is far over 10 MB. Choose a smaller one and fill in the ' +
      'form again.',
    photo: 'This photo is larger than 10 MB. Choose a smaller one.',
  };
  return renderForm(c, { member, campaign, stores, values, errors }, 413);
}

const formLimit = bodyLimit({ maxSize: FORM_LIMIT, onError: tooLarge });

/** The photo of a sample post: an upload not saved yet, else the campaign's, else none. */
async function photoBytes(
  c: Context<AppEnv>,
  member: ConsoleMember,
  query: z.infer<typeof previewQuery>,
) {
  const bucket = c.env.MEDIA;
  let key: string | null = null;
  if (query.photo && (await isOwnDefaultPhoto(bucket, member.merchantId, query.photo))) {
    key = query.photo;
  } else if (query.campaign) {
    const campaign = await findMerchantCampaign(c.get('db'), member.merchantId, query.campaign);
    if (!campaign) throw new HTTPException(404, { message: NOT_FOUND });
    key = campaign.defaultPhotoKey;
  }

  const object = key ? await bucket.get(key) : null;
  return object ? new Uint8Array(await object.arrayBuffer()) : null;
}

/** `/console/campaigns`: creating and running campaigns. */
export const consoleCampaignRoutes = new Hono<AppEnv>()
  .get('/console/campaigns', async (c) => {
    const member = currentMember(c);
    const db = c.get('db');
    const [campaigns, stores] = await Promise.all([
      listMerchantCampaigns(db, member.merchantId),
      listStoreChoices(db, member.merchantId),
    ]);
    return c.html(
      <CampaignListPage member={member} campaigns={campaigns} hasStores={stores.length > 0} />,
    );
  })
  .get('/console/campaigns/new', async (c) => {
    const member = currentMember(c);
    const stores = await listStoreChoices(c.get('db'), member.merchantId);
    if (stores.length === 0) return c.redirect('/console/campaigns', 303);
    return renderForm(c, { member, stores, values: newCampaignForm(stores) });
  })
  .post('/console/campaigns/new', formLimit, (c) => saveCampaign(c, currentMember(c)))
  .post('/console/campaigns/preview', textFormLimit, async (c) => {
    const member = currentMember(c);
    const body = await readBody(c, { all: true });
    const stores = await listStoreChoices(c.get('db'), member.merchantId);
    const photo = {
      campaignId: firstText(body.campaignId),
      pendingKey: firstText(body.pendingPhotoKey),
    };
    const props = previewProps(campaignFormFrom(body), stores, photo);
    const nonce = c.req.header('HX-Request') === 'true' ? undefined : c.get('styleNonce');
    return c.html(<CampaignPreview {...props} styleNonce={nonce} />);
  })
  .get('/console/campaigns/preview.jpg', async (c) => {
    const member = currentMember(c);
    const query = previewQuery.safeParse(c.req.query());
    if (!query.success)
      throw new HTTPException(400, { message: 'These preview settings are too long.' });

    const image = await renderSamplePost({
      photo: await photoBytes(c, member, query.data),
      storeName: query.data.store?.trim() || 'Your store',
      colors: safeColors(query.data),
    });
    // The same settings draw the same image, and typing back and forth repeats them.
    return new Response(image.bytes, {
      headers: {
        'Content-Type': image.contentType,
        'Cache-Control': 'private, max-age=300',
      },
    });
  })
  .get('/console/campaigns/:campaignId', async (c) => {
    const member = currentMember(c);
    const campaign = await loadCampaign(c, member);
    const snippets = embedSnippets(new URL(publicOrigin(c)).origin, campaign.id);
    const notice = c.req.query('saved') !== undefined ? 'The campaign is saved.' : undefined;
    return c.html(
      <CampaignPage member={member} campaign={campaign} snippets={snippets} notice={notice} />,
    );
  })
  .get('/console/campaigns/:campaignId/edit', async (c) => {
    const member = currentMember(c);
    const campaign = await loadCampaign(c, member);
    refuseEnded(campaign);
    const stores = await listStoreChoices(c.get('db'), member.merchantId);
    const values = campaignToForm(campaign, campaign.storeCurrency);
    return renderForm(c, { member, campaign, stores, values });
  })
  .post('/console/campaigns/:campaignId/edit', formLimit, async (c) => {
    const member = currentMember(c);
    const campaign = await loadCampaign(c, member);
    refuseEnded(campaign);
    return saveCampaign(c, member, campaign);
  })
  .post('/console/campaigns/:campaignId/status', textFormLimit, async (c) => {
    const member = currentMember(c);
    const campaign = await loadCampaign(c, member);
    const parsed = statusInput.safeParse(await readForm(c));
    if (!parsed.success)
      throw new HTTPException(422, { message: fieldErrors(parsed.error).status });

    const to = parsed.data.status;
    const move = checkStatusMove(campaign, to);
    if (!move.ok) throw new HTTPException(409, { message: move.message });
    const moved = await moveCampaignStatus(
      c.get('db'),
      member.merchantId,
      campaign.id,
      campaign.status,
      to,
    );
    if (!moved) {
      throw new HTTPException(409, {
        message: 'Someone changed this campaign just now. Reload the page and try again.',
      });
    }

    c.get('logger').info('campaign status changed', {
      merchantId: member.merchantId,
      campaignId: campaign.id,
      from: campaign.status,
      to,
    });
    return redirectAfterPost(c, `/console/campaigns/${campaign.id}`);
  });
