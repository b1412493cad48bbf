// Versioned migrations, applied in name order at every open. A migration once released is never edited: add one.
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-ledger.ts';
import * as m0002 from './0002-list-indexes.ts';
import * as m0003 from './0003-append-only-and-thresholds.ts';
import * as m0004 from './0004-accounts.ts';
import * as m0005 from './0005-publication.ts';
import * as m0006 from './0006-perf-evaluations.ts';
import * as m0007 from './0007-supervision.ts';
import * as m0008 from './0008-delivery.ts';
import * as m0009 from './0009-recurrence.ts';
import * as m0010 from './0010-login-throttling.ts';
import * as m0011 from './0011-document-fingerprint.ts';
import * as m0012 from './0012-file-store.ts';
import * as m0013 from './0013-code-order.ts';
import * as m0014 from './0014-login-device.ts';
import * as m0015 from './0015-source-owner.ts';
import * as m0016 from './0016-account-care.ts';
import * as m0017 from './0017-honest-history.ts';
import * as m0018 from './0018-notification-reads.ts';
import * as m0019 from './0019-event-by-entity.ts';
import * as m0020 from './0020-untold-status.ts';
import * as m0021 from './0021-exact-evaluation-amounts.ts';
import * as m0022 from './0022-source-generation.ts';
import * as m0023 from './0023-supervision-fingerprint.ts';
import * as m0024 from './0024-untold-index.ts';
import * as m0025 from './0025-more-document-formats.ts';
import * as m0026 from './0026-leads.ts';
import * as m0027 from './0027-public-supervision.ts';
import * as m0028 from './0028-origins.ts';
import * as m0029 from './0029-access-generation.ts';
import * as m0030 from './0030-shared-process-state.ts';
import * as m0031 from './0031-separated-administrators.ts';
import * as m0032 from './0032-reminder-channels.ts';
import * as m0033 from './0033-delivery-attempts.ts';
import * as m0034 from './0034-lead-since.ts';
import * as m0035 from './0035-perf-targets.ts';
import * as m0036 from './0036-perf-monitoring.ts';

const MIGRATIONS: Record<string, Migration> = {
  '0001-ledger': m0001,
  '0002-list-indexes': m0002,
  '0003-append-only-and-thresholds': m0003,
  '0004-accounts': m0004,
  '0005-publication': m0005,
  '0006-perf-evaluations': m0006,
  '0007-supervision': m0007,
  '0008-delivery': m0008,
  '0009-recurrence': m0009,
  '0010-login-throttling': m0010,
  '0011-document-fingerprint': m0011,
  '0012-file-store': m0012,
  '0013-code-order': m0013,
  '0014-login-device': m0014,
  '0015-source-owner': m0015,
  '0016-account-care': m0016,
  '0017-honest-history': m0017,
  '0018-notification-reads': m0018,
  '0019-event-by-entity': m0019,
  '0020-untold-status': m0020,
  '0021-exact-evaluation-amounts': m0021,
  '0022-source-generation': m0022,
  '0023-supervision-fingerprint': m0023,
  '0024-untold-index': m0024,
  '0025-more-document-formats': m0025,
  '0026-leads': m0026,
  '0027-public-supervision': m0027,
  '0028-origins': m0028,
  '0029-access-generation': m0029,
  '0030-shared-process-state': m0030,
  '0031-separated-administrators': m0031,
  '0032-reminder-channels': m0032,
  '0033-delivery-attempts': m0033,
  '0034-lead-since': m0034,
  '0035-perf-targets': m0035,
  '0036-perf-monitoring': m0036,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
