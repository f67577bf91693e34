// fhirclient's SMART API on an adapter whose launch state survives embedded browsers
// (launch-storage.ts: sessionStorage where it works, else memory, with the pre-token state in a
// `SameSite=None; Secure` cookie across the redirect). fhirclient reads the state key from the
// redirect's `state` parameter first and then removes it from the URL, so its other mode
// (`fullSessionStorageSupport: false`, which keeps `state` in the URL) is not needed.
import * as adapterModule from 'fhirclient/lib/adapters/BrowserAdapter.js';
import { LaunchStorage } from './launch-storage.ts';

type AdapterClass = typeof adapterModule.default.default;
type SmartApi = ReturnType<InstanceType<AdapterClass>['getSmartApi']>;

// A CommonJS module with `exports.default`: bundlers and Node expose the class at one level or two.
const exported = (adapterModule as unknown as { default: AdapterClass | { default: AdapterClass } }).default;
const BrowserAdapter: AdapterClass = typeof exported === 'function' ? exported : exported.default;

class EmbeddableAdapter extends BrowserAdapter {
  private launchStorage: LaunchStorage | undefined;

  override getStorage(): ReturnType<InstanceType<AdapterClass>['getStorage']> {
    this.launchStorage ??= new LaunchStorage(
      () => window.sessionStorage,
      { read: () => document.cookie, write: (c) => void (document.cookie = c) },
      window.isSecureContext && location.protocol === 'https:',
    );
    return this.launchStorage as unknown as ReturnType<InstanceType<AdapterClass>['getStorage']>;
  }
}

let api: SmartApi | undefined;

export function smartApi(): SmartApi {
  // Refresh requests name the client (RFC 6749 §6 for public clients; the sandbox requires it).
  api ??= new EmbeddableAdapter({ refreshTokenWithClientId: true }).getSmartApi();
  return api;
}
