// The app's KYC service: core's KycService over the SQLite case store, the broker's configuration and the
// verification vendor of the environment (or one a broker or a test plugs in).
import { randomUUID } from 'node:crypto';
import { KycService, type KycVendor } from '@broker-kit/core/services/kyc.ts';
import type { Deps } from '../http.ts';
import { SqliteKycCaseStore } from '../store/kyc.ts';
import { HttpKycVendor, kycVendorSettingsFromEnv } from './provider.ts';

const services = new WeakMap<Deps, KycService>();
const vendors = new WeakMap<Deps, KycVendor | undefined>();

export function kycServiceOf(deps: Deps): KycService {
  let service = services.get(deps);
  if (!service) {
    service = new KycService({
      store: new SqliteKycCaseStore(deps.stores.db),
      settings: () => ({ ...deps.config.core.kyc, ...deps.config.kyc }),
      now: () => deps.now(),
      newId: randomUUID,
      vendor: () => {
        if (!vendors.has(deps)) {
          const settings = kycVendorSettingsFromEnv();
          vendors.set(deps, settings && new HttpKycVendor(settings));
        }
        return vendors.get(deps);
      },
    });
    services.set(deps, service);
  }
  return service;
}

/** Plugs a broker's own vendor (or a test's) into an app. */
export function useKycVendor(deps: Deps, vendor: KycVendor | undefined): void {
  vendors.set(deps, vendor);
}
