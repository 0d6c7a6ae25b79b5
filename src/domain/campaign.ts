import type { Campaign } from '../db/campaigns';
import type { SocialPlatform, TemplateColors } from '../db/schema';

const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

export const DEFAULT_COLORS: TemplateColors = {
  background: '#1f1235',
  accent: '#ff8e3c',
  text: '#ffffff',
};

/**
 * Campaign colours as safe CSS values. They are written into a <style> element, so anything
 * other than a plain hex colour falls back to the default instead of reaching the page.
 */
export function safeColors(colors: Partial<TemplateColors> | null | undefined): TemplateColors {
  const pick = (value: string | undefined, fallback: string) =>
    value && HEX_COLOR.test(value) ? value : fallback;

  return {
    background: pick(colors?.background, DEFAULT_COLORS.background),
    accent: pick(colors?.accent, DEFAULT_COLORS.accent),
    text: pick(colors?.text, DEFAULT_COLORS.text),
  };
}

/** Whether shoppers may start a new journey in this campaign right now. */
export function isAcceptingShoppers(campaign: Campaign, now = new Date()): boolean {
  if (campaign.status !== 'active') return false;
  if (campaign.startsAt && campaign.startsAt > now) return false;
  if (campaign.endsAt && campaign.endsAt <= now) return false;
  return true;
}

/** The origins that may frame the widget: our own (for previews) and the store's. */
export function widgetFrameAncestors(campaign: Campaign): string[] {
  const origins = campaign.frameOrigins.filter((origin) => /^https?:\/\/[^\s;,'"]+$/.test(origin));
  return ["'self'", ...origins];
}

/** The platforms a shopper may choose: the campaign's, plus the sandbox network in test mode. */
export function offeredPlatforms(campaign: Campaign): SocialPlatform[] {
  const platforms = campaign.platforms.filter((platform) => platform !== 'sandbox');
  return campaign.testMode ? ['sandbox', ...platforms] : platforms;
}
