import type { Generated } from 'kysely';
import type { Channel } from '../../shared/types/domain';

/**
 * The contacts domain's tables: contacts, consent, tags, custom fields, segments, imports, search, bulk actions.
 * Part of DB (schema.ts); keep in step with every migration.
 */
export interface ContactTables {
  contacts: {
    id: Generated<number>;
    phone: string;
    first_name: string | null;
    last_name: string | null;
    email: string | null;
    country: string | null;
    textable: Generated<number>;
    not_textable_reason: string | null;
    opted_out: Generated<number>;
    opted_out_at: string | null;
    line_type: string | null;
    carrier: string | null;
    source: Generated<string>;
    is_unknown: Generated<number>;
    created_at: string;
    updated_at: string;
    last_contacted_at: string | null;
    /** the import that created this contact (migration 0007); null for every other contact */
    import_id: string | null;
    /** E-mail and voice consent (migration 0020): 1 accepts marketing e-mail, 0 declined, null not known. */
    email_consent: 0 | 1 | null;
    email_opted_out: Generated<number>;
    email_opted_out_at: string | null;
    /** Suppressed for good: a hard bounce or a spam complaint. */
    email_suppressed: 'hard_bounce' | 'complaint' | null;
    email_suppressed_at: string | null;
    /** Prior express written consent to prerecorded calls: when, and where it came from. */
    voice_consent_at: string | null;
    voice_consent_source: string | null;
    /** On the business's do-not-call list (a key press during a call, or the owner). */
    dnc: Generated<number>;
    dnc_at: string | null;
  };
  consent_records: {
    id: Generated<number>;
    contact_id: number;
    source: string;
    source_ref: string | null;
    consent: number | null;
    obtained_at: string;
    note: string | null;
    created_at: string;
    /** What the consent is to (migration 0020). */
    channel: Generated<Channel>;
  };
  tags: { id: Generated<number>; name: string; created_at: string };
  contact_tags: { contact_id: number; tag_id: number };
  custom_fields: {
    id: Generated<number>;
    key: string;
    label: string;
    created_at: string;
    /** migration 0012 */ type: Generated<'text' | 'date'>;
  };
  contact_field_values: { contact_id: number; field_id: number; value: string };
  segments: { id: Generated<number>; name: string; filter_json: string; created_at: string; updated_at: string };
  imports: {
    id: string;
    file_name: string;
    file_size: number | null;
    status: string;
    mapping_json: string | null;
    options_json: string | null;
    counts_json: string | null;
    started_at: string;
    finished_at: string | null;
    undone_at: string | null;
  };
  import_rejects: { import_id: string; row_number: number; reason: string; raw: string | null };
  import_changes: {
    import_id: string;
    contact_id: number;
    action: 'created' | 'updated';
    previous_json: string | null;
  };
  /** FTS5 trigram index over contacts (migration 0006, contentless: rowid = contact id; kept by triggers). */
  contact_search: { rowid: number; name: string; email: string; phone: string };
  /** FTS5 trigram index of the first two characters of first name, last name and email (migration 0009). */
  contact_starts: { rowid: number; starts: string };
  /** Indexed contacts edited since (migration 0006). */
  contact_search_queue: { contact_id: number };
  /** The highest contact id the search index holds; contacts above it wait to be indexed (migration 0006). */
  contact_search_state: { id: number; indexed_through: number };
  numverify_cache: {
    phone: string;
    valid: number;
    line_type: string | null;
    carrier: string | null;
    country_code: string | null;
    location: string | null;
    response_json: string;
    looked_up_at: string;
  };
  /** Bulk actions on contacts, kept for Undo (migration 0018). */
  contact_bulk_actions: {
    id: Generated<number>;
    action: 'add_tag' | 'remove_tag' | 'opt_out' | 'delete';
    tag_id: number | null;
    tag_name: string | null;
    tag_created: Generated<number>;
    contacts: Generated<number>;
    created_at: string;
    undone_at: string | null;
  };
  /** What a bulk action changed, one row a contact: the opt-out audit row it wrote (ref) or the deleted contact (migration 0018). */
  contact_bulk_changes: { action_id: number; contact_id: number; ref: number | null; snapshot_json: string | null };
}
