/**
 * The provider-neutral port for text messages and voice calls. An adapter speaks one provider's
 * API; a failure is a PorchlightError that says whether it is worth trying again
 * (`platform/delivery/failure.ts`), so the delivery queue retries or gives up alike for all.
 */
import type { TextMessage } from '../model.js';

/** What the provider said when it took the message. */
export interface SentText {
  /** The provider's id for the message (Twilio's `SM...` sid). */
  providerId?: string;
}

/** A call to place: the provider dials `to` and follows `instructionsUrl` (TwiML) once answered. */
export interface CallRequest {
  to: string;
  instructionsUrl: string;
}

export interface SmsSender {
  send(message: TextMessage): Promise<SentText>;
  /** Places a voice call, where the provider can (the generic webhook cannot). */
  call?(request: CallRequest): Promise<SentText>;
}
