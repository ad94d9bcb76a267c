import { useApp } from '../../store/app';
import { Field } from '../ui';
import type { TemplateRow } from '../../../../shared/types/domain';
import { applyGsmReplacements } from '../../../../shared/templates';
import { AudiencePanel } from './AudiencePanel';
import { BodyEditor } from './BodyEditor';
import { ChannelChoice } from './ChannelChoice';
import { EditorHeader } from './EditorHeader';
import type { Fix } from './fixes';
import { PhonePreview } from './PhonePreview';
import { ProblemList } from './ProblemList';
import { SegmentMeter } from './SegmentMeter';
import { Ucs2Panel } from './Ucs2Panel';
import { NameAndCategory, NotesField } from './TemplateFields';
import { useBodyCaret } from './useBodyCaret';
import { usePreviewModel } from './usePreviewModel';
import { useTemplateEditor, type BaseDraft, type TemplateEditorProps } from './useTemplateEditor';
import { VariableBar } from './VariableBar';
import { DraftWithGemini } from '../ai/DraftWithGemini';
import './templates.css';

const toDraft = (t: Pick<TemplateRow, 'name' | 'body' | 'category' | 'notes'> | null): BaseDraft => ({
  name: t?.name ?? '',
  body: t?.body ?? '',
  category: t?.category ?? '',
  notes: t?.notes ?? '',
});

/** Write or edit one template, with its live counter, checks, phone preview and audience estimate beside it. */
export function TemplateEditor(props: TemplateEditorProps) {
  const { categories, onChannel } = props;
  const go = useApp((s) => s.go);
  const { record, draft, patch, dirty, common, save: store, saveShortcut } = useTemplateEditor(props, toDraft);
  const model = usePreviewModel(draft.body);
  const setBody = (body: string) => patch({ body });
  const { textarea, edit, select, insert } = useBodyCaret(draft.body, setBody);
  const save = () => store(common, common);

  const who = model.current ? model.current.label : 'a contact with no name';
  const fields = model.context?.knownFields ?? [];

  return (
    <div className="tpl-editor" onKeyDown={saveShortcut(save)}>
      <div className="tpl-main">
        <EditorHeader
          title={record.id === null ? 'New template' : 'Edit template'}
          record={record}
          dirty={dirty}
          canSave={!!draft.name.trim() && !!draft.body.trim()}
          onSave={() => void save()}
          problem={model.contextError}
        />
        {record.id === null && onChannel && <ChannelChoice channel="sms" onChannel={onChannel} disabled={dirty} />}
        <NameAndCategory
          name={draft.name}
          category={draft.category}
          categories={categories}
          namePlaceholder="e.g. Weekend sale"
          categoryPlaceholder="e.g. Promotions"
          onChange={patch}
        />
        <Field label="Message" htmlFor="tpl-body">
          <VariableBar fields={fields} onInsert={insert} />
          <DraftWithGemini onUse={setBody} />
          <BodyEditor
            id="tpl-body"
            value={draft.body}
            marks={model.marks}
            onChange={setBody}
            textareaRef={textarea}
            describedBy="tpl-meter"
          />
          <div id="tpl-meter">
            <SegmentMeter count={model.count} who={who} />
          </div>
        </Field>
        <Ucs2Panel
          body={draft.body}
          onReplace={() => edit({ body: applyGsmReplacements(draft.body), select: [0, 0] })}
          onSelect={select}
        />
        <section className="tpl-checks" aria-label="Checks">
          <h3>Checks</h3>
          {draft.body.trim() === '' ? (
            <p className="muted">Write the message above; problems and compliance checks appear here as you type.</p>
          ) : (
            <ProblemList
              issues={model.issues}
              onSelect={select}
              onFix={(fix: Fix) => edit(fix.apply(draft.body))}
              onOpenSettings={() => go('settings')}
            />
          )}
        </section>
        <NotesField notes={draft.notes} onChange={(notes) => patch({ notes })} />
      </div>
      <aside className="tpl-side">
        <PhonePreview
          contacts={model.contacts}
          index={model.index}
          onIndex={model.setIndex}
          preview={model.preview}
          businessName={model.context?.business.name ?? ''}
          tag={model.tag}
          onPick={model.pick}
        />
        <AudiencePanel
          measure={model.measure}
          tag={model.tag}
          tags={model.context?.tags ?? []}
          audienceSize={model.context?.audienceSize ?? null}
          onTag={model.setTag}
        />
      </aside>
    </div>
  );
}
