// The public door of @churnwatch/account-page: the service, and the SQL that Grafana shares with it.

export { accountPageService } from './account-page-service.ts';
export { type AccountQueries, atRiskSql, createAccountQueries, timelineSql } from './account-queries.ts';
export { type AccountPageConfig, loadAccountPageConfig } from './config.ts';
export { type PageServer, startPageServer } from './page-server.ts';
