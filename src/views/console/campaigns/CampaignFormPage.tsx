import type { ConsoleCampaign } from '../../../db/console-campaigns';
import type { ConsoleMember } from '../../../db/members';
import { SOCIAL_PLATFORMS } from '../../../db/schema';
import {
  type CampaignForm,
  type CampaignTextField,
  pageField,
  type StoreChoice,
} from '../../../domain/campaign-form';
import { PLATFORM_LABELS } from '../../../domain/social-handle';
import { ConsoleLayout } from '../ConsoleLayout';
import { FieldError, Flash, TextField } from '../Form';
import { CampaignPreview, type PreviewProps } from './CampaignPreview';
import { CheckboxField, ChoiceGroup, PhotoField, SelectField, TextAreaField } from './Fields';

export type CampaignErrors = Partial<
  Record<CampaignTextField | 'platforms' | 'testMode' | 'photo' | 'form', string>
>;

type FormPageProps = {
  member: ConsoleMember;
  // The campaign being edited; none for a new one.
  campaign?: ConsoleCampaign;
  stores: StoreChoice[];
  values: CampaignForm;
  errors: CampaignErrors;
  photo: { currentUrl: string | null; pendingKey: string | null };
  preview: PreviewProps;
};

const PLATFORM_OPTIONS = SOCIAL_PLATFORMS.map((platform) => ({
  value: platform,
  label: platform === 'sandbox' ? 'Sandbox (test mode)' : PLATFORM_LABELS[platform],
}));

type BoundProps = Omit<Parameters<typeof TextField>[0], 'name' | 'value' | 'error'> & {
  name: CampaignTextField;
};

/** A text field showing what was typed in it and its error. */
function bind(values: CampaignForm, errors: CampaignErrors) {
  return (props: BoundProps) => (
    <TextField {...props} value={values[props.name]} error={errors[props.name]} />
  );
}

function StoreField({ campaign, stores, values, errors }: FormPageProps) {
  // Codes are made in the campaign's store; moving a live campaign would strand them there.
  if (campaign && campaign.status !== 'draft') {
    return (
      <div class="field">
        <p class="field-label">Store</p>
        <p>
          {campaign.storeName} <span class="muted">(fixed once a campaign has gone live)</span>
        </p>
        <input type="hidden" name="storeId" value={campaign.storeId} />
        <FieldError id="field-storeId-error" message={errors.storeId} />
      </div>
    );
  }
  return (
    <SelectField
      name="storeId"
      label="Store"
      value={values.storeId}
      options={stores.map((store) => ({
        value: store.id,
        label: `${store.name} (${store.currency})`,
      }))}
      error={errors.storeId}
    />
  );
}

function DiscountFields({ values, errors }: FormPageProps) {
  const Text = bind(values, errors);

  return (
    <fieldset class="card">
      <legend>Discount</legend>
      <ChoiceGroup
        name="discountType"
        legend="Kind of discount"
        type="radio"
        options={[
          { value: 'percentage', label: 'Percentage' },
          { value: 'fixed_amount', label: 'Fixed amount' },
        ]}
        checked={[values.discountType ?? '']}
        error={errors.discountType}
      />
      <Text
        name="discountValue"
        label="Discount"
        hint="A percentage from 1 to 100, or an amount in the store's currency, like 5.00."
        required
      />
      <Text
        name="minOrder"
        label="Minimum order (optional)"
        hint="In the store's currency, like 25.00."
      />
      <Text
        name="codePrefix"
        label="Code prefix"
        hint="2 to 12 letters and digits: codes look like SHARE-7KQ2MX9P."
        maxlength={12}
        required
      />
      <Text
        name="codeUsageLimit"
        label="Orders per code (optional)"
        hint="How many orders one code may discount: the shopper's and their friends'."
      />
      <Text
        name="codeValidDays"
        label="Days a code stays valid (optional)"
        hint="Counted from when the code is switched on. Empty: no expiry."
      />
    </fieldset>
  );
}

function PostFields({ values, errors }: FormPageProps) {
  const Text = bind(values, errors);

  return (
    <fieldset class="card">
      <legend>The post</legend>
      <ChoiceGroup
        name="platforms"
        legend="Platforms offered"
        type="checkbox"
        options={PLATFORM_OPTIONS}
        checked={values.platforms}
        error={errors.platforms}
        hint="In test mode shoppers are also offered the Sandbox network."
      />
      <Text
        name="hashtags"
        label="Hashtags"
        hint="Separated by commas or spaces, like #springsale #coffee. Instagram shows 5 at most."
      />
      {SOCIAL_PLATFORMS.map((platform) => (
        <TextField
          name={pageField(platform)}
          label={`Pages to mention on ${PLATFORM_LABELS[platform]} (optional)`}
          value={values[pageField(platform)]}
          error={errors[pageField(platform)]}
        />
      ))}
      <Text
        name="adDisclosure"
        label="Ad disclosure"
        hint="Put first in every caption, as advertising rules ask: #ad, #sponsored, #werbung."
        required
      />
      <TextAreaField
        name="blockedWords"
        label="Blocked words (optional)"
        value={values.blockedWords}
        error={errors.blockedWords}
        hint="One per line or separated by commas. Comments with them are refused."
      />
    </fieldset>
  );
}

function LookFields({ values, errors, photo }: FormPageProps) {
  const Text = bind(values, errors);

  return (
    <fieldset class="card">
      <legend>Widget and post image</legend>
      <Text
        name="offerText"
        label="Offer"
        hint={'The widget\'s headline, like "20% off your next order".'}
        maxlength={80}
        required
      />
      <PhotoField
        currentUrl={photo.currentUrl}
        pendingKey={photo.pendingKey}
        error={errors.photo}
      />
      <div class="colour-fields">
        <Text name="background" label="Background colour" hint="Hex, like #1f1235." />
        <Text name="accent" label="Accent colour" hint="Stars, store name, button." />
        <Text name="text" label="Text colour" hint="Needs 4.5:1 contrast on the background." />
      </div>
    </fieldset>
  );
}

function CheckFields({ values, errors }: FormPageProps) {
  const Text = bind(values, errors);

  return (
    <fieldset class="card">
      <legend>Checks and embedding</legend>
      <Text
        name="holdHours"
        label="Hours a post must stay up"
        hint="At least 24, except in test mode."
        required
      />
      <Text
        name="searchHours"
        label="Hours to look for the post"
        hint={'After the shopper leaves for the platform; then the submission expires.'}
        required
      />
      <TextAreaField
        name="frameOrigins"
        label="Store addresses that show the widget"
        value={values.frameOrigins}
        error={errors.frameOrigins}
        hint="One https address per line, like https://shop.example.com. Only these may frame it."
      />
    </fieldset>
  );
}

/** Creating or editing a campaign, with a live preview of the widget and the post image. */
export function CampaignFormPage(props: FormPageProps) {
  const { member, campaign, values, errors, preview } = props;
  const action = campaign ? `/console/campaigns/${campaign.id}/edit` : '/console/campaigns/new';
  const title = campaign ? `Edit ${campaign.name}` : 'New campaign';
  const Text = bind(values, errors);

  return (
    <ConsoleLayout
      member={member}
      section="campaigns"
      title={title}
      stylesheets={['/console-campaigns.css']}
      scripts={['/console-campaigns.js', '/photo-downscale.js']}
    >
      <Flash kind="error" message={errors.form} />
      {Object.keys(errors).length > 0 && !errors.form && (
        <Flash kind="error" message="Some fields need changing: see the messages below." />
      )}
      <div class="campaign-editor">
        <form
          id="campaign-form"
          method="post"
          action={action}
          enctype="multipart/form-data"
          hx-post="/console/campaigns/preview"
          hx-trigger="input changed delay:400ms, change"
          hx-params="not photo"
          hx-target="#campaign-preview"
          hx-swap="outerHTML"
          hx-sync="this:queue last"
          novalidate
        >
          {campaign && <input type="hidden" name="campaignId" value={campaign.id} />}
          <fieldset class="card">
            <legend>Campaign</legend>
            <Text
              name="name"
              label="Name"
              hint="For you and your team; shoppers do not see it."
              maxlength={120}
              required
            />
            <StoreField {...props} />
            <CheckboxField
              name="testMode"
              label="Test mode"
              checked={values.testMode}
              hint="Shoppers may use the Sandbox network, and the status page can skip the hold."
            />
          </fieldset>
          <DiscountFields {...props} />
          <PostFields {...props} />
          <LookFields {...props} />
          <CheckFields {...props} />
          <div class="actions">
            <button class="primary" type="submit">
              {campaign ? 'Save the campaign' : 'Create the campaign'}
            </button>
            <button class="secondary" type="submit" name="intent" value="preview">
              Preview
            </button>
          </div>
        </form>
        <CampaignPreview {...preview} />
      </div>
    </ConsoleLayout>
  );
}
