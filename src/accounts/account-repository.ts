import type { Kysely, Selectable } from 'kysely';
import type {
  Database,
  PasskeysTable,
  PeopleTable,
  SessionsTable,
} from '../platform/database/schema.js';
import type { Keyring } from '../platform/crypto/keyring.js';
import type { Passkey, Person, Session } from './model.js';
import { emailKeys, type EmailKeys } from './sealed-email.js';

/**
 * The only code that speaks SQL about people, passkeys, sign-in links, sessions and challenges.
 * A person's email is sealed at rest and found by its blind index (migration 0012); callers see
 * it in the clear, and sealing happens here alone.
 */
export class AccountRepository {
  private keys: EmailKeys | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    /** The master keyring, asked for when an email is written, read or looked up. */
    private readonly keyring: () => Keyring = noKeyring,
  ) {}

  private emailKeys(): EmailKeys {
    return (this.keys ??= emailKeys(this.keyring()));
  }

  async insertPerson(person: Person): Promise<void> {
    await this.db
      .insertInto('people')
      .values({
        id: person.id,
        email_index: this.emailKeys().index(person.email),
        email_sealed: this.emailKeys().seal(person.id, person.email),
        display_name: person.displayName ?? null,
        created_at: person.createdAt,
        last_sign_in_at: person.lastSignInAt ?? null,
        disabled_at: person.disabledAt ?? null,
      })
      .execute();
  }

  async personById(id: string): Promise<Person | undefined> {
    const row = await this.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && this.toPerson(row);
  }

  /** The person with this (normalized) email. */
  async personByEmail(email: string): Promise<Person | undefined> {
    const row = await this.db
      .selectFrom('people')
      .selectAll()
      // A row from before sealing holds the address itself until the next open seals it.
      .where((eb) =>
        eb.or([
          eb('email_index', '=', this.emailKeys().index(email)),
          eb.and([eb('email_sealed', 'is', null), eb('email_index', '=', email)]),
        ]),
      )
      .executeTakeFirst();
    return row && this.toPerson(row);
  }

  async peopleByIds(ids: readonly string[]): Promise<Person[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('people').selectAll().where('id', 'in', ids).execute();
    return rows.map((row) => this.toPerson(row));
  }

  /**
   * Seals the emails of rows written before sealing (migration 0012 cannot: it never sees the
   * master key); run when the store opens with the keyring. Returns how many were sealed.
   */
  async sealPlainEmails(): Promise<number> {
    const rows = await this.db
      .selectFrom('people')
      .select(['id', 'email_index'])
      .where('email_sealed', 'is', null)
      .execute();
    for (const row of rows) {
      await this.db
        .updateTable('people')
        .set({
          email_index: this.emailKeys().index(row.email_index),
          email_sealed: this.emailKeys().seal(row.id, row.email_index),
        })
        .where('id', '=', row.id)
        .where('email_sealed', 'is', null)
        .execute();
    }
    return rows.length;
  }

  /**
   * Re-seals every email, and recomputes its index, under the keys of a new master key (their
   * keys are derived from the master key, so a rotation must carry them over). In one
   * transaction: a failure leaves every row under the old key.
   */
  async resealEmails(from: Keyring, to: Keyring): Promise<number> {
    const [before, after] = [emailKeys(from), emailKeys(to)];
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('people')
        .select(['id', 'email_sealed'])
        .where('email_sealed', 'is not', null)
        .execute();
      for (const row of rows) {
        const email = before.open(row.id, row.email_sealed!);
        await trx
          .updateTable('people')
          .set({ email_index: after.index(email), email_sealed: after.seal(row.id, email) })
          .where('id', '=', row.id)
          .execute();
      }
      return rows.length;
    });
  }

  async touchSignIn(personId: string, at: string): Promise<void> {
    await this.db
      .updateTable('people')
      .set({ last_sign_in_at: at })
      .where('id', '=', personId)
      .execute();
  }

  async insertSignInToken(token: {
    tokenHash: string;
    personId: string;
    createdAt: string;
    expiresAt: string;
  }): Promise<void> {
    await this.db
      .insertInto('sign_in_tokens')
      .values({
        token_hash: token.tokenHash,
        person_id: token.personId,
        created_at: token.createdAt,
        expires_at: token.expiresAt,
        used_at: null,
      })
      .execute();
  }

  /** The person a live (unused, unexpired) sign-in token names, without using it up. */
  async peekSignInToken(tokenHash: string, now: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('sign_in_tokens')
      .select('person_id')
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row?.person_id;
  }

  /**
   * Uses up a live sign-in token and returns its person. One conditional update, so two requests
   * racing with the same link cannot both win.
   */
  async consumeSignInToken(tokenHash: string, now: string): Promise<string | undefined> {
    const row = await this.db
      .updateTable('sign_in_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('person_id')
      .executeTakeFirst();
    return row?.person_id;
  }

  /** Drops sign-in tokens that expired before `before`, used or not. */
  async pruneSignInTokens(before: string): Promise<void> {
    await this.db.deleteFrom('sign_in_tokens').where('expires_at', '<', before).execute();
  }

  async insertSession(session: Session & { tokenHash: string }): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id: session.id,
        token_hash: session.tokenHash,
        person_id: session.personId,
        method: session.method,
        device: session.device ?? null,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
        last_seen_at: session.lastSeenAt,
        revoked_at: null,
      })
      .execute();
  }

  /** A live session by the hash of its token. */
  async liveSessionByHash(tokenHash: string, now: string): Promise<Session | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row && toSession(row);
  }

  async touchSession(id: string, at: string): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
  }

  /** A person's live sessions, most recently seen first. */
  async liveSessions(personId: string, now: string): Promise<Session[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('person_id', '=', personId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('last_seen_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toSession);
  }

  /** Revokes one of a person's sessions; false when they have no such live session. */
  async revokeSession(personId: string, id: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('person_id', '=', personId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Revokes every live session of a person; returns how many. */
  async revokeAllSessions(personId: string, now: string): Promise<number> {
    const result = await this.db
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('person_id', '=', personId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Drops sessions that ended (expired or revoked) before `before`. */
  async pruneSessions(before: string): Promise<void> {
    await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
      .execute();
  }

  async insertChallenge(challenge: {
    challenge: string;
    purpose: string;
    personId?: string;
    expiresAt: string;
  }): Promise<void> {
    await this.db
      .insertInto('webauthn_challenges')
      .values({
        challenge: challenge.challenge,
        purpose: challenge.purpose,
        person_id: challenge.personId ?? null,
        expires_at: challenge.expiresAt,
      })
      .execute();
  }

  /**
   * Uses up a live challenge issued for this purpose (and person, if any); true when it existed.
   * Deleting it is what makes every ceremony single-use.
   */
  async consumeChallenge(
    challenge: string,
    purpose: string,
    personId: string | undefined,
    now: string,
  ): Promise<boolean> {
    await this.db.deleteFrom('webauthn_challenges').where('expires_at', '<=', now).execute();
    let query = this.db
      .deleteFrom('webauthn_challenges')
      .where('challenge', '=', challenge)
      .where('purpose', '=', purpose);
    query =
      personId === undefined
        ? query.where('person_id', 'is', null)
        : query.where('person_id', '=', personId);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async insertPasskey(passkey: Passkey): Promise<void> {
    await this.db
      .insertInto('passkeys')
      .values({
        id: passkey.id,
        person_id: passkey.personId,
        credential_id: passkey.credentialId,
        public_key: Buffer.from(passkey.publicKey).toString('base64url'),
        algorithm: passkey.algorithm,
        sign_count: passkey.signCount,
        transports: JSON.stringify(passkey.transports),
        created_at: passkey.createdAt,
        last_used_at: passkey.lastUsedAt ?? null,
      })
      .execute();
  }

  async passkeyByCredentialId(credentialId: string): Promise<Passkey | undefined> {
    const row = await this.db
      .selectFrom('passkeys')
      .selectAll()
      .where('credential_id', '=', credentialId)
      .executeTakeFirst();
    return row && toPasskey(row);
  }

  async passkeysOf(personId: string): Promise<Passkey[]> {
    const rows = await this.db
      .selectFrom('passkeys')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toPasskey);
  }

  /**
   * Stores a verified use of a passkey. The counter only moves forward: of two racing sign-ins
   * with the same counter, the second updates nothing and is refused.
   */
  async recordPasskeyUse(
    id: string,
    signCount: number,
    previous: number,
    at: string,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('passkeys')
      .set({ sign_count: signCount, last_used_at: at })
      .where('id', '=', id)
      .where('sign_count', '=', previous)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  private toPerson(row: Selectable<PeopleTable>): Person {
    return toPersonWith(() => this.emailKeys(), row);
  }

  async deletePasskey(personId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('passkeys')
      .where('id', '=', id)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function noKeyring(): Keyring {
  throw new Error("people's emails are sealed with the master key, and none was given");
}

function toPersonWith(keys: () => EmailKeys, row: Selectable<PeopleTable>): Person {
  return {
    id: row.id,
    email: row.email_sealed === null ? row.email_index : keys().open(row.id, row.email_sealed),
    createdAt: row.created_at,
    ...(row.display_name !== null ? { displayName: row.display_name } : {}),
    ...(row.last_sign_in_at !== null ? { lastSignInAt: row.last_sign_in_at } : {}),
    ...(row.disabled_at !== null ? { disabledAt: row.disabled_at } : {}),
  };
}

function toSession(row: Selectable<SessionsTable>): Session {
  return {
    id: row.id,
    personId: row.person_id,
    method: row.method === 'passkey' ? 'passkey' : 'email',
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
    ...(row.device !== null ? { device: row.device } : {}),
  };
}

function toPasskey(row: Selectable<PasskeysTable>): Passkey {
  return {
    id: row.id,
    personId: row.person_id,
    credentialId: row.credential_id,
    publicKey: new Uint8Array(Buffer.from(row.public_key, 'base64url')),
    algorithm: Number(row.algorithm),
    signCount: Number(row.sign_count),
    transports: JSON.parse(row.transports) as string[],
    createdAt: row.created_at,
    ...(row.last_used_at !== null ? { lastUsedAt: row.last_used_at } : {}),
  };
}
