// How the lab boots the real WebContainer: with the deploy's API key, if it has one (StackBlitz
// asks production sites on a public origin for one; it must be set before boot()), and with
// the headers every page of the lab is served with. Takes the API module as a parameter, so a
// test can check the order of calls and the options without booting anything.
import type { BootOptions, WebContainer } from '@webcontainer/api';
import type { ContainerApi } from './webcontainer-launcher.ts';

export interface WebContainerDeployConfig {
  /** From PUBLIC_WEBCONTAINER_API_KEY at build time; see README, "Deploying". */
  apiKey?: string | undefined;
  /**
   * Asks for WebContainer's newer, experimental Node (an option @webcontainer/api 1.6.4 ships
   * but does not document), from PUBLIC_WEBCONTAINER_EXPERIMENTAL_NODE=1. Off by default.
   */
  experimentalNode?: boolean | undefined;
}

export interface WebContainerApiModule {
  configureAPIKey(key: string): void;
  WebContainer: { boot(options?: BootOptions): Promise<WebContainer> };
}

export function webContainerBooter(api: WebContainerApiModule, config: WebContainerDeployConfig): () => Promise<ContainerApi> {
  return () => {
    if (config.apiKey) api.configureAPIKey(config.apiKey);
    const options: BootOptions & { experimentalNode?: boolean } = {
      // COEP require-corp matches the headers every page of the lab is served with.
      coep: 'require-corp',
      workdirName: 'keep-alive-lab',
      ...(config.experimentalNode ? { experimentalNode: true } : {}),
    };
    return api.WebContainer.boot(options);
  };
}

/** Reads the deploy's settings from Vite's build-time environment. */
export function deployConfigFrom(env: Record<string, string | boolean | undefined>): WebContainerDeployConfig {
  const apiKey = typeof env.PUBLIC_WEBCONTAINER_API_KEY === 'string' ? env.PUBLIC_WEBCONTAINER_API_KEY.trim() : '';
  return {
    ...(apiKey ? { apiKey } : {}),
    experimentalNode: env.PUBLIC_WEBCONTAINER_EXPERIMENTAL_NODE === '1' || env.PUBLIC_WEBCONTAINER_EXPERIMENTAL_NODE === 'true',
  };
}
