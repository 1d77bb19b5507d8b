// How many payments and KYC cases are in each state now: read by the metrics at each scrape.
import type Database from 'better-sqlite3';
import { statement } from './sqlite.ts';

export interface StateCount {
  /** The payment's direction or the case's KYC type. */
  kind: string;
  state: string;
  count: number;
}

export function countByState(db: Database.Database): { payments: StateCount[]; kycCases: StateCount[] } {
  return {
    payments: statement(
      db,
      'SELECT direction AS kind, status AS state, count(*) AS count FROM transactions GROUP BY direction, status',
    ).all() as StateCount[],
    kycCases: statement(
      db,
      'SELECT kyc_type AS kind, status AS state, count(*) AS count FROM kyc_submissions GROUP BY kyc_type, status',
    ).all() as StateCount[],
  };
}
