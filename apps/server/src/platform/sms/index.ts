import type { Env } from '../../config/env';
import type { Db } from '../../db/client';
import type { Clock } from '../clock';
import { createConsoleSmsProvider } from './console';
import type { SmsProvider } from './provider';

/** The provider named by SMS_PROVIDER; console writes to the development outbox. */
export async function createSmsProvider(env: Env, db: Db, clock: Clock, log?: (line: string) => void): Promise<SmsProvider> {
  switch (env.SMS_PROVIDER) {
    case 'console':
      return createConsoleSmsProvider({ db, clock, log });
    default:
      throw new Error(`SMS provider ${env.SMS_PROVIDER} is not available yet`);
  }
}
