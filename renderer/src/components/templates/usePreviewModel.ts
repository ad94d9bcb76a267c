import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import type { SampleContact } from '../../../../shared/ipc/channels/templates';
import {
  countSegments,
  lintTemplate,
  parseTemplate,
  previewTemplate,
  validateTemplate,
  type ContactContext,
  type TemplateIssue,
} from '../../../../shared/templates';
import type { Mark } from './BodyEditor';
import type { PreviewContact } from './PhonePreview';
import { useMeasure } from './useMeasure';

const NAMELESS: ContactContext = { firstName: null, lastName: null, phone: null, email: null, fields: {} };

function severityThenPlace(a: TemplateIssue, b: TemplateIssue): number {
  const rank = (i: TemplateIssue) => (i.severity === 'error' ? 0 : 1);
  return rank(a) - rank(b) || (a.position?.start ?? -1) - (b.position?.start ?? -1);
}

/**
 * Everything the editor shows about a body, computed in the renderer with the shared template code on every
 * keystroke (counter, preview, checks), plus the audience measurement the core makes after a pause in typing.
 */
export function usePreviewModel(body: string) {
  const [tag, setTag] = useState('');
  const [index, setIndex] = useState(0);
  const [picked, setPicked] = useState<SampleContact[]>([]);

  const context = useQuery(
    () => api.templates.sampleContacts({ limit: 10, ...(tag ? { tag } : {}) }),
    [tag],
    ['contacts', 'settings'],
  );
  const measure = useMeasure(body, tag);
  const examples = measure.data?.examples;
  const exampleIds = [...new Set((examples ?? []).map((e) => e.contact.id))];
  const exampleContacts = useQuery(
    () => (exampleIds.length ? api.templates.sampleContacts({ contactIds: exampleIds }) : Promise.resolve(null)),
    [exampleIds],
    ['contacts'],
  );

  const contacts = useMemo(() => {
    const list: PreviewContact[] = [];
    const byId = new Map<number, PreviewContact>();
    const add = (c: SampleContact, note?: string) => {
      const known = byId.get(c.id);
      if (known) {
        if (note && !known.note) known.note = note;
        return;
      }
      const entry: PreviewContact = { ...c, ...(note ? { note } : {}) };
      byId.set(c.id, entry);
      list.push(entry);
    };
    for (const c of picked) add(c);
    for (const c of context.data?.contacts ?? []) add(c);
    const loaded = new Map((exampleContacts.data?.contacts ?? []).map((c) => [c.id, c]));
    for (const e of examples ?? []) {
      const c = loaded.get(e.contact.id);
      if (!c) continue;
      add(
        c,
        e.reason === 'missing' ? `no ${e.key}` : e.reason === 'most_segments' ? 'most segments' : 'fewest segments',
      );
    }
    return list;
  }, [picked, context.data, exampleContacts.data, examples]);

  const current = contacts.length ? contacts[Math.min(index, contacts.length - 1)] : null;
  const business = context.data?.business;
  const knownFields = context.data?.knownFields;

  const preview = useMemo(
    () =>
      previewTemplate(
        body,
        { contact: current?.context ?? NAMELESS, business: business ?? { name: '', contact: '' } },
        { knownFields: knownFields ?? [] },
      ),
    [body, current, business, knownFields],
  );
  const count = useMemo(() => countSegments(preview.text), [preview.text]);

  const { issues, marks } = useMemo(() => {
    // Until the settings and fields have loaded, say nothing about them rather than flash a false alarm.
    const local = [
      ...validateTemplate(body, { knownFields: knownFields ?? [] }).filter(
        (i) => knownFields || i.code !== 'unknown_field',
      ),
      ...(business ? lintTemplate(body, { businessName: business.name }) : []),
    ];
    const audience = measure.body === body && measure.data ? measure.data.issues : [];
    const all = [...local, ...audience].sort(severityThenPlace);
    const marks: Mark[] = parseTemplate(body).tokens.flatMap((t) =>
      t.kind === 'variable' ? [{ start: t.start, end: t.end, kind: 'variable' as const }] : [],
    );
    for (const i of all) if (i.position) marks.push({ ...i.position, kind: i.severity });
    // The UCS-2 panel lists those characters together; the list would repeat one line per character.
    return { issues: all.filter((i) => i.code !== 'ucs2_forced'), marks };
  }, [body, knownFields, business, measure.body, measure.data]);

  return {
    tag,
    setTag: (t: string) => {
      setTag(t);
      setIndex(0);
    },
    contacts,
    index: current ? contacts.indexOf(current) : 0,
    setIndex,
    pick: (c: SampleContact) => {
      setPicked((p) => [c, ...p.filter((x) => x.id !== c.id)]);
      setIndex(0);
    },
    current,
    preview,
    count,
    issues,
    marks,
    measure,
    context: context.data,
    contextError: context.error,
  };
}
