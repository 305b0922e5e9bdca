import type { FormInstance } from 'antd';
import { ApiError } from './api';

/**
 * Puts the server's field errors (400 VALIDATION_FAILED → details.fields) under the form fields.
 * `codeFields` attaches other error codes to a field, e.g. SMS_CODE_INVALID → smsCode.
 * Returns true when something was shown under a field, so the caller can skip a banner.
 */
export function applyServerErrors(
  form: FormInstance,
  error: unknown,
  codeFields: Record<string, string> = {},
): boolean {
  if (!(error instanceof ApiError)) return false;
  const known = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>));
  const fields = Object.entries(error.fieldErrors).filter(([name]) => known.has(name));
  const codeField = codeFields[error.code];
  if (codeField) fields.push([codeField, [error.message]]);
  if (fields.length === 0) return false;
  form.setFields(fields.map(([name, errors]) => ({ name, errors })));
  return true;
}
