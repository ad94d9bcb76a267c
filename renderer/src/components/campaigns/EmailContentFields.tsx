import { SendTestEmail } from '../templates/SendTestEmail';
import type { WizardState } from './wizard-state';
import { TextInput, Textarea } from '../ui';

/** The e-mail of a multi-channel campaign: its subject and Markdown body (same {{placeholders}} as a text). */
export function EmailContentFields({
  state,
  update,
}: {
  state: WizardState;
  update(patch: Partial<WizardState>): void;
}) {
  return (
    <section className="cw-card ch-email" aria-labelledby="ch-email-title">
      <h3 id="ch-email-title">E-mail</h3>
      <div className="cw-field">
        <label htmlFor="ch-email-subject">Subject</label>
        <TextInput
          id="ch-email-subject"
          value={state.emailSubject}
          maxLength={200}
          onChange={(e) => update({ emailSubject: e.target.value })}
        />
      </div>
      {state.emailKept ? (
        <p className="muted small">
          {state.emailKept.html !== undefined
            ? 'The body is the HTML file given when the campaign was made; it is kept as it is.'
            : `The body is e-mail template ${state.emailKept.templateId}.`}
        </p>
      ) : (
        <div className="cw-field">
          <label htmlFor="ch-email-body">Body</label>
          <Textarea
            id="ch-email-body"
            value={state.emailBody}
            onChange={(e) => update({ emailBody: e.target.value })}
            aria-describedby="ch-email-body-hint"
          />
          <p id="ch-email-body-hint" className="muted small">
            Markdown (**bold**, [links](https://…), lists) and the same placeholders as a text, e.g.{' '}
            {'{{first_name|there}}'}. Your postal address and an unsubscribe link are added to every e-mail.
          </p>
          <SendTestEmail
            subject={state.emailSubject}
            body={state.emailBody}
            disabledReason={
              state.emailSubject.trim() && state.emailBody.trim() ? null : 'Write a subject and a body first.'
            }
          />
        </div>
      )}
    </section>
  );
}
