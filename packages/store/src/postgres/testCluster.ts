import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A throwaway PostgreSQL server for tests and benchmarks: its URL, and how to stop it. */
export interface TestCluster {
  /** `postgres://…@127.0.0.1:PORT/postgres`. */
  url: string;
  /** A fresh, empty database on the cluster; its URL. */
  createDatabase(name?: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts a PostgreSQL server of Debian's `postgresql` package in a temporary directory, on a free
 * loopback port, with durable commits (fsync on, as in production) and trust authentication on
 * 127.0.0.1 only. Run as root (as CI is), the server runs as the `postgres` system user, since
 * PostgreSQL refuses to run as root. Throws, saying what to install, when there is no server.
 *
 * @example const cluster = await startTestCluster(); const url = await cluster.createDatabase();
 */
export async function startTestCluster(): Promise<TestCluster> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'manyi-pg-'));
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? postgresUser() : null;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  // PostgreSQL refuses root: run as its system user (spawn's uid/gid, so signals reach it)
  const as = owner ? { uid: owner.uid, gid: owner.gid } : {};

  const init = spawnSync(
    join(bin, 'initdb'),
    [
      '-D',
      join(dir, 'data'),
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ],
    { encoding: 'utf8', cwd: dir, ...as },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);

  const port = await freePort();
  const server = spawn(
    join(bin, 'postgres'),
    [
      '-D',
      join(dir, 'data'),
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=on',
      '-c',
      'max_connections=200',
      '-c',
      'log_min_messages=warning',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir, ...as },
  );
  let log = '';
  server.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitUntilReady(url, server, () => log);

  let databases = 0;
  return {
    url,
    async createDatabase(name = `manyi_${process.pid}_${++databases}_${Date.now() % 100000}`) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGINT'); // fast shutdown
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The newest installed server's bin directory (Debian keeps them under /usr/lib/postgresql/N). */
function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
    : [];
  if (versions.length === 0)
    throw new Error('no PostgreSQL server found: apt-get install postgresql (the CI script does)');
  return join(root, versions.sort((a, b) => Number(b) - Number(a))[0]!, 'bin');
}

/** The `postgres` system user the Debian package creates. */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0) throw new Error('no postgres system user: apt-get install postgresql');
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** A port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Polls until the server takes connections; fails with its log if it exits first. */
async function waitUntilReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`postgres exited: ${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline)
        throw new Error(`postgres did not start: ${(error as Error).message}\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
