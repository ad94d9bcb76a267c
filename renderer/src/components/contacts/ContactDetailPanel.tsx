import { useState } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import type { ContactDetail } from '../../../../shared/ipc/channels/contacts';
import { Badge, ErrorBanner, Loading } from '../ui';
import { ConsentChange } from './ConsentChange';
import { ConsentHistory } from './ConsentHistory';
import { ContactFields } from './ContactFields';
import { fullName, initials } from './format';
import { MessageHistory } from './MessageHistory';
import { Button, ConfirmDialog } from '../ui';
import { lacksConsent, RecordConsent } from './RecordConsent';
import { TagEditor } from './TagEditor';
import { ChannelStatusList } from './ChannelStatus';
import { VoiceConsentForm } from './VoiceConsentForm';
import { MarkConversionButton } from '../analytics/MarkConversion';
import { EngagementWhy } from '../analytics/EngagementWhy';
import { usePhoneFormat } from '../phone/usePhoneFormat';
import './contacts.css';

function StatusLine({ d }: { d: ContactDetail }) {
  const c = d.contact;
  return (
    <div className="ct-status-line">
      {c.optedOut ? (
        <Badge tone="bad">Opted out</Badge>
      ) : c.textable ? (
        <Badge tone="good">Textable</Badge>
      ) : (
        <Badge tone="warn">Not textable</Badge>
      )}
      {!c.optedOut && !c.textable && c.notTextableReason && <span className="muted small">{c.notTextableReason}</span>}
      {c.isUnknown && <Badge tone="info">Wrote in · no marketing consent</Badge>}
      <ChannelStatusList reach={c.reach} />
      {c.voiceConsentAt && (
        <p className="muted small ch-voice-consent">
          Agreed in writing to recorded calls on {new Date(c.voiceConsentAt).toLocaleDateString()} —{' '}
          {c.voiceConsentSource}
        </p>
      )}
    </div>
  );
}

/** One contact: fields, tags, consent and texts, with the actions an owner takes on a person. */
export function ContactDetailPanel({
  contactId,
  knownTags,
  onClose,
  onChanged,
  onDeleted,
  onOpenContact,
}: {
  contactId: number;
  knownTags: string[];
  onClose(): void;
  onChanged(): void;
  onDeleted(): void;
  /** Opens another contact (the one who already has a number typed here). */
  onOpenContact(id: number): void;
}) {
  const q = useQuery(() => api.contacts.get({ id: contactId }), [contactId], ['contacts', 'inbox', 'optouts']);
  const fields = useQuery(() => api.contacts.fields({}), [], ['contacts']);
  const [saved, setSaved] = useState<ContactDetail | null>(null);
  const [consent, setConsent] = useState<'out' | 'in' | 'record' | 'voice' | 'dnc' | null>(null);
  const [deleting, setDeleting] = useState<'ask' | 'busy' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tagBusy, setTagBusy] = useState(false);
  const phone = usePhoneFormat();
  // An answer from a save is newer than the load it replaced, until the next load comes in.
  const d =
    saved && q.data && saved.contact.updatedAt >= q.data.contact.updatedAt && saved.contact.id === contactId
      ? saved
      : q.data;

  const changed = (next: ContactDetail) => {
    setSaved(next);
    onChanged();
  };
  const setTags = async (tags: string[]) => {
    setTagBusy(true);
    setError(null);
    try {
      changed(await api.contacts.update({ id: contactId, tags }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setTagBusy(false);
    }
  };
  const remove = async () => {
    setDeleting('busy');
    try {
      await api.contacts.delete({ ids: [contactId] });
      onDeleted();
    } catch (e) {
      setError((e as Error).message);
      setDeleting(null);
    }
  };

  const name = d ? fullName(d.contact) : '';
  return (
    <aside className="ct-detail" aria-label="Contact details">
      <Button className="ct-close" aria-label="Close details" onClick={onClose}>
        ×
      </Button>
      {!d ? (
        q.error ? (
          <ErrorBanner message={q.error} />
        ) : (
          <Loading />
        )
      ) : (
        <>
          <header className="ct-detail-head">
            <span className="ct-avatar large" aria-hidden="true">
              {initials(name)}
            </span>
            <div>
              <h2>{name || <span className="muted">No name</span>}</h2>
              <div className="mono muted">{phone(d.contact.phone)}</div>
              <StatusLine d={d} />
            </div>
          </header>
          <div className="ct-detail-actions">
            {!d.contact.optedOut && !d.contact.textable && lacksConsent(d.contact.notTextableReason) && (
              <Button onClick={() => setConsent('record')}>Record consent</Button>
            )}
            {d.contact.optedOut ? (
              <Button variant="secondary" onClick={() => setConsent('in')}>
                Opt in
              </Button>
            ) : (
              <Button variant="secondary" className="ct-warn-button" onClick={() => setConsent('out')}>
                Opt out
              </Button>
            )}
            {d.contact.reach.voice === 'no_consent' && (
              <button type="button" className="secondary" onClick={() => setConsent('voice')}>
                Consent to calls
              </button>
            )}
            {d.contact.reach.voice !== 'dnc' && (
              <button type="button" className="secondary ct-warn-button" onClick={() => setConsent('dnc')}>
                Do not call
              </button>
            )}
            <MarkConversionButton
              target={{ contactId: d.contact.id, who: name || d.contact.phone }}
              onDone={onChanged}
            />
            <Button variant="secondary" className="ct-danger-button" onClick={() => setDeleting('ask')}>
              Delete
            </Button>
          </div>
          <ErrorBanner message={error ?? q.error} />
          <section className="ct-section">
            <h3>Engagement</h3>
            <EngagementWhy contactId={d.contact.id} />
          </section>
          <section className="ct-section">
            <h3>Tags</h3>
            <TagEditor tags={d.contact.tags} known={knownTags} busy={tagBusy} onChange={(t) => void setTags(t)} />
          </section>
          <section className="ct-section">
            <h3>Details</h3>
            <ContactFields
              key={d.contact.updatedAt}
              detail={d}
              fields={fields.data ?? []}
              onSaved={changed}
              onOpenContact={onOpenContact}
            />
          </section>
          <section className="ct-section">
            <h3>Consent</h3>
            <ConsentHistory records={d.consentRecords} audit={d.optOutHistory} />
          </section>
          <section className="ct-section">
            <h3>
              Messages <span className="muted small">{d.messageCount ? d.messageCount.toLocaleString() : ''}</span>
            </h3>
            <MessageHistory messages={d.messages} total={d.messageCount} />
          </section>
        </>
      )}
      {consent === 'record' && d && (
        <RecordConsent
          contactIds={[contactId]}
          name={name || d.contact.phone}
          onClose={() => setConsent(null)}
          onDone={() => {
            setConsent(null);
            q.reload();
            onChanged();
          }}
        />
      )}
      {(consent === 'out' || consent === 'in') && d && (
        <ConsentChange
          contactId={contactId}
          name={name || d.contact.phone}
          optingOut={consent === 'out'}
          onClose={() => setConsent(null)}
          onDone={() => {
            setConsent(null);
            q.reload();
            onChanged();
          }}
        />
      )}
      {consent === 'voice' && d && (
        <VoiceConsentForm
          contactId={contactId}
          name={name || phone(d.contact.phone)}
          onClose={() => setConsent(null)}
          onDone={() => {
            setConsent(null);
            q.reload();
            onChanged();
          }}
        />
      )}
      {consent === 'dnc' && d && (
        <ConfirmDialog
          title={`Never call ${name || phone(d.contact.phone)}?`}
          confirmLabel="Add to do-not-call list"
          danger
          onConfirm={() => {
            api.consent
              .doNotCall({ contactId, reason: 'Asked not to be called (recorded in the app)' })
              .then(() => {
                setConsent(null);
                q.reload();
                onChanged();
              })
              .catch((e: Error) => {
                setError(e.message);
                setConsent(null);
              });
          }}
          onClose={() => setConsent(null)}
        >
          They asked not to be called: their number goes on your do-not-call list at once and no call campaign will ring
          it. Texts and e-mail are not affected.
        </ConfirmDialog>
      )}
      {deleting && d && (
        <ConfirmDialog
          title={`Delete ${name || d.contact.phone}?`}
          confirmLabel="Delete contact"
          danger
          busy={deleting === 'busy'}
          onConfirm={() => void remove()}
          onClose={() => setDeleting(null)}
        >
          The contact, their tags and custom fields are removed. Their opt-out history stays on record, so if this
          number is added again after a STOP it comes back opted out.
        </ConfirmDialog>
      )}
    </aside>
  );
}
