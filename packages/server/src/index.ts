export { createApp, startServer, screenRoutes, type RunningServer, type StartOptions } from './app.ts';
export {
  parseBrokerConfig,
  serverConfigSchema,
  settingsFromEnv,
  type BrokerConfig,
  type ServerSettings,
} from './config.ts';
export { HttpPlatformClient, type PlatformClient, type PlatformTokenData } from './platform.ts';
export { openStores } from './store/index.ts';
export type * from './store/types.ts';
