import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { testCertificate } from './tls-certificate.js';

/** One message as the server received it. */
export interface ReceivedMail {
  from: string | undefined;
  to: string[];
  /** The raw RFC 5322 text, headers and body. */
  raw: string;
  /** Whether the session was encrypted (STARTTLS) when the message arrived. */
  secure: boolean;
  user: string | undefined;
}

export interface TestSmtpServer {
  port: number;
  /** The certificate the server presents, for the client to trust. */
  ca: string;
  received: ReceivedMail[];
  /** Sessions opened, counted at the greeting. */
  connections: number;
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  /** When set, AUTH is required with exactly these credentials. */
  credentials?: { user: string; pass: string };
  /** Answers the DATA command: undefined accepts, a number refuses with that reply code. */
  onMessage?: (count: number) => number | undefined;
  /** Offer no STARTTLS (a server a client that requires TLS must refuse to use). */
  noStartTls?: boolean;
}

/**
 * A real SMTP server on a free loopback port (the `smtp-server` package), offering STARTTLS
 * with a certificate made for the test, and refusing what the test tells it to.
 */
export async function startSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const { key, cert } = testCertificate();
  const received: ReceivedMail[] = [];
  let connections = 0;
  let messages = 0;
  const settings: SMTPServerOptions = {
    key,
    cert,
    logger: false,
    // Hidden and refused: a client that requires TLS must not fall back to plain text.
    hideSTARTTLS: options.noStartTls === true,
    disabledCommands: options.noStartTls === true ? ['STARTTLS'] : [],
    authOptional: options.credentials === undefined,
    allowInsecureAuth: false,
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onAuth(auth, _session, callback) {
      const ok =
        options.credentials !== undefined &&
        auth.username === options.credentials.user &&
        auth.password === options.credentials.pass;
      if (!ok) {
        callback(new Error('Invalid username or password'));
        return;
      }
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages++;
        const refusal = options.onMessage?.(messages);
        if (refusal !== undefined) {
          const error = Object.assign(new Error(`Refused by the test (${refusal})`), {
            responseCode: refusal,
          });
          callback(error);
          return;
        }
        received.push({
          from: session.envelope.mailFrom === false ? undefined : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          secure: session.secure,
          user: typeof session.user === 'string' ? session.user : undefined,
        });
        callback();
      });
    },
  };
  const server = new SMTPServer(settings);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    ca: cert,
    received,
    get connections() {
      return connections;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A TCP server that accepts connections and never says a word: a mail server that hangs. */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
