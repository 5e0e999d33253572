import { InvalidArgumentError, Option, type Command } from 'commander';
import { sqliteSynchronousModes, type SqliteSynchronous } from '../platform/config.js';
import { configFrom, type DatabaseFlags } from './context.js';

interface ServeFlags extends DatabaseFlags {
  port?: number;
  host?: string;
  demo?: boolean;
  logLevel?: string;
  publicUrl?: string;
  mapTiles?: string;
  sqliteSynchronous?: SqliteSynchronous;
  geocoderUrl?: string;
  smtpUrl?: string;
  mailFrom?: string;
  masterKeyFile?: string;
  databaseReadUrl?: string;
  pseudoLocale?: boolean;
}

/** `porchlight serve`: migrate, seed demo data on first start, and listen. */
export function serveCommand(cmd: Command): void {
  cmd
    .description('run the HTTP server (migrates the database first)')
    .addOption(
      new Option('--port <port>', 'port to listen on (default 8080)')
        .env('PORT')
        .argParser(parsePort),
    )
    .addOption(new Option('--host <host>', 'address to listen on (default 127.0.0.1)').env('HOST'))
    .addOption(new Option('--no-demo', 'start without demo data (PORCHLIGHT_DEMO=0)'))
    .addOption(
      new Option(
        '--pseudo-locale',
        'also serve the pages in the pseudo-locale under /en-xa/, to find untranslated or clipped text (PORCHLIGHT_PSEUDO_LOCALE=1)',
      ),
    )
    .addOption(
      new Option('--log-level <level>', 'trace, debug, info, warn, error').env('LOG_LEVEL'),
    )
    .addOption(
      new Option('--public-url <url>', 'the address people reach this server at').env('PUBLIC_URL'),
    )
    .addOption(
      new Option(
        '--map-tiles <template>',
        'tile URL template for the finder map, e.g. https://tiles.example.org/{z}/{x}/{y}.png (no map without one)',
      ).env('PORCHLIGHT_MAP_TILES'),
    )
    .addOption(
      new Option(
        '--sqlite-synchronous <mode>',
        'SQLite durability: full (default; every acknowledged write survives a power loss), normal (faster, may lose the last writes), extra',
      )
        .choices(sqliteSynchronousModes)
        .env('PORCHLIGHT_SQLITE_SYNCHRONOUS'),
    )
    .addOption(
      new Option(
        '--geocoder-url <url>',
        'a Nominatim server that imports ask for street addresses without coordinates (default: none; placed offline by ZIP code or town)',
      ).env('PORCHLIGHT_GEOCODER_URL'),
    )
    .addOption(
      new Option(
        '--smtp-url <url>',
        'send mail through this SMTP server, e.g. smtp://user:password@mail.example.org:587 (default: .eml files in DATA_DIR/outbox)',
      ).env('SMTP_URL'),
    )
    .addOption(
      new Option(
        '--mail-from <address>',
        'the sender of mail, e.g. "Porchlight <no-reply@meetings.example.org>"',
      ).env('MAIL_FROM'),
    )
    .addOption(
      new Option(
        '--database-read-url <url>',
        'a streaming replica of the PostgreSQL database for reads that may lag a little: feed exports, catalogues, reports (default: none; every read on DATABASE_URL)',
      ).env('DATABASE_READ_URL'),
    )
    .addOption(
      new Option(
        '--master-key-file <file>',
        'the master key that seals center records (default DATA_DIR/master.key, made on first use); the key itself may come from PORCHLIGHT_MASTER_KEY instead, never from a flag that other users can read in the process list',
      ).env('PORCHLIGHT_MASTER_KEY_FILE'),
    )
    .action(async (flags: ServeFlags) => {
      const config = configFrom(flags, {
        ...(flags.port !== undefined ? { port: flags.port } : {}),
        ...(flags.host !== undefined ? { host: flags.host } : {}),
        ...(flags.demo === false ? { demo: false } : {}),
        ...(flags.pseudoLocale === true ? { pseudoLocale: true } : {}),
        ...(flags.logLevel !== undefined ? { logLevel: flags.logLevel } : {}),
        ...(flags.publicUrl !== undefined ? { publicUrl: flags.publicUrl } : {}),
        ...(flags.mapTiles !== undefined ? { mapTiles: flags.mapTiles } : {}),
        ...(flags.smtpUrl !== undefined ? { smtpUrl: flags.smtpUrl } : {}),
        ...(flags.mailFrom !== undefined ? { mailFrom: flags.mailFrom } : {}),
        ...(flags.masterKeyFile !== undefined ? { masterKeyFile: flags.masterKeyFile } : {}),
        ...(flags.databaseReadUrl !== undefined ? { databaseReadUrl: flags.databaseReadUrl } : {}),
        ...(flags.sqliteSynchronous !== undefined
          ? { sqliteSynchronous: flags.sqliteSynchronous }
          : {}),
      });
      // The server's modules load only for `serve`, so other commands start quickly.
      const { createApp } = await import('../app.js');
      const app = await createApp(config);
      app.geocoder.preload?.();
      const stop = () => {
        app.server.log.info('shutting down');
        void app.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await app.server.listen({ port: config.port, host: config.host });
      // Source refreshes and the link check run in the background from here on.
      await app.startJobs();
      app.server.log.info(
        `Porchlight is serving ${config.publicUrl} (${app.database.description})`,
      );
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError('a port is 0-65535');
  return port;
}
