import { raw } from 'hono/html';
import type { TemplateColors } from '../../../db/schema';
import { safeColors } from '../../../domain/campaign';
import { type CampaignForm, normaliseHex, type StoreChoice } from '../../../domain/campaign-form';

/** Where the sample post image's photo comes from: a saved campaign or an upload not yet saved. */
export type PreviewPhoto = { campaignId?: string; pendingKey?: string };

export type PreviewProps = {
  storeName: string;
  offerText: string;
  colors: TemplateColors;
  imageUrl: string;
  // Set on a full page; an htmx swap cannot use a new nonce (the page's policy holds the old
  // one), so there static/console-campaigns.js applies the colours from data attributes.
  styleNonce?: string;
};

/** The sample post image's address: the real renderer, fed the typed colours and store. */
export function previewImageUrl(colors: TemplateColors, storeName: string, photo: PreviewPhoto) {
  const query = new URLSearchParams({ ...colors, store: storeName });
  if (photo.pendingKey) query.set('photo', photo.pendingKey);
  else if (photo.campaignId) query.set('campaign', photo.campaignId);
  return `/console/campaigns/preview.jpg?${query}`;
}

/** What the preview shows for a form as typed; a colour that is not hex yet shows the default. */
export function previewProps(
  form: CampaignForm,
  stores: StoreChoice[],
  photo: PreviewPhoto,
): PreviewProps {
  const store = stores.find((choice) => choice.id === form.storeId) ?? stores[0];
  const storeName = store?.name ?? 'Your store';
  const colors = safeColors({
    background: normaliseHex(form.background) ?? undefined,
    accent: normaliseHex(form.accent) ?? undefined,
    text: normaliseHex(form.text) ?? undefined,
  });

  return {
    storeName,
    offerText: form.offerText?.trim() || 'Your offer, like 20% off your next order',
    colors,
    imageUrl: previewImageUrl(colors, storeName, photo),
  };
}

/**
 * The widget as a shopper sees it, drawn in the console page instead of an iframe, and the
 * sample post image. The widget is inert: it shows the offer, it starts nothing.
 */
export function CampaignPreview({
  storeName,
  offerText,
  colors,
  imageUrl,
  styleNonce,
}: PreviewProps) {
  // Only hex colours reach this string: `previewProps` passed them through `safeColors`.
  const { background, accent, text } = colors;
  const variables = `--w-bg:${background};--w-accent:${accent};--w-fg:${text}`;
  const css = `.campaign-preview .widget-preview{${variables}}`;

  return (
    <section id="campaign-preview" class="campaign-preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview</h2>
      {styleNonce && <style nonce={styleNonce}>{raw(css)}</style>}
      <p class="muted">The widget on your Thank-You page:</p>
      <div
        class="widget-preview"
        data-widget-bg={colors.background}
        data-widget-accent={colors.accent}
        data-widget-fg={colors.text}
        inert
      >
        <p class="widget-store">{storeName}</p>
        <p class="widget-offer">{offerText}</p>
        <p>Share a post about your order and get your personal discount code.</p>
        <span class="widget-go">Let's start</span>
      </div>
      <figure class="post-preview">
        <img
          src={imageUrl}
          alt={`A sample post for ${storeName}, in your colours`}
          width="270"
          height="338"
          loading="lazy"
        />
        <figcaption class="muted">
          A sample post: the shopper's photo, stars and comment.
        </figcaption>
      </figure>
    </section>
  );
}
