// Composition root: the service shell (configuration → logger → metrics → HTTP → signal traps)
// runs the account store.
import { startService } from '@churnwatch/service-shell';
import { accountStoreService } from './account-store-service.ts';

await startService(accountStoreService);
