// Composition root: the service shell (configuration → logger → metrics → HTTP → signal traps)
// runs the account page.
import { startService } from '@churnwatch/service-shell';
import { accountPageService } from './account-page-service.ts';

await startService(accountPageService);
