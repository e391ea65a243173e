import type { Generated } from 'kysely';
import type { ActivityState, LeadClass, OperatorStatus } from '../shared/chat.protocol.js';

/** The chat plugin's operational tables. Times are epoch milliseconds. */
export interface ChatTables {
  chat_visitors: {
    id: string;
    account_id: string;
    site_id: string;
    generated_name: string;
    name: string | null;
    email: string;
    phone: string;
    notes: string;
    device: 'desktop' | 'mobile' | 'tablet';
    browser: string;
    os: string;
    location: string;
    activity: ActivityState;
    page_url: string | null;
    page_title: string | null;
    referrer: string | null;
    chat_open: number;
    blocked: number;
    first_seen_at: number;
    last_seen_at: number;
  };
  chat_page_views: {
    id: Generated<number>;
    visitor_id: string;
    url: string;
    title: string;
    referrer: string;
    at: number;
    left_at: number | null;
  };
  chat_dialogs: {
    id: string;
    account_id: string;
    site_id: string;
    visitor_id: string;
    status: 'open' | 'closed';
    initiator: 'visitor' | 'operator';
    assignee_id: number | null;
    department_id: string | null;
    important: number;
    lead_class: LeadClass;
    rating: number | null;
    rating_comment: string | null;
    created_at: number;
    closed_at: number | null;
    last_message_at: number;
  };
  chat_messages: {
    id: string;
    dialog_id: string;
    /** `v:<visitorId>` or `u:<userId>`: with client_id, what makes a retried send idempotent. */
    sender_key: string;
    client_id: string;
    author_kind: 'visitor' | 'operator' | 'system';
    author_user_id: number | null;
    text: string;
    attachments: string;
    created_at: number;
    edited_at: number | null;
  };
  chat_operator_status: {
    user_id: number;
    account_id: string;
    status: OperatorStatus;
    updated_at: number;
  };
  chat_offline_requests: {
    id: Generated<number>;
    account_id: string;
    site_id: string;
    visitor_id: string;
    name: string;
    email: string;
    phone: string;
    text: string;
    created_at: number;
  };
}
