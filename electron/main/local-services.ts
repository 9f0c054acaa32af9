import { join } from 'node:path';
import { EXIT_PORT_IN_USE, portInUseLine, SUPERVISED_ENV } from '../../common/listen-errors.js';
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
  /** --hub-port: the local hub listens here instead of its config's listen.port; the Demo Wallet and the till follow. */
  hubPort?: number;
  /** --wallet-port: the Demo Wallet listens here instead of its config's listen.port; the hub follows. */
  walletPort?: number;
}

export interface LocalServices {
  specs: ServiceSpec[];
  /** Where the local hub answers: the till's hub URL in local mode. */
  hubUrl: string;
  /** Where the Demo Wallet answers. */
  walletUrl: string;
}

function baseUrl(host: string, port: number, tls: boolean): string {
  return `${tls ? 'https' : 'http'}://${connectHost(host)}:${port}`;
}

function withPort(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.port = String(port);
  return parsed.href;
}

/** Throws hub/config's ConfigError (naming the file and key) when either config is unusable. */
export function localServices(inputs: LocalServiceInputs): LocalServices {
  const { appRoot, isPackaged, hubConfig, partnerConfig, execPath, hubPort, walletPort } = inputs;
  let partner;
  try {
    partner = loadPartnerConfig(partnerConfig);
  } catch (error) {
    if (error instanceof PartnerConfigError) throw new ConfigError(error.message);
    throw error;
  }
  const hub = loadHubConfig(hubConfig);
  // The ports given on the command line, and the URLs that name them: each program's own flags pass them on.
  const hubArgs: string[] = [];
  const partnerArgs: string[] = [];
  if (hubPort !== undefined) {
    hub.listen.port = hubPort;
    partner.hub.url = withPort(partner.hub.url, hubPort);
    hubArgs.push('--port', String(hubPort));
    partnerArgs.push('--hub-url', partner.hub.url);
  }
  if (walletPort !== undefined) {
    partner.listen.port = walletPort;
    partnerArgs.push('--port', String(walletPort));
    // The hub's entry for the Demo Wallet is the one with its partner id.
    const entry = hub.partners.find((candidate) => candidate.id === partner.partner.id);
    if (entry) {
      entry.url = withPort(entry.url, walletPort);
      hubArgs.push('--partner-url', `${entry.id}=${entry.url}`);
    }
  }
  const hubUrl = baseUrl(hub.listen.host, hub.listen.port, hub.tls !== undefined);
  const walletUrl = baseUrl(partner.listen.host, partner.listen.port, false);
  const root = isPackaged ? appRoot.replace(/\.asar$/, '.asar.unpacked') : appRoot;
  // SUPERVISED_ENV: a child whose port is taken exits EXIT_PORT_IN_USE quietly; the supervisor says why, once.
  const env: NodeJS.ProcessEnv = { ...inputs.env, LOG_LEVEL: inputs.env.LOG_LEVEL ?? 'warn', [SUPERVISED_ENV]: '1' };
  delete env.ELECTRON_RUN_AS_NODE;
  const node = isPackaged ? execPath : inputs.env.npm_node_execpath || 'node';
  const nodeEnv = isPackaged ? { ...env, ELECTRON_RUN_AS_NODE: '1' } : env;
  const partnerEntry = isPackaged ? [join(root, 'dist', 'partner.mjs')] : ['--import', 'tsx', join(root, 'partner', 'main.ts')];
  const specs: ServiceSpec[] = [
    {
      name: 'hub',
      command: node,
      args: [...HUB_NODE_FLAGS, join(root, 'dist', 'hub.mjs'), '--config', hubConfig, ...hubArgs],
      cwd: root,
      env: nodeEnv,
      healthUrl: `${hubUrl}/health`,
      finalExits: {
        [EXIT_PORT_IN_USE]: portInUseLine({
          program: 'QR Hub', host: hub.listen.host, port: hub.listen.port, key: 'listen.port', configFile: hubConfig,
          flag: '--hub-port',
        }),
      },
    },
    {
      name: 'partner',
      command: node,
      args: [...partnerEntry, '--config', partnerConfig, ...partnerArgs],
      cwd: root,
      env: nodeEnv,
      healthUrl: `${walletUrl}/health`,
      finalExits: {
        [EXIT_PORT_IN_USE]: portInUseLine({
          program: 'Demo Wallet', host: partner.listen.host, port: partner.listen.port, key: 'listen.port',
          configFile: partnerConfig, flag: '--wallet-port',
        }),
      },
    },
  ];
  return { specs, hubUrl, walletUrl };
}

export function localServiceSpecs(inputs: LocalServiceInputs): ServiceSpec[] {
  return localServices(inputs).specs;
}

/** The supervisor's states as the till's status shows them. */
export function tillServices(states: Readonly<Record<string, ServiceState>>): NonNullable<TillStatus['services']> {
  return { hub: states.hub ?? 'stopped', partner: states.partner ?? 'stopped' };
}
