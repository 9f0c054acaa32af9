import { join } from 'node:path';
import { ConfigError, loadHubConfig } from '../../hub/config.js';
import { connectHost, ConfigError as PartnerConfigError, loadPartnerConfig } from '../../partner/config.js';
import { HUB_NODE_FLAGS } from '../../scripts/hub-node-flags.mjs';
import type { ServiceState, TillStatus } from '../preload/bridge-types.js';
import type { ServiceSpec } from './service-supervisor.js';

// How the bundled hub and demo partner are run. In development: the Node that runs npm, on dist/hub.mjs (built by
// scripts/build.mjs) and on partner/main.ts through tsx, as `npm start` does. Packaged: Electron itself as Node
// (ELECTRON_RUN_AS_NODE) on the bundled files, which must sit outside the asar archive (asarUnpack) because a child
// process cannot use a folder inside it as its working directory and the hub's SQLite addon cannot load from it.

export interface LocalServiceInputs {
  /** The folder holding dist/ (and, in development, partner/). Packaged: the app.asar path. */
  appRoot: string;
  isPackaged: boolean;
  hubConfig: string;
  partnerConfig: string;
  /** process.execPath: the Electron binary. */
  execPath: string;
  env: NodeJS.ProcessEnv;
}

function listenUrl(host: string, port: number, tls: boolean): string {
  return `${tls ? 'https' : 'http'}://${connectHost(host)}:${port}/health`;
}

/** Throws hub/config's ConfigError (naming the file and key) when either config is unusable. */
export function localServiceSpecs(inputs: LocalServiceInputs): ServiceSpec[] {
  const { appRoot, isPackaged, hubConfig, partnerConfig, execPath } = inputs;
  const hub = loadHubConfig(hubConfig);
  let partner;
  try {
    partner = loadPartnerConfig(partnerConfig);
  } catch (error) {
    if (error instanceof PartnerConfigError) throw new ConfigError(error.message);
    throw error;
  }
  const root = isPackaged ? appRoot.replace(/\.asar$/, '.asar.unpacked') : appRoot;
  const env: NodeJS.ProcessEnv = { ...inputs.env, LOG_LEVEL: inputs.env.LOG_LEVEL ?? 'warn' };
  delete env.ELECTRON_RUN_AS_NODE;
  const node = isPackaged ? execPath : inputs.env.npm_node_execpath || 'node';
  const nodeEnv = isPackaged ? { ...env, ELECTRON_RUN_AS_NODE: '1' } : env;
  const partnerEntry = isPackaged ? [join(root, 'dist', 'partner.mjs')] : ['--import', 'tsx', join(root, 'partner', 'main.ts')];
  return [
    {
      name: 'hub',
      command: node,
      args: [...HUB_NODE_FLAGS, join(root, 'dist', 'hub.mjs'), '--config', hubConfig],
      cwd: root,
      env: nodeEnv,
      healthUrl: listenUrl(hub.listen.host, hub.listen.port, hub.tls !== undefined),
    },
    {
      name: 'partner',
      command: node,
      args: [...partnerEntry, '--config', partnerConfig],
      cwd: root,
      env: nodeEnv,
      healthUrl: listenUrl(partner.listen.host, partner.listen.port, false),
    },
  ];
}

/** The supervisor's states as the till's status shows them. */
export function tillServices(states: Readonly<Record<string, ServiceState>>): NonNullable<TillStatus['services']> {
  return { hub: states.hub ?? 'stopped', partner: states.partner ?? 'stopped' };
}
