import type { AudienceFilter } from '../audience';
import type { Channel, ContactRow, OutboxState } from '../types/domain';

/** What the Contacts channels answer (shared/ipc/channels/contacts.ts). */

export interface ContactListPage {
  rows: ContactRow[];
  /** How many contacts match: exact when `totalIsExact`, otherwise a lower bound ("10,000+"). */
  total: number;
  totalIsExact: boolean;
  /** Pass as `afterId` to get the next page (keyset paging); null on the last page. */
  nextAfterId: number | null;
  /** Pass as `after` to get the next page in the list's order; null on the last page. */
  nextCursor: string | null;
}

/** Above this many matches a search answers "10,000+" instead of counting them all. */
export const CONTACT_COUNT_CAP = 10_000;

export interface ContactDetailFields extends ContactRow {
  country: string | null;
  optedOutAt: string | null;
  /** From NumVerify: mobile, landline, toll_free, … (null when never checked). */
  lineType: string | null;
  carrier: string | null;
  /** manual, import, inbound (wrote in without being in the list) … */
  source: string;
  /** Wrote in without being in the list: no marketing consent on record. */
  isUnknown: boolean;
  updatedAt: string;
  /** Prior express written consent to prerecorded calls: when it was given, and where it came from. */
  voiceConsentAt: string | null;
  voiceConsentSource: string | null;
}

export interface ContactCustomValue {
  key: string;
  label: string;
  value: string;
}

/** How consent was obtained: an import (file and date) or entry by hand. Never overwritten by a re-import. */
export interface ConsentRecordView {
  id: number;
  source: string;
  /** For imports: "<importId>:<file name>". */
  sourceRef: string | null;
  /** true: consented to texts; false: said no; null: not stated. */
  consent: boolean | null;
  obtainedAt: string;
  note: string | null;
  createdAt: string;
}

/** One entry of the append-only opt-out audit for this contact's number. */
export interface OptOutHistoryEntry {
  id: number;
  at: string;
  oldState: string;
  newState: 'opted_out' | 'opted_in';
  /** keyword, manual, provider, import, reconciliation */
  source: string;
  actor: string;
  message: string | null;
  inboundMessageId: number | null;
  /** The channel the change is about: a STOP is SMS, an unsubscribe e-mail, do-not-call voice. */
  channel: Channel;
}

export type ContactMessage =
  | {
      direction: 'out';
      id: number;
      at: string;
      body: string;
      kind: 'campaign' | 'reply' | 'confirmation' | 'help';
      state: OutboxState;
      campaignId: number | null;
      campaignName: string | null;
      errorMessage: string | null;
    }
  | {
      direction: 'in';
      id: number;
      at: string;
      body: string;
      keyword: string | null;
      campaignId: number | null;
      campaignName: string | null;
    };

export interface ContactDetail {
  contact: ContactDetailFields;
  customFields: ContactCustomValue[];
  consentRecords: ConsentRecordView[];
  /** Oldest first. */
  optOutHistory: OptOutHistoryEntry[];
  /** Texts sent and received, newest first, at most `messageLimit`. */
  messages: ContactMessage[];
  /** All texts this contact has, sent and received. */
  messageCount: number;
}

export interface ConsentChangeResult {
  /** null when the number is not a contact: an opt-out is still recorded, so it holds if they are added later. */
  contactId: number | null;
  phone: string;
  optedOut: boolean;
  /** false when the contact was already in that state (nothing is written then). */
  changed: boolean;
}

export interface CustomFieldRow {
  id: number;
  /** Used in templates as {{key}}. */
  key: string;
  label: string;
  /** `date` fields hold dates (birthdays, anniversaries) and can drive date-field campaigns. */
  type: 'text' | 'date';
  createdAt: string;
  /** Contacts with a value for it. */
  contacts: number;
}

export interface SegmentRow {
  id: number;
  name: string;
  filter: AudienceFilter;
  createdAt: string;
  updatedAt: string;
}

/**
 * An export is always written to a file in the data folder's `exports/` folder (streamed, so a million contacts
 * need no more memory than a thousand); `csv` carries the same text too when the file is at most
 * CONTACT_EXPORT_INLINE_BYTES, so the browser can offer it as a download.
 */
export interface ContactExportResult {
  path: string;
  fileName: string;
  rows: number;
  bytes: number;
  csv: string | null;
}
export const CONTACT_EXPORT_INLINE_BYTES = 5 * 1024 * 1024;

/** What a check of numbers will cost, told before it starts (contacts:verifyPlan). */
export interface VerifyPlan {
  /** Contacts selected. */
  contacts: number;
  /** Different numbers among them. */
  numbers: number;
  /** Numbers answered from the 30-day cache: free. */
  cached: number;
  /** Numbers NumVerify cannot check (not in international form): skipped, free. */
  unreadable: number;
  /** Numbers that will really be looked up (and paid for). */
  lookups: number;
  /** The numverify.pricePerLookup setting, in dollars. */
  pricePerLookup: number;
  /** lookups × pricePerLookup, in dollars. */
  cost: number;
  /** Whether the NumVerify access key is set (without it the check cannot start). */
  keySet: boolean;
  /** The most numbers one check may cover. */
  max: number;
}

export interface VerifyReport {
  /** Contacts selected. */
  selected: number;
  /** Numbers answered (from the 30-day cache or NumVerify). */
  checked: number;
  /** Of those, answered from the cache without calling NumVerify. */
  fromCache: number;
  /** Numbers sent to NumVerify (not answered from the cache). */
  lookups: number;
  mobile: number;
  landline: number;
  /** Internet numbers (VoIP): often textable, kept textable. */
  voip: number;
  /** Numbers NumVerify says are not valid. */
  invalid: number;
  /** Marked not textable: landline, toll-free, premium-rate, special services, paging, satellite, or not valid. */
  markedNotTextable: number;
  /** Numbers that could not be checked, each with the reason. */
  failed: { phone: string; message: string }[];
  /** Set when the whole run stopped early (bad key, allowance used up); the remaining numbers were not checked. */
  stopped: { code: string; message: string } | null;
}
