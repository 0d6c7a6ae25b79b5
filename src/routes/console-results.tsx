import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { currentMember, currentOwner, safeNextPath } from '../accounts/console-session';
import { fieldErrors } from '../accounts/form-errors';
import { campaignRedemptionRows, campaignSubmissionRows } from '../db/console-exports';
import { campaignResults, utcDay } from '../db/console-results';
import { findRetentionDays, updateRetentionDays } from '../db/merchant-settings';
import type { AppEnv } from '../env';
import { csvResponseHeaders, toCsv } from '../lib/csv';
import { publicOrigin } from '../lib/origin';
import { eraseShopperOfSubmission } from '../rights/erase';
import { exportShopperData } from '../rights/export';
import { findMerchantSubmission, SHOPPER_FILES, shopperFileKey } from '../rights/shopper-data';
import { minorToDecimal } from '../stores/money';
import {
  RESULTS_PERIODS,
  ResultsPage,
  type ResultsPeriod,
} from '../views/console/results/ResultsPage';
import { RETENTION_DAYS, SettingsPage } from '../views/console/SettingsPage';
import { readForm, textFormLimit } from './form-body';
import { redirectAfterPost } from './journey-context';

const NO_CAMPAIGN = 'There is no such campaign in your account.';
const NO_SUBMISSION = 'There is no such submission in your account.';

// A campaign's whole life is drawn day by day for its last year at most.
const PERIOD_DAYS: Record<ResultsPeriod, number> = { '30d': 30, all: 366 };

const { min: MIN_DAYS, max: MAX_DAYS } = RETENTION_DAYS;
const RETENTION_MESSAGE = `Enter a whole number of days from ${MIN_DAYS} to ${MAX_DAYS}.`;
const settingsInput = z.object({
  retentionDays: z
    .string({ error: RETENTION_MESSAGE })
    .trim()
    .regex(/^\d{1,6}$/, { error: RETENTION_MESSAGE })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(RETENTION_DAYS.min, { error: RETENTION_MESSAGE })
        .max(RETENTION_DAYS.max, { error: RETENTION_MESSAGE }),
    ),
});

function periodOf(c: Context<AppEnv>): ResultsPeriod {
  const period = c.req.query('period') ?? '30d';
  if (!RESULTS_PERIODS.includes(period as ResultsPeriod)) {
    throw new HTTPException(400, { message: 'Choose a period: the last 30 days, or all.' });
  }
  return period as ResultsPeriod;
}

const yesNo = (value: boolean | null) => (value === null ? null : value ? 'yes' : 'no');

/** Results, exports and shoppers' data rights. */
export const consoleResultRoutes = new Hono<AppEnv>()
  .get('/console/campaigns/:id/results', async (c) => {
    const member = currentMember(c);
    const period = periodOf(c);

    const results = await campaignResults(c.get('db'), member.merchantId, c.req.param('id'), {
      to: utcDay(Date.now()),
      days: PERIOD_DAYS[period],
    });
    if (!results) throw new HTTPException(404, { message: NO_CAMPAIGN });
    return c.html(<ResultsPage member={member} results={results} period={period} />);
  })
  // Any member: the file holds no email address. Shoppers' emails are theirs to give to the
  // store for their code, not a mailing list; an owner gets one shopper's email in their export.
  .get('/console/campaigns/:id/submissions.csv', async (c) => {
    const member = currentMember(c);
    const found = await campaignSubmissionRows(c.get('db'), member.merchantId, c.req.param('id'));
    if (!found) throw new HTTPException(404, { message: NO_CAMPAIGN });

    const csv = toCsv(
      [
        'Submission id',
        'Created',
        'Platform',
        'Handle',
        'State',
        'Image score',
        'Caption score',
        'Language passed',
        'Post URL',
        'Promo code',
        'Code status',
        'Activated at',
      ],
      found.rows.map((row) => [
        row.id,
        row.createdAt,
        row.platform,
        row.handle,
        row.state,
        row.imageScore,
        row.captionScore,
        yesNo(row.languagePassed),
        row.postUrl,
        row.code,
        row.codeStatus,
        row.activatedAt,
      ]),
    );
    return c.body(csv, 200, csvResponseHeaders(`${found.name} submissions.csv`));
  })
  .get('/console/campaigns/:id/redemptions.csv', async (c) => {
    const member = currentMember(c);
    const found = await campaignRedemptionRows(c.get('db'), member.merchantId, c.req.param('id'));
    if (!found) throw new HTTPException(404, { message: NO_CAMPAIGN });

    const csv = toCsv(
      ['Order id', 'Promo code', 'Amount', 'Currency', 'Ordered at'],
      found.rows.map((row) => [
        row.orderId,
        row.code,
        // A number, so a spreadsheet can add the column up.
        Number(minorToDecimal(row.amountMinor, row.currency)),
        row.currency,
        row.orderedAt,
      ]),
    );
    return c.body(csv, 200, csvResponseHeaders(`${found.name} orders.csv`));
  })
  .get('/console/submissions/:id/export', async (c) => {
    const owner = currentOwner(c);
    const exported = await exportShopperData(
      c.get('db'),
      { id: owner.merchantId, name: owner.merchantName },
      c.req.param('id'),
      publicOrigin(c),
    );
    if (!exported) throw new HTTPException(404, { message: NO_SUBMISSION });

    c.get('logger').info('shopper data exported', {
      merchantId: owner.merchantId,
      memberId: owner.id,
      journeyId: exported.shopper.journeyId,
    });
    return c.body(JSON.stringify(exported, null, 2), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="shopper-${exported.shopper.journeyId}.json"`,
      'Cache-Control': 'private, no-store',
    });
  })
  .get('/console/submissions/:id/export/:file', async (c) => {
    const owner = currentOwner(c);
    const file = SHOPPER_FILES.find((name) => name === c.req.param('file'));
    if (!file) throw new HTTPException(404, { message: 'There is no such file of a shopper.' });

    const found = await findMerchantSubmission(c.get('db'), owner.merchantId, c.req.param('id'));
    if (!found) throw new HTTPException(404, { message: NO_SUBMISSION });
    const key = shopperFileKey(found, file);
    const object = key ? await c.env.MEDIA.get(key) : null;
    if (!object) throw new HTTPException(404, { message: 'This shopper has no such file.' });

    const headers = new Headers({ 'Cache-Control': 'private, no-store' });
    object.writeHttpMetadata(headers);
    return new Response(object.body, { headers });
  })
  .post('/console/submissions/:id/erase', textFormLimit, async (c) => {
    const owner = currentOwner(c);
    const submissionId = c.req.param('id');
    const form = await readForm(c);

    const erased = await eraseShopperOfSubmission(
      c.get('db'),
      c.env.MEDIA,
      owner.merchantId,
      submissionId,
    );
    if (!erased) throw new HTTPException(404, { message: NO_SUBMISSION });

    c.get('logger').info('shopper data erased', {
      merchantId: owner.merchantId,
      memberId: owner.id,
      submissionId,
      ...erased,
    });
    const back = new URL(
      safeNextPath(form.back ?? `/console/submissions/${submissionId}`),
      'http://console.invalid',
    );
    back.searchParams.set('done', 'erased');
    return redirectAfterPost(c, `${back.pathname}${back.search}`);
  })
  .get('/console/settings', async (c) => {
    const member = currentMember(c);
    const retentionDays = await findRetentionDays(c.get('db'), member.merchantId);
    const notice = c.req.query('saved') !== undefined ? 'Settings saved.' : undefined;
    return c.html(<SettingsPage member={member} retentionDays={retentionDays} notice={notice} />);
  })
  .post('/console/settings', textFormLimit, async (c) => {
    const owner = currentOwner(c);
    const db = c.get('db');
    const form = await readForm(c);

    const parsed = settingsInput.safeParse(form);
    if (!parsed.success) {
      const retentionDays = await findRetentionDays(db, owner.merchantId);
      return c.html(
        <SettingsPage
          member={owner}
          retentionDays={retentionDays}
          value={form.retentionDays}
          error={fieldErrors(parsed.error).retentionDays}
        />,
        422,
      );
    }

    await updateRetentionDays(db, owner.merchantId, parsed.data.retentionDays);
    return redirectAfterPost(c, '/console/settings?saved');
  });
