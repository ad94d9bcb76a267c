import { Field, Textarea, TextInput } from '../ui';

/** The fields every template has, text or e-mail: its name and category (above) and the owner's notes (below). */
export function NameAndCategory({
  name,
  category,
  categories,
  namePlaceholder,
  categoryPlaceholder,
  onChange,
}: {
  name: string;
  category: string;
  categories: readonly string[];
  namePlaceholder: string;
  categoryPlaceholder: string;
  onChange: (patch: { name?: string; category?: string }) => void;
}) {
  return (
    <div className="tpl-form-row">
      <TextInput
        label="Name"
        fieldClassName="grow"
        id="tpl-name"
        value={name}
        maxLength={100}
        placeholder={namePlaceholder}
        onChange={(e) => onChange({ name: e.target.value })}
      />
      <Field label="Category" htmlFor="tpl-category">
        <TextInput
          id="tpl-category"
          list="tpl-categories"
          value={category}
          maxLength={50}
          placeholder={categoryPlaceholder}
          onChange={(e) => onChange({ category: e.target.value })}
        />
        <datalist id="tpl-categories">
          {categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </Field>
    </div>
  );
}

export function NotesField({ notes, onChange }: { notes: string; onChange: (notes: string) => void }) {
  return (
    <Textarea
      label="Notes (only you see these)"
      id="tpl-notes"
      className="notes"
      rows={2}
      maxLength={2000}
      value={notes}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
