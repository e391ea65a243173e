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
    /** Keyed hash of the address of the visitor's latest page load (visitor-profile.ts addressKey). */
    address_hash: string | null;
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
    initiator: 'visitor' | 'operator' | 'system';
    assignee_id: number | null;
    department_id: string | null;
    important: number;
    lead_class: LeadClass;
    rating: number | null;
    rating_comment: string | null;
    created_at: number;
    closed_at: number | null;
    last_message_at: number;
    /** C15: when an operator asked the visitor to rate this dialog (null: not asked). */
    rating_requested_at: number | null;
    /** Read receipts: created_at of the newest message the visitor / an operator has seen (null: none yet). */
    visitor_read_at: number | null;
    operator_read_at: number | null;
  };
  chat_messages: {
    id: string;
    dialog_id: string;
    /** `v:<visitorId>` or `u:<userId>`: with client_id, what makes a retried send idempotent. */
    sender_key: string;
    client_id: string;
    author_kind: 'visitor' | 'operator' | 'system' | 'bot' | 'plugin';
    author_user_id: number | null;
    text: string;
    attachments: string;
    created_at: number;
    edited_at: number | null;
    /** A bot's name, or the id of the plugin that posted the message (migration 0009). */
    author_name: string | null;
    /** A plugin-defined kind `<pluginId>.<name>` and its payload as JSON; null on plain messages. */
    kind: string | null;
    payload: string | null;
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
    /** The widget's id of the submission: `(visitor_id, client_id)` is unique, so a retry mails once. */
    client_id: string | null;
    /** Keyed hash of the sender's address: H6's limit per address. */
    address_hash: string;
  };
  /** C13: an address a blocked visitor came from; a new visitor of the site from it starts blocked. */
  chat_blocked_addresses: {
    site_id: string;
    address_hash: string;
    account_id: string;
    /** The blocked visitor whose address it was: unblocking them frees it. */
    visitor_id: string;
    created_at: number;
  };
  /** C7 files, bytes included: every core process sharing the database serves every file. */
  chat_attachments: {
    id: string;
    account_id: string;
    site_id: string;
    /** `v:<visitorId>` or `u:<userId>`, as `chat_messages.sender_key`: only the uploader may attach it. */
    uploader_key: string;
    /** The operator's dialog from the upload on; a visitor's once a message carries the file. */
    dialog_id: string | null;
    message_id: string | null;
    name: string;
    mime: string;
    size: number;
    bytes: Buffer;
    created_at: number;
  };
  /** Installation-wide secrets the chat generates for itself (the signing key of file URLs). */
  chat_keys: {
    name: string;
    secret: string;
  };
  chat_quick_replies: {
    id: string;
    account_id: string;
    user_id: number;
    text: string;
    /** sha256 of the text: `(user_id, text_hash)` is unique. */
    text_hash: string;
    uses: number;
    created_at: number;
  };
  chat_templates: {
    id: string;
    account_id: string;
    name: string;
    /** Lower-case name: `(account_id, name_key)` is unique. */
    name_key: string;
    text: string;
    created_at: number;
    updated_at: number;
    /** The user who wrote it; null for templates from before authors were kept. */
    created_by: number | null;
  };
  /** An operator's own panel settings (C17, C20); a null column means the default. */
  chat_operator_preferences: {
    account_id: string;
    user_id: number;
    /** JSON array of pinned action ids. */
    quick_actions: string | null;
    /** JSON object of the notification switches. */
    notify: string | null;
    /** JSON object of the switches of plugins' notification kinds, by kind id. */
    plugin_notify: string | null;
    updated_at: number;
  };
}
