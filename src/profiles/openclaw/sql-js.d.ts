// The few parts of sql.js (https://sql.js.org) that authdoctor uses (sqlite-reader.ts reads;
// the tests also write fixtures). sql.js ships no types, and @types/sql.js would be a second
// dependency for a dozen lines.
declare module 'sql.js' {
  export interface Statement {
    bind(values?: unknown[]): boolean;
    step(): boolean;
    getAsObject(): Record<string, unknown>;
    free(): boolean;
  }
  export interface Database {
    prepare(sql: string): Statement;
    run(sql: string, params?: unknown[]): Database;
    export(): Uint8Array;
    close(): void;
  }
  export interface SqlJsStatic {
    Database: new (data?: Uint8Array) => Database;
  }
  export default function initSqlJs(config?: Record<string, unknown>): Promise<SqlJsStatic>;
}
