import { describe, expect, it } from 'vitest';
import { PHONE_MESSAGE, PHONE_RE, isMobilePhone, maskPhone } from './phone';

describe('isMobilePhone', () => {
  it.each(['13800138000', '14512345678', '15012345678', '16612345678', '17712345678', '18888888888', '19912345678'])(
    'accepts %s',
    (p) => {
      expect(isMobilePhone(p)).toBe(true);
      expect(PHONE_RE.test(p)).toBe(true);
    },
  );

  it.each(['10012345678', '11012345678', '12012345678'])('rejects the unassigned prefix of %s', (p) => {
    expect(isMobilePhone(p)).toBe(false);
  });

  it('rejects a number that does not start with 1', () => {
    expect(isMobilePhone('23800138000')).toBe(false);
    expect(isMobilePhone('03800138000')).toBe(false);
  });

  it('rejects a wrong length', () => {
    expect(isMobilePhone('')).toBe(false);
    expect(isMobilePhone('1380013800')).toBe(false); // 10
    expect(isMobilePhone('138001380001')).toBe(false); // 12
  });

  it('rejects prefixes, separators, spaces, letters and full-width digits', () => {
    for (const p of [
      '+8613800138000',
      '8613800138000',
      '138-0013-8000',
      '138 0013 8000',
      ' 13800138000',
      '13800138000 ',
      '13800138000\n',
      '1380013800O',
      '１３８００１３８０００',
      '0411-82345678',
    ]) {
      expect(isMobilePhone(p), JSON.stringify(p)).toBe(false);
    }
  });

  it('has a Chinese message', () => {
    expect(PHONE_MESSAGE).toContain('手机号码');
  });
});

describe('maskPhone', () => {
  it('keeps the first three and last four digits', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('19912345678')).toBe('199****5678');
  });

  it('leaves a string that is not 11 characters alone', () => {
    expect(maskPhone('')).toBe('');
    expect(maskPhone('admin')).toBe('admin');
  });
});
