/** The app version, set by vite from package.json at build time. */
declare const __APP_VERSION__: string;

/** The deployment's model config embedded by the vite build ($MODEL_CONFIG), or null. */
declare module 'virtual:nodal-risk/model-config' {
  import type { LocalModelConfig } from '../models/apply-config.ts';
  const config: LocalModelConfig | null;
  export default config;
}
