import crypto from 'node:crypto';
import type { Env } from '../../config/env';
import type { Db } from '../../db/client';
import type { Clock } from '../clock';
import { createAliyunSmsProvider } from './aliyun';
import { createConsoleSmsProvider } from './console';
import type { HttpFetch, SmsProvider } from './provider';
import { createTencentSmsProvider } from './tencent';

/** Production HTTP with a timeout: a hung gateway must not hold a request forever. */
const httpFetch: HttpFetch = async (url, init) => {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, text: () => res.text() };
};

/** The provider named by SMS_PROVIDER (env.ts has already checked that its settings are present). */
export async function createSmsProvider(env: Env, db: Db, clock: Clock, log?: (line: string) => void): Promise<SmsProvider> {
  const deps = { fetch: httpFetch, now: () => clock.now(), nonce: () => crypto.randomUUID() };
  switch (env.SMS_PROVIDER) {
    case 'console':
      return createConsoleSmsProvider({ db, clock, log });
    case 'aliyun':
      return createAliyunSmsProvider(
        {
          accessKeyId: env.ALIYUN_SMS_ACCESS_KEY_ID!,
          accessKeySecret: env.ALIYUN_SMS_ACCESS_KEY_SECRET!,
          signName: env.ALIYUN_SMS_SIGN_NAME!,
          templateCodes: {
            register: env.ALIYUN_SMS_TEMPLATE_REGISTER!,
            login: env.ALIYUN_SMS_TEMPLATE_LOGIN!,
            reset: env.ALIYUN_SMS_TEMPLATE_RESET!,
            password: env.ALIYUN_SMS_TEMPLATE_PASSWORD!,
            'cert-approved': env.ALIYUN_SMS_TEMPLATE_CERT_APPROVED!,
            'cert-rejected': env.ALIYUN_SMS_TEMPLATE_CERT_REJECTED!,
            ...(env.ALIYUN_SMS_TEMPLATE_WARNING ? { warning: env.ALIYUN_SMS_TEMPLATE_WARNING } : {}),
          },
        },
        deps,
      );
    case 'tencent':
      return createTencentSmsProvider(
        {
          secretId: env.TENCENT_SMS_SECRET_ID!,
          secretKey: env.TENCENT_SMS_SECRET_KEY!,
          sdkAppId: env.TENCENT_SMS_SDK_APP_ID!,
          signName: env.TENCENT_SMS_SIGN_NAME!,
          templateIds: {
            register: env.TENCENT_SMS_TEMPLATE_REGISTER!,
            login: env.TENCENT_SMS_TEMPLATE_LOGIN!,
            reset: env.TENCENT_SMS_TEMPLATE_RESET!,
            password: env.TENCENT_SMS_TEMPLATE_PASSWORD!,
            'cert-approved': env.TENCENT_SMS_TEMPLATE_CERT_APPROVED!,
            'cert-rejected': env.TENCENT_SMS_TEMPLATE_CERT_REJECTED!,
            ...(env.TENCENT_SMS_TEMPLATE_WARNING ? { warning: env.TENCENT_SMS_TEMPLATE_WARNING } : {}),
          },
          region: env.TENCENT_SMS_REGION,
        },
        deps,
      );
  }
}
