/**
 * Accounts' model: people, their sessions and passkeys, the roles they hold (a role's scope names
 * a service body or a group by id), and the audit log. Plain data, no I/O.
 */

export const roles = ['administrator', 'editor', 'group_contact'] as const;
export type Role = (typeof roles)[number];

/** A volunteer with an account. The email is personal data: stored, never logged or shown. */
export interface Person {
  id: string;
  email: string;
  displayName?: string;
  createdAt: string;
  lastSignInAt?: string;
  disabledAt?: string;
}

/**
 * One role a person holds. An editor's scope is a service body and everything below it; a group
 * contact's is one group (its meetings), named by its group key.
 */
export type Grant =
  | { role: 'administrator' }
  | { role: 'editor'; serviceBodyId: string }
  | { role: 'group_contact'; groupKey: string; serviceBodyId?: string };

export interface RoleGrant {
  id: string;
  personId: string;
  grant: Grant;
  grantedBy?: string;
  createdAt: string;
}

/** Who is acting: a signed-in person and every role they hold. */
export interface Actor {
  personId: string;
  grants: readonly Grant[];
}

export interface Session {
  id: string;
  personId: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  /** How the session began. */
  method: 'email' | 'passkey';
  /** A coarse device label ("Firefox on Android"), never the full user agent. */
  device?: string;
}

export interface Passkey {
  id: string;
  personId: string;
  /** base64url, as the browser names it. */
  credentialId: string;
  /** COSE key bytes. */
  publicKey: Uint8Array;
  algorithm: number;
  signCount: number;
  transports: string[];
  createdAt: string;
  lastUsedAt?: string;
}

/** An administrative action as the audit log keeps it: who, what, on what, never personal data. */
export interface AuditEntry {
  id: string;
  at: string;
  actorId?: string;
  action: string;
  targetKind: string;
  targetId?: string;
  details: Record<string, string | number | boolean | null>;
}

/** The canonical form of an email address: trimmed and lower-cased (as providers treat them). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

// Deliberately loose (one @, a dot in the domain, no spaces): the sign-in mail is the real test.
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,252}\.[^\s@]{1,63}$/;

/** True when a string is shaped like an email address. */
export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}
