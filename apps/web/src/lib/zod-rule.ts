import type { Rule } from 'antd/es/form';

interface SafeParser {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: { message: string }[] } };
}

/**
 * An antd Form rule from a shared zod schema, so the form and the server say the same thing.
 * Empty values pass: pair it with a `required` rule, which words the "please fill in" message.
 */
export function zodRule(schema: SafeParser): Rule {
  return {
    validator: (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return Promise.resolve();
      const r = schema.safeParse(value);
      if (r.success) return Promise.resolve();
      return Promise.reject(new Error(r.error.issues[0]?.message ?? '填写内容不正确'));
    },
  };
}
