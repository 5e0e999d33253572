/**
 * Supporters and the help button (decision 0114). The person's device asks for an invitation
 * and keeps the token that lets it reach that supporter; the supporter opens the link, chooses
 * how to be reached and proves the address or number is theirs with a code; from then on the
 * person's device can send them the words the person chose, a few times an hour at most. The
 * server never learns who the person is: it relays their words once, through the delivery
 * queue (sealed while pending, erased once sent), and keeps only the supporter's own contact.
 */
import { randomBytes } from 'node:crypto';
import { hashToken, newToken, sameSecret } from '../accounts/tokens.js';
import type { DeliveryRequest } from '../messaging/model.js';
import type { Clock } from '../platform/clock.js';
import { PorchlightError } from '../platform/errors.js';
import type { Locale } from '../web/i18n/locales.js';
import { newConfirmCode } from '../rides/sealed.js';
import {
  INVITE_DAYS,
  MAX_CODE_ATTEMPTS,
  MAX_CODES_SENT,
  cleanAlertText,
  nextAlertWindow,
  type StoredSupporter,
  type SupporterChannel,
  type SupporterContact,
  type SupporterStatus,
} from './supporter-model.js';
import type { SupporterRepository } from './supporter-repository.js';
import { alertMessage, codeMessage } from './supporter-words.js';

export interface SupporterDeps {
  repo: SupporterRepository;
  clock: Clock;
  /** Queues one message (the delivery queue's `enqueue`). */
  deliver: (request: DeliveryRequest) => Promise<unknown>;
  /** The channels this server can send on; a supporter may choose only these. */
  channels: readonly SupporterChannel[];
  publicUrl: string;
}

/** What the person's device is given once, when it asks for an invitation. */
export interface Invitation {
  id: string;
  /** The device's secret for this supporter: status, messages, removal. */
  token: string;
  /** The secret of the link the person hands the supporter. */
  invite: string;
  expiresAt: string;
}

/** An invitation as its page shows it to the supporter. */
export interface InvitationView {
  state: 'invited' | 'confirming';
  channel?: SupporterChannel;
  channels: readonly SupporterChannel[];
}

export class Supporters {
  constructor(private readonly deps: SupporterDeps) {}

  /** The channels a supporter can choose here. */
  get channels(): readonly SupporterChannel[] {
    return this.deps.channels;
  }

  /** A new invitation; the server keeps only hashes of its two secrets. */
  async invite(): Promise<Invitation> {
    const now = this.deps.clock.now();
    const invitation = {
      id: randomBytes(16).toString('base64url'),
      token: newToken(),
      invite: newToken(),
      expiresAt: new Date(now.getTime() + INVITE_DAYS * 86_400_000).toISOString(),
    };
    await this.deps.repo.insert({
      id: invitation.id,
      tokenHash: hashToken(invitation.token),
      inviteHash: hashToken(invitation.invite),
      inviteExpiresAt: invitation.expiresAt,
      at: now.toISOString(),
    });
    return invitation;
  }

  /** Whether the supporter answered, and how they are reached (never their contact). */
  async status(id: string, token: string): Promise<SupporterStatus> {
    const s = await this.ownedBy(id, token);
    return {
      state: s.state,
      ...(s.channel !== undefined ? { channel: s.channel } : {}),
      ...(s.state !== 'active' ? { inviteExpiresAt: s.inviteExpiresAt } : {}),
    };
  }

  /** The person removes a supporter: the row, the sealed contact and its key are deleted. */
  async remove(id: string, token: string): Promise<void> {
    const s = await this.ownedBy(id, token);
    await this.deps.repo.delete(s.id);
  }

  /**
   * Sends the person's words to an active supporter. At most a few a window, counted on the row,
   * so no device (or script holding a token) can flood a supporter.
   */
  async alert(id: string, token: string, text: unknown): Promise<void> {
    const words = cleanAlertText(text);
    if (words === undefined) throw new PorchlightError('PL_INVALID_BODY', 'The message is empty.');
    for (let attempt = 0; attempt < 3; attempt++) {
      const s = await this.ownedBy(id, token);
      if (s.state !== 'active') throw new PorchlightError('PL_SUPPORTER_NOT_ACTIVE');
      const now = this.deps.clock.now();
      const window = nextAlertWindow(s, now);
      if (window === undefined) throw new PorchlightError('PL_SUPPORTER_ALERT_LIMIT');
      if (!(await this.deps.repo.countAlert(s.id, s, window))) continue;
      const secrets = await this.deps.repo.secrets(s.id);
      if (secrets === undefined) throw new PorchlightError('PL_SUPPORTER_NOT_ACTIVE');
      const message = alertMessage(s.locale ?? 'en', words, this.manageLink(s, secrets.manage));
      await this.deps.deliver(
        requestFor(secrets.contact, message, `supporter-alert:${s.id}:${newToken()}`),
      );
      return;
    }
    throw new PorchlightError('PL_SUPPORTER_ALERT_LIMIT');
  }

  /** The invitation behind a link, for its page. */
  async invitation(invite: string): Promise<InvitationView> {
    const s = await this.byInvite(invite);
    return {
      state: s.state === 'confirming' ? 'confirming' : 'invited',
      ...(s.channel !== undefined ? { channel: s.channel } : {}),
      channels: this.deps.channels,
    };
  }

  /**
   * The supporter's answer: how to reach them. A mail or a text gets a code they type on the
   * page (the address or number is theirs, and they agree); a browser's push subscription is
   * its own proof (the browser asked them). Returns the page secret when active at once.
   */
  async answer(
    invite: string,
    contact: SupporterContact,
    locale: Locale,
  ): Promise<{ state: 'confirming' } | { state: 'active'; manage: string }> {
    const s = await this.byInvite(invite);
    if (!this.deps.channels.includes(contact.channel))
      throw new PorchlightError('PL_DELIVERY_CHANNEL_OFF');
    const at = this.deps.clock.now().toISOString();
    const manage = newToken();
    const secrets = { contact, manage };
    if (contact.channel === 'push') {
      await this.deps.repo.answer(s.id, {
        state: 'active',
        channel: 'push',
        locale,
        secrets,
        manageHash: hashToken(manage),
        codesSent: s.codesSent,
        at,
      });
      return { state: 'active', manage };
    }
    if (s.codesSent >= MAX_CODES_SENT) throw new PorchlightError('PL_SUPPORTER_CODE_EXHAUSTED');
    const code = newConfirmCode();
    await this.deps.repo.answer(s.id, {
      state: 'confirming',
      channel: contact.channel,
      locale,
      secrets,
      manageHash: hashToken(manage),
      codeHash: hashToken(code),
      codesSent: s.codesSent + 1,
      at,
    });
    await this.deps.deliver(
      requestFor(contact, codeMessage(locale, code), `supporter-code:${s.id}:${s.codesSent + 1}`),
    );
    return { state: 'confirming' };
  }

  /** The code typed on the page: the supporter is active; returns their page's secret. */
  async confirm(invite: string, code: string): Promise<string> {
    const s = await this.byInvite(invite);
    if (s.state !== 'confirming' || s.codeHash === undefined)
      throw new PorchlightError('PL_SUPPORTER_CODE_WRONG');
    if (s.codeAttempts >= MAX_CODE_ATTEMPTS)
      throw new PorchlightError('PL_SUPPORTER_CODE_EXHAUSTED');
    const at = this.deps.clock.now().toISOString();
    if (!sameSecret(hashToken(code.replace(/\s+/g, '')), s.codeHash)) {
      await this.deps.repo.wrongCode(s.id, s.codeAttempts + 1, at);
      throw new PorchlightError('PL_SUPPORTER_CODE_WRONG');
    }
    const secrets = await this.deps.repo.secrets(s.id);
    if (secrets === undefined) throw new PorchlightError('PL_SUPPORTER_NOT_FOUND');
    await this.deps.repo.activate(s.id, at);
    return secrets.manage;
  }

  /** The supporter's own page: how they are reached. */
  async supporting(manage: string): Promise<{ channel: SupporterChannel }> {
    const s = await this.byManage(manage);
    return { channel: s.channel ?? 'email' };
  }

  /** The supporter stops: everything about them is deleted; the person's device sees it gone. */
  async stop(manage: string): Promise<void> {
    const s = await this.byManage(manage);
    await this.deps.repo.delete(s.id);
  }

  /**
   * A push service said a supporter's subscription is gone for good: they can no longer be
   * reached, so they are forgotten, and the person's device shows them gone.
   */
  async pushGone(endpoint: string): Promise<void> {
    await this.deps.repo.deleteByPushEndpoint(endpoint);
  }

  /** Forgets invitations nobody completed in time (a daily job). */
  sweep(): Promise<number> {
    return this.deps.repo.deleteExpired(this.deps.clock.now().toISOString());
  }

  private async ownedBy(id: string, token: string): Promise<StoredSupporter> {
    const s = await this.deps.repo.byId(id);
    // A wrong token reads as an unknown supporter: ids are not worth guessing.
    if (s === undefined || !sameSecret(hashToken(token), s.tokenHash) || this.expired(s))
      throw new PorchlightError('PL_SUPPORTER_NOT_FOUND');
    return s;
  }

  private async byInvite(invite: string): Promise<StoredSupporter> {
    const s = await this.deps.repo.byInvite(hashToken(invite));
    if (s === undefined || s.state === 'active' || this.expired(s))
      throw new PorchlightError('PL_SUPPORTER_NOT_FOUND');
    return s;
  }

  private async byManage(manage: string): Promise<StoredSupporter> {
    const s = await this.deps.repo.byManage(hashToken(manage));
    if (s === undefined || s.state !== 'active')
      throw new PorchlightError('PL_SUPPORTER_NOT_FOUND');
    return s;
  }

  private expired(s: StoredSupporter): boolean {
    return s.state !== 'active' && s.inviteExpiresAt <= this.deps.clock.now().toISOString();
  }

  private manageLink(s: StoredSupporter, manage: string): string {
    return `${this.deps.publicUrl}/${s.locale ?? 'en'}/space/supporting/${manage}`;
  }
}

/** A message to a supporter on the channel they chose. */
function requestFor(
  contact: SupporterContact,
  message: { subject: string; text: string },
  idempotencyKey: string,
): DeliveryRequest {
  switch (contact.channel) {
    case 'email':
      return {
        channel: 'email',
        idempotencyKey,
        message: { to: contact.email, subject: message.subject, text: message.text },
      };
    case 'sms':
      return { channel: 'sms', idempotencyKey, message: { to: contact.phone, text: message.text } };
    case 'push':
      return {
        channel: 'push',
        idempotencyKey,
        message: {
          subscription: contact.subscription,
          payload: JSON.stringify({ title: message.subject, body: message.text }),
          // A call for help that arrives a day late is worse than none: keep it four hours.
          ttlSeconds: 4 * 3600,
        },
      };
  }
}
