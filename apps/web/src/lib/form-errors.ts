import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from './api';

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

/**
 * The whole of the server's answer on a form: field errors under their fields (applyServerErrors),
 * and each form-level problem (details.fields._) under the field whose label it starts with
 * (`problemFields`: label → field, e.g. { 最低比例: 'minRatioPercent' }). The first field with an
 * error is scrolled into view. Returns what is left to show above the form: the problems no field
 * took, or the error's message when nothing went under a field.
 */
export function showServerErrors(
  form: FormInstance,
  error: unknown,
  codeFields: Record<string, string> = {},
  problemFields: Record<string, string> = {},
): string[] {
  const placed = applyServerErrors(form, error, codeFields);
  const problems = error instanceof ApiError ? (error.fieldErrors._ ?? []) : [];
  const labels = Object.keys(problemFields).sort((a, b) => b.length - a.length);
  const byField = new Map<string, string[]>();
  const rest: string[] = [];
  for (const p of problems) {
    const label = labels.find((l) => p.startsWith(l));
    if (label) byField.set(problemFields[label]!, [...(byField.get(problemFields[label]!) ?? []), p]);
    else rest.push(p);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors: [...(placed ? form.getFieldError(name) : []), ...errors] })));
  const first = form.getFieldsError().find((f) => f.errors.length > 0);
  if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
  if (rest.length) return rest;
  return placed || byField.size ? [] : [errorMessage(error)];
}
