/** The ways to put a campaign's widget on a store's Thank-You page, as text to paste. */
export type EmbedSnippets = { script: string; iframe: string; woocommerce: string };

/**
 * The embed snippets of a campaign, as the README's "Embedding the widget" shows them, for our
 * public origin. The `{{ ... }}` placeholders are the store template's (Liquid in Shopify).
 */
export function embedSnippets(origin: string, campaignId: string): EmbedSnippets {
  const script =
    `<script src="${origin}/embed.js" data-campaign="${campaignId}"\n` +
    '  data-order="{{ order.number }}" data-email="{{ customer.email }}" async></script>';
  const iframe =
    `<iframe src="${origin}/w/${campaignId}?order={{ order.number }}"\n` +
    '  title="Share a post about your order, get a discount" width="100%" height="260"\n' +
    '  style="border:0;max-width:480px"></iframe>';

  // woocommerce_thankyou passes the order id; the order number and billing email are escaped
  // for an HTML attribute, since a shopper typed the email.
  const woocommerce = [
    '<?php',
    'function farout_thankyou_widget( $order_id ) {',
    '\t$order = wc_get_order( $order_id );',
    '\tif ( ! $order ) {',
    '\t\treturn;',
    '\t}',
    `\techo '<script src="${origin}/embed.js" data-campaign="${campaignId}"'`,
    `\t\t. ' data-order="' . esc_attr( $order->get_order_number() ) . '"'`,
    `\t\t. ' data-email="' . esc_attr( $order->get_billing_email() ) . '" async></script>';`,
    '}',
    "add_action( 'woocommerce_thankyou', 'farout_thankyou_widget' );",
  ].join('\n');

  return { script, iframe, woocommerce };
}
