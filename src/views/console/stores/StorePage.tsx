import type { Store } from '../../../db/console-stores';
import type { ConsoleMember } from '../../../db/members';
import {
  type CredentialSummary,
  type RevealedSecret,
  STORE_KIND_LABELS,
} from '../../../routes/store-connection';
import type { TestOutcome } from '../../../routes/store-test-call';
import { ConsoleLayout } from '../ConsoleLayout';
import { Flash } from '../Form';
import {
  InstagramForm,
  NewSecretForms,
  ReplaceConnectionForm,
  XForm,
} from './StoreCredentialForms';
import type { FormState } from './StoreFields';
import { CredentialBadge } from './StoreListPage';
import { RevealedSecrets, VerificationGuide, WebhookAddresses } from './StoreWebhooks';

export type StorePageProps = {
  member: ConsoleMember;
  store: Store;
  origin: string;
  summary: CredentialSummary;
  forms: { connection: FormState; instagram: FormState; x: FormState };
  notice?: string;
  error?: string;
  test?: TestOutcome;
  revealed?: RevealedSecret[];
};

function TestResult({ test }: { test: TestOutcome | undefined }) {
  if (!test) return null;
  const shopName = test.ok ? `“${test.shopName}”` : '';
  return test.ok ? (
    <Flash kind="ok" message={`The connection works: the store answered as ${shopName}.`} />
  ) : (
    <Flash kind="error" message={`The test call failed. ${test.message}`} />
  );
}

/** One store: what is connected, where its webhooks go, and (for owners) its credentials. */
export function StorePage(props: StorePageProps) {
  const { member, store, origin, summary, forms } = props;
  const isOwner = member.role === 'owner';

  return (
    <ConsoleLayout
      member={member}
      section="stores"
      title={store.name}
      stylesheets={['/console-stores.css']}
    >
      <p>
        <a href="/console/stores">All stores</a>
      </p>
      <Flash kind="ok" message={props.notice} />
      <Flash kind="error" message={props.error} />
      {summary.state === 'unreadable' && (
        <Flash
          kind="error"
          message={
            'The stored credentials cannot be read: they were sealed with a key this ' +
            'deployment no longer has, or are damaged. Enter them again.'
          }
        />
      )}
      <TestResult test={props.test} />
      <RevealedSecrets secrets={props.revealed ?? []} />

      <dl class="facts">
        <dt>Platform</dt>
        <dd>{STORE_KIND_LABELS[store.platform]}</dd>
        <dt>Domain</dt>
        <dd>{store.domain}</dd>
        <dt>Currency</dt>
        <dd>{store.currency}</dd>
        <dt>Credentials</dt>
        <dd>
          <CredentialBadge state={summary.state} />
        </dd>
        <dt>Instagram</dt>
        <dd>{summary.instagram ? 'set' : 'not set'}</dd>
        <dt>X</dt>
        <dd>{summary.x ? 'set' : 'not set'}</dd>
      </dl>
      {store.platform === 'sandbox' && (
        <p class="muted">
          A test mode store: codes are recorded as live in FarOut’s own database; it calls no real
          store.
        </p>
      )}

      <form method="post" action={`/console/stores/${store.id}/test`} class="store-test">
        <button type="submit">Test the connection</button>
      </form>

      <WebhookAddresses store={store} origin={origin} />
      {store.platform === 'webhook' && <VerificationGuide />}

      {isOwner ? (
        <>
          <ReplaceConnectionForm store={store} state={forms.connection} />
          <NewSecretForms store={store} masks={forms.connection.masks} />
          <InstagramForm store={store} state={forms.instagram} origin={origin} />
          <XForm store={store} state={forms.x} />
        </>
      ) : (
        <p class="muted">Only an owner can change this store’s credentials.</p>
      )}
    </ConsoleLayout>
  );
}
