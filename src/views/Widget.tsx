import { raw } from 'hono/html';
import type { PublicCampaign } from '../db/campaigns';
import { safeColors } from '../domain/campaign';

type WidgetProps = {
  campaign: PublicCampaign;
  accepting: boolean;
  startUrl: string;
  orderRef: string | undefined;
  email: string | undefined;
  styleNonce: string;
};

// Inlined rather than linked: the widget loads inside a store's checkout page and must cost
// one request and a few kilobytes. Only hex colours reach this string (see `safeColors`).
function widgetCss(campaign: PublicCampaign): string {
  const colors = safeColors(campaign.colors);
  return `:root{--bg:${colors.background};--accent:${colors.accent};--fg:${colors.text}}
*{box-sizing:border-box}body{margin:0;font:16px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif}
.w{background:var(--bg);color:var(--fg);border-radius:12px;padding:16px 18px;max-width:480px}
.s{margin:0;font-size:.85rem;opacity:.85}h1{margin:.2em 0 .3em;font-size:1.35rem}p{margin:0 0 12px}
.go{display:inline-block;width:100%;border:0;border-radius:8px;padding:12px;font:inherit;
font-weight:700;cursor:pointer;background:var(--accent);color:#111}
.go:focus-visible,.c button:focus-visible{outline:3px solid var(--fg);outline-offset:2px}
.c{display:flex;gap:8px;margin-top:10px;align-items:center;flex-wrap:wrap}
.c label{flex-basis:100%;font-size:.85rem}
.c input{flex:1;min-width:0;padding:8px;border-radius:6px;border:1px solid #888;font:inherit;
font-size:.85rem}
.c button{padding:8px 12px;border-radius:6px;border:1px solid var(--fg);background:0 0;
color:var(--fg);font:inherit;cursor:pointer}.ok{font-size:.85rem;min-height:1.2em}`;
}

/** The offer a shopper sees on the store's Thank-You page, inside an iframe. */
export function Widget({
  campaign,
  accepting,
  startUrl,
  orderRef,
  email,
  styleNonce,
}: WidgetProps) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${campaign.storeName}: share a post, get a discount`}</title>
          <style nonce={styleNonce}>{raw(widgetCss(campaign))}</style>
        </head>
        <body>
          <main class="w">
            <p class="s">{campaign.storeName}</p>
            {accepting ? (
              <>
                <h1>{campaign.offerText}</h1>
                <p>Share a post about your order and get your personal discount code.</p>
                <form
                  method="post"
                  action={`/c/${campaign.id}/start`}
                  target="_blank"
                  rel="noopener"
                >
                  {orderRef && <input type="hidden" name="order" value={orderRef} />}
                  {email && <input type="hidden" name="email" value={email} />}
                  <button class="go" type="submit">
                    Let's start
                  </button>
                </form>
                <div class="c">
                  <label for="link">Not now? Keep the link for later:</label>
                  <input id="link" type="url" readonly value={startUrl} />
                  <button type="button" data-copy="link">
                    Copy the link
                  </button>
                  <span class="ok" role="status" aria-live="polite" />
                </div>
              </>
            ) : (
              <>
                <h1>Thank you for your order!</h1>
                <p>
                  This sharing offer is not running right now. Keep an eye out for the next one.
                </p>
              </>
            )}
          </main>
          <script src="/widget.js" defer />
        </body>
      </html>
    </>
  );
}
