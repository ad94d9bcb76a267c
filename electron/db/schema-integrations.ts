/** The tables of outside services: QuickBooks. Part of DB (schema.ts); keep in step with every migration. */
export interface IntegrationTables {
  /** The last SPF/DKIM/DMARC check of each sending domain (migration 0028). */
  domain_checks: {
    domain: string;
    dkim_selector: string;
    spf: string | null;
    dkim: string | null;
    dmarc: string | null;
    problems_json: string;
    checked_at: string;
  };
  quickbooks_connection: {
    id: number;
    status: 'connected' | 'reconnect';
    connected_at: string;
    changed_since: string | null;
    last_sync_at: string | null;
    last_error: string | null;
  };
  quickbooks_oauth_states: {
    state: string;
    created_at: string;
    expires_at: string;
    used_at: string | null;
  };
  quickbooks_customers: {
    id: string;
    display_name: string;
    phone: string | null;
    email: string | null;
    contact_id: number | null;
    updated_at: string;
  };
  quickbooks_transactions: {
    entity: 'SalesReceipt' | 'Invoice' | 'Payment';
    id: string;
    customer_id: string | null;
    at: string;
    total_minor: number;
    paid_minor: number;
    updated_at: string;
  };
}
