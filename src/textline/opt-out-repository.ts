import type { Kysely } from 'kysely';
import type { Database } from '../platform/database/schema.js';

/** The only code that speaks SQL about the text line's opt-outs (by sender key, never a number). */
export class OptOutRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async isOptedOut(senderKey: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('textline_opt_outs')
      .select('sender_key')
      .where('sender_key', '=', senderKey)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Records STOP; a second STOP keeps the first time. */
  async optOut(senderKey: string, at: string): Promise<void> {
    await this.db
      .insertInto('textline_opt_outs')
      .values({ sender_key: senderKey, opted_out_at: at })
      .onConflict((oc) => oc.column('sender_key').doNothing())
      .execute();
  }

  /** Records START; true when the sender had opted out. */
  async optIn(senderKey: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('textline_opt_outs')
      .where('sender_key', '=', senderKey)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
