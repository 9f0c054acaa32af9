import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadHubConfig } from './config.js';
import { startHub } from './hub.js';

// npm run hub -- --config <file.json>   (without --config: the local default config that ships with the project)

const DEFAULT_CONFIG = join(dirname(fileURLToPath(import.meta.url)), '..', 'config', 'hub.local.json');

function configPath(argv: string[]): string {
  const index = argv.indexOf('--config');
  if (index === -1) return DEFAULT_CONFIG;
  const path = argv[index + 1];
  if (!path) {
    process.stderr.write('--config needs a file path\n');
    process.exit(2);
  }
  return path;
}

let config;
try {
  config = loadHubConfig(configPath(process.argv.slice(2)));
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`hub: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}

const hub = await startHub(config, { onFatal: () => process.exit(1) });
let signalled = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (signalled) return;
    signalled = true;
    hub.stop().then(() => process.exit(0), (error) => {
      process.stderr.write(`hub: shutdown failed: ${(error as Error).message}\n`);
      process.exit(1);
    });
  });
}
