import { useCallback } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { formatPhone } from '../../../../shared/phone-format';

/** Formats stored numbers for this business: national for its own country (contacts.defaultCountry), else international. */
export function usePhoneFormat(): (phone: string) => string {
  const country = useQuery(() => api.settings.get({ key: 'contacts.defaultCountry' }), [], ['settings']);
  const home = typeof country.data?.value === 'string' ? country.data.value : 'US';
  return useCallback((phone: string) => formatPhone(phone, home), [home]);
}
