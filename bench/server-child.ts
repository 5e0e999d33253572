/**
 * A benchmark's server child and a line-by-line conversation with it over stdin/stdout: the
 * parent asks by writing a command line, the child answers with one JSON line (`kind: 'error'`
 * for a failure). Other output is passed on as progress.
 */
import type { ChildProcessByStdio } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export class ServerChild {
  private readonly pending: string[] = [];
  private readonly waiters: { resolve: (line: string) => void; reject: (e: Error) => void }[] = [];
  private exited: Error | undefined;

  constructor(private readonly child: ChildProcessByStdio<Writable, Readable, null>) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return void process.stderr.write(`[server] ${line}\n`);
      const waiter = this.waiters.shift();
      if (waiter !== undefined) waiter.resolve(line);
      else this.pending.push(line);
    });
    child.on('exit', (code, signal) => {
      this.exited = new Error(`the server child exited (code ${code}, signal ${signal})`);
      for (const waiter of this.waiters.splice(0)) waiter.reject(this.exited);
    });
  }

  async next<T>(): Promise<T> {
    let line = this.pending.shift();
    if (line === undefined) {
      if (this.exited !== undefined) throw this.exited;
      line = await new Promise<string>((resolve, reject) => this.waiters.push({ resolve, reject }));
    }
    const value = JSON.parse(line) as T & { kind?: string; message?: string };
    if (value.kind === 'error') throw new Error(`server: ${value.message}`);
    return value;
  }

  ask<T>(command: string): Promise<T> {
    this.child.stdin.write(`${command}\n`);
    return this.next<T>();
  }

  stop(): Promise<void> {
    if (this.exited !== undefined) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.stdin.end();
    });
  }
}
