/** The port through which every capability sends mail; the adapter decides how it leaves. */
export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text: sign-in and notice mail needs no HTML, and plain text survives every client. */
  text: string;
}

export interface Mailer {
  /**
   * Sends one message. A failure is a PorchlightError whose details say whether it is worth
   * trying again (see `platform/delivery/failure.ts`).
   */
  send(message: MailMessage): Promise<void>;
  /** Lets go of connections the adapter keeps open (a pool); safe to call twice. */
  close?(): Promise<void>;
}
