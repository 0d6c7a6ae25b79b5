import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { submissions } from '../../src/db/schema';
import { encodePhoto } from '../fixtures/media/photo-fixtures';
import { journeyWithAccount, postForm } from './journey';
import { db } from './seed';

/** A journey whose post is generated and ready to share, on the given platform. */
export async function generatedJourney(
  campaignId: string,
  platform = 'sandbox',
  username = 'shopper',
  photoBytes: Uint8Array = encodePhoto('jpeg', 64, 48),
) {
  const journeyId = await journeyWithAccount(campaignId, platform, username);
  const photo = new File([photoBytes], 'photo.jpg', { type: 'image/jpeg' });
  const response = await postForm(`/j/${journeyId}/photo`, {
    rating: '5',
    comment: 'Great',
    photo,
  });
  if (response.status !== 303) throw new Error(`photo step answered ${response.status}`);

  const submission = await db().query.submissions.findFirst({
    where: eq(submissions.journeyId, journeyId),
  });
  if (!submission) throw new Error('no submission');
  return { journeyId, submission, media: env.MEDIA };
}
