import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { ExistingContact } from '../../../../shared/ipc/channels/contacts';
import { usePhoneFormat } from '../phone/usePhoneFormat';
import { Button } from '../ui';

/**
 * "This number is already a contact": after a save is refused as a duplicate, the contact who has the number, so
 * the form can link to them. Cleared by the form as soon as the phone field changes.
 */
export function useDuplicate() {
  const [existing, setExisting] = useState<ExistingContact | null>(null);
  return {
    existing,
    /** After a failed save: true when the failure was this number belonging to someone else (now shown as a link). */
    async explain(err: unknown, phone: string, exceptId?: number): Promise<boolean> {
      if (!(err instanceof ApiError) || err.code !== 'conflict') {
        setExisting(null);
        return false;
      }
      const found = await api.contacts
        .findByPhone({ phone, ...(exceptId === undefined ? {} : { exceptId }) })
        .catch(() => null);
      setExisting(found);
      return found !== null;
    },
    clear: () => setExisting(null),
  };
}

export function DuplicateNotice({ existing, onOpen }: { existing: ExistingContact; onOpen(id: number): void }) {
  const phone = usePhoneFormat();
  return (
    <p className="error-text ct-duplicate" role="alert">
      {phone(existing.phone)} is already a contact:{' '}
      <Button className="ct-link" onClick={() => onOpen(existing.id)}>
        {existing.name ? `open ${existing.name}` : 'open that contact'}
      </Button>
    </p>
  );
}
