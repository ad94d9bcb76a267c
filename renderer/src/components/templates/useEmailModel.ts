import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { lintEmailTemplate, type EmailBusiness, type EmailIssue } from '../../../../shared/email-templates';
import type { ContactContext } from '../../../../shared/templates';

const NAMELESS: ContactContext = { firstName: null, lastName: null, phone: null, email: null, fields: {} };

/**
 * What the e-mail editor shows about a subject and body, on every keystroke: the lint findings (postal address,
 * subject, links, images…) and unknown variables, the sample contacts to preview for, and the business and sender
 * from Settings.
 */
export function useEmailModel(subject: string, body: string) {
  const [index, setIndex] = useState(0);
  const context = useQuery(() => api.templates.sampleContacts({ limit: 10 }), [], ['contacts', 'settings']);
  const postal = useQuery(() => api.settings.get({ key: 'email.postalAddress' }), [], ['settings']);
  const from = useQuery(() => api.settings.get({ key: 'email.from' }), [], ['settings']);
  const contacts = context.data?.contacts ?? [];
  const current = contacts.length ? contacts[Math.min(index, contacts.length - 1)] : null;
  const postalAddress = typeof postal.data?.value === 'string' ? postal.data.value : null;
  const knownFields = context.data?.knownFields;

  const issues = useMemo((): EmailIssue[] => {
    // Until Settings and fields have loaded, say nothing about them rather than flash a false alarm.
    return lintEmailTemplate(subject, body, { postalAddress: postalAddress ?? 'loading', knownFields });
  }, [subject, body, postalAddress, knownFields]);

  const business: EmailBusiness = {
    name: context.data?.business.name ?? '',
    contact: context.data?.business.contact ?? '',
    postalAddress: postalAddress ?? '',
  };
  return {
    issues,
    contacts,
    current,
    contact: current?.context ?? NAMELESS,
    index: current ? contacts.indexOf(current) : 0,
    setIndex,
    business,
    knownFields: knownFields ?? [],
    sender: typeof from.data?.value === 'string' ? from.data.value : '',
    error: context.error ?? postal.error,
  };
}
