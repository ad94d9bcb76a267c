import { useState, type ClipboardEvent } from 'react';
import { useApp } from '../../store/app';
import { Banner, Badge, Button, Field, TextInput } from '../ui';
import type { TemplateRow } from '../../../../shared/types/domain';
import { PREVIEW_UNSUBSCRIBE_URL, renderEmail, SUBJECT_MAX } from '../../../../shared/email-templates';
import { parseTemplate } from '../../../../shared/templates';
import { BodyEditor, type Mark } from './BodyEditor';
import { ChannelChoice } from './ChannelChoice';
import { EditorHeader } from './EditorHeader';
import { EmailPreview } from './EmailPreview';
import { EmailProblems } from './EmailProblems';
import { insertAt } from './fixes';
import { NameAndCategory, NotesField } from './TemplateFields';
import { useBodyCaret } from './useBodyCaret';
import { SendTestEmail } from './SendTestEmail';
import { useEmailModel } from './useEmailModel';
import { useTemplateEditor, type BaseDraft, type TemplateEditorProps } from './useTemplateEditor';
import { VariableBar } from './VariableBar';
import './templates.css';
import './email-editor.css';

interface Draft extends BaseDraft {
  subject: string;
}

const toDraft = (t: Pick<TemplateRow, 'name' | 'subject' | 'body' | 'category' | 'notes'> | null): Draft => ({
  name: t?.name ?? '',
  subject: t?.subject ?? '',
  body: t?.body ?? '',
  category: t?.category ?? '',
  notes: t?.notes ?? '',
});
/** Runs of spaces in a subject are one space to a mail app, so they do not make the draft unsaved. */
const sameSubject = (a: Draft, b: Draft) =>
  a.subject.replace(/\s+/g, ' ').trim() === b.subject.replace(/\s+/g, ' ').trim();

const IMAGE = '![Describe the picture](https://)';
const PASTED_PICTURE =
  'Pictures cannot be pasted into an e-mail: mail apps only show images from a web address. Upload the picture to your website or shop, copy its https:// address, and add it with "Image by address".';

/** Write or edit one e-mail template: subject, Markdown body, checks beside each field, preview, and a test send. */
export function EmailTemplateEditor(props: TemplateEditorProps) {
  const { categories, onChannel } = props;
  const go = useApp((s) => s.go);
  const {
    record,
    draft,
    patch,
    dirty,
    common,
    save: store,
    saveShortcut,
  } = useTemplateEditor(props, toDraft, sameSubject);
  const [pasteNote, setPasteNote] = useState<string | null>(null);
  const model = useEmailModel(draft.subject, draft.body);
  const { textarea, caret, edit, insert } = useBodyCaret(draft.body, (body) => patch({ body }));
  const insertImage = () => {
    const [start] = caret();
    const next = insertAt(draft.body, caret(), IMAGE);
    // Select the address part, ready to paste the picture's https:// address over it.
    const at = start + IMAGE.indexOf('https://');
    edit({ body: next.body, select: [at, at + 'https://'.length] });
  };
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const data = e.clipboardData;
    const picture = data.files.length > 0 || /data:image\//i.test(data.getData('text/plain'));
    setPasteNote(picture ? PASTED_PICTURE : null);
    if (picture) e.preventDefault();
  };

  const save = () => {
    const fields = { ...common, subject: draft.subject };
    return store({ ...fields, channel: 'email' }, fields);
  };

  const byPart = (part: 'subject' | 'body' | 'settings') => model.issues.filter((i) => i.part === part);
  const errors = model.issues.filter((i) => i.severity === 'error').length;
  const marks: Mark[] = parseTemplate(draft.body).tokens.flatMap((t) =>
    t.kind === 'variable' ? [{ start: t.start, end: t.end, kind: 'variable' as const }] : [],
  );
  const request = { subject: draft.subject, markdown: draft.body, contact: model.contact, business: model.business };
  const subjectLine = renderEmail({ ...request, unsubscribeUrl: PREVIEW_UNSUBSCRIBE_URL }).subject;

  return (
    <div className="tpl-editor email" onKeyDown={saveShortcut(save)}>
      <div className="tpl-main">
        <EditorHeader
          title={record.id === null ? 'New e-mail template' : 'Edit e-mail template'}
          record={record}
          dirty={dirty}
          canSave={!!draft.name.trim() && !!draft.body.trim()}
          onSave={() => void save()}
          badges={<Badge tone="info">E-mail</Badge>}
          problem={model.error}
        />
        {record.id === null && onChannel && <ChannelChoice channel="email" onChannel={onChannel} disabled={dirty} />}
        <EmailProblems
          issues={byPart('settings')}
          label="Settings problems"
          onOpenSettings={() => go('settings')}
          quietWhenNone
        />
        <NameAndCategory
          name={draft.name}
          category={draft.category}
          categories={categories}
          namePlaceholder="e.g. Spring newsletter"
          categoryPlaceholder="e.g. Newsletters"
          onChange={patch}
        />
        <Field label="Subject" htmlFor="tpl-subject">
          <TextInput
            id="tpl-subject"
            value={draft.subject}
            maxLength={998}
            placeholder="e.g. {{first_name|Hello}}, our spring sale starts today"
            aria-describedby="tpl-subject-count"
            onChange={(e) => patch({ subject: e.target.value })}
          />
          <p id="tpl-subject-count" className="muted small">
            {draft.subject.trim().length} of about {SUBJECT_MAX} characters mail apps show
          </p>
          <EmailProblems issues={byPart('subject')} label="Subject problems" quietWhenNone />
        </Field>
        <Field label="E-mail text" htmlFor="tpl-body">
          <VariableBar
            fields={model.knownFields}
            onInsert={insert}
            optOutLine={false}
            extra={
              <Button className="chip" title="A picture from a web address (https://)" onClick={insertImage}>
                Image by address
              </Button>
            }
          />
          <BodyEditor
            id="tpl-body"
            value={draft.body}
            marks={marks}
            onChange={(body) => {
              setPasteNote(null);
              patch({ body });
            }}
            textareaRef={textarea}
            describedBy="tpl-body-hint"
            placeholder={'Hi {{first_name|there}},\n\nOur **spring sale** starts today: [see what is new](https://…).'}
            onPaste={onPaste}
          />
          <p id="tpl-body-hint" className="muted small">
            Markdown: **bold**, *italic*, [words](https://…) for a link, - for a list, # for a heading. Your business
            name, postal address and an unsubscribe link are added at the bottom of every e-mail.
          </p>
          {pasteNote && (
            <Banner tone="warn" role="alert">
              {pasteNote}
            </Banner>
          )}
        </Field>
        <section className="tpl-checks" aria-label="Checks">
          <h3>Checks</h3>
          {draft.body.trim() === '' && draft.subject.trim() === '' ? (
            <p className="muted">Write the subject and text above; problems appear here as you type.</p>
          ) : (
            <EmailProblems issues={byPart('body')} label="Problems" />
          )}
        </section>
        <SendTestEmail
          subject={draft.subject}
          body={draft.body}
          contactId={model.current?.id}
          disabledReason={
            !draft.subject.trim() || !draft.body.trim()
              ? 'Write a subject and text first.'
              : errors > 0
                ? 'Fix the problems marked ! first.'
                : null
          }
        />
        <NotesField notes={draft.notes} onChange={(notes) => patch({ notes })} />
      </div>
      <EmailPreview
        request={request}
        subjectLine={subjectLine}
        sender={model.sender}
        contacts={model.contacts}
        index={model.index}
        onIndex={model.setIndex}
      />
    </div>
  );
}
