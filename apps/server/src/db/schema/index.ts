/**
 * The Drizzle schema, one file per module that owns the tables (docs/decisions/018). drizzle.config.ts
 * and db/client.ts read this index; only repositories, db/ and platform/ import it (eslint.config.js).
 */
export * from './organizations';
export * from './auth';
export * from './files';
export * from './certification';
export * from './audit';
export * from './dictionaries';
export * from './projects';
export * from './arrears';
export * from './rules';
export * from './quota';
export * from './jobs';
export * from './outbox';
export * from './attachments';
export * from './guarantees';
export * from './payment';
export * from './open';
export * from './insurance';
export * from './documents';
export * from './closure';
export * from './deposit-uses';
export * from './supervision';
export * from './dashboard';
export * from './ledger';
