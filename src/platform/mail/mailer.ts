/** The port through which every capability sends mail; the adapter decides how it leaves. */
export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text: sign-in and notice mail needs no HTML, and plain text survives every client. */
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
