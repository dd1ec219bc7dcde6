import type { TwitchCvApi } from '../../../shared/contract';

declare global {
  interface Window {
    /** The contract, exposed by the Electron preload through contextBridge; absent in a plain browser. */
    twitchCv?: TwitchCvApi;
  }
}

export {};
