import { useEffect, useMemo, useState } from 'react';
import { Form, Input } from 'antd';
import type { Rule } from 'antd/es/form';
import {
  PASSWORD_MAX,
  PASSWORD_MIN,
  passwordMessages,
  structuralPasswordProblems,
  type PasswordProblem,
} from '@benxi/shared';
import { fullPasswordProblems, loadPasswordStrength } from '../api/password-strength';

const STRUCTURAL: PasswordProblem[] = ['LENGTH', 'LOWER', 'UPPER', 'DIGIT', 'SPECIAL', 'CONTAINS_PHONE'];
const DICTIONARY: PasswordProblem[] = ['COMMON', 'WEAK'];

interface Props {
  /** Form field name: `password` (register) or `newPassword` (reset / change). */
  name: string;
  label: string;
  /** Field of the same form holding the phone number, for the "不能包含手机号码" rule. */
  phoneField?: string;
  /** The phone number itself, when the form has no phone field (change password). */
  phone?: string;
  confirmLabel?: string;
}

/**
 * New password + 确认密码 with the whole policy of SPEC §2 checked while typing: the structural
 * rules at once, the common-password / weak-password rules as soon as the dictionaries arrive.
 * Every broken rule is listed under the field.
 */
export function NewPasswordFields({ name, label, phoneField, phone, confirmLabel = '确认密码' }: Props) {
  const form = Form.useFormInstance();
  const [dictReady, setDictReady] = useState(false);

  useEffect(() => {
    let alive = true;
    loadPasswordStrength()
      .then(() => {
        if (!alive) return;
        setDictReady(true);
        // Re-check what was typed while the dictionaries were loading.
        if (form.isFieldTouched(name)) void form.validateFields([name]).catch(() => undefined);
      })
      .catch(() => undefined); // the server checks the full policy anyway
    return () => {
      alive = false;
    };
  }, [form, name]);

  const rules = useMemo<Rule[]>(() => {
    const phoneOf = (getFieldValue: (n: string) => unknown) =>
      phone ?? (phoneField ? String(getFieldValue(phoneField) ?? '') : undefined);
    return [
      { required: true, message: `请输入${label}` },
      ...STRUCTURAL.map<Rule>((problem) => ({ getFieldValue }) => ({
        validator: (_: unknown, value: unknown) => {
          const pw = typeof value === 'string' ? value : '';
          if (!pw) return Promise.resolve();
          return structuralPasswordProblems(pw, phoneOf(getFieldValue)).includes(problem)
            ? Promise.reject(new Error(passwordMessages[problem]))
            : Promise.resolve();
        },
      })),
      ...DICTIONARY.map<Rule>((problem) => ({ getFieldValue }) => ({
        validator: (_: unknown, value: unknown) => {
          const pw = typeof value === 'string' ? value : '';
          if (!pw) return Promise.resolve();
          const problems = fullPasswordProblems(pw, phoneOf(getFieldValue));
          return problems?.includes(problem)
            ? Promise.reject(new Error(passwordMessages[problem]))
            : Promise.resolve();
        },
      })),
    ];
  }, [label, phone, phoneField]);

  return (
    <>
      <Form.Item
        name={name}
        label={label}
        rules={rules}
        dependencies={phoneField ? [phoneField] : undefined}
        extra={
          <span style={{ fontSize: 12 }}>
            {PASSWORD_MIN}–{PASSWORD_MAX} 位，须同时包含大写字母、小写字母、数字和特殊符号，不能包含手机号码，不能使用常见密码
            {dictReady ? '' : '（正在加载常见密码库…）'}
          </span>
        }
      >
        <Input.Password size="large" placeholder={`请输入${label}`} autoComplete="new-password" maxLength={PASSWORD_MAX * 2} />
      </Form.Item>
      <Form.Item
        name={`${name}Confirm`}
        label={confirmLabel}
        dependencies={[name]}
        rules={[
          { required: true, message: `请再次输入${label}` },
          ({ getFieldValue }) => ({
            validator: (_: unknown, value: unknown) =>
              !value || value === getFieldValue(name)
                ? Promise.resolve()
                : Promise.reject(new Error('两次输入的密码不一致')),
          }),
        ]}
      >
        <Input.Password size="large" placeholder={`请再次输入${label}`} autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
