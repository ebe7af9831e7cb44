import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as common from '@grafana/grafana-foundation-sdk/common';

/**
 * A query of Grafana's PostgreSQL data source. The Foundation SDK ships no builder for it, so this
 * is the SDK's documented way to add one: a Dataquery variant and its builder.
 */
export interface PostgresQuery {
  refId: string;
  datasource?: common.DataSourceRef;
  rawSql: string;
  rawQuery: true;
  editorMode: 'code';
  format: 'table' | 'time_series';
  _implementsDataqueryVariant(): void;
}

export class PostgresQueryBuilder implements cog.Builder<cog.Dataquery> {
  private readonly internal: PostgresQuery;

  constructor(rawSql: string) {
    this.internal = { refId: 'A', rawSql, rawQuery: true, editorMode: 'code', format: 'table', _implementsDataqueryVariant() {} };
  }

  refId(refId: string): this {
    this.internal.refId = refId;
    return this;
  }

  datasource(datasource: common.DataSourceRef): this {
    this.internal.datasource = datasource;
    return this;
  }

  format(format: PostgresQuery['format']): this {
    this.internal.format = format;
    return this;
  }

  build(): PostgresQuery {
    return this.internal;
  }
}
