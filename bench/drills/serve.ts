import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Starts `porchlight serve` on a loopback port as a child of a drill and waits until it is
 * ready (`/readyz`, up to a minute). `detached` puts it in a process group of its own.
 */
export async function startServe(
  cli: string,
  env: NodeJS.ProcessEnv,
  port: number,
  options: { detached?: boolean } = {},
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', String(port)], {
    env,
    stdio: 'ignore',
    detached: options.detached === true,
  });
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not become ready');
}
