import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createSerializerCompiler } from './serializer';

const route = (schema: z.ZodType) => ({ schema, method: 'GET', url: '/x', httpStatus: '200' }) as never;
const zMe = z.object({
  id: z.string(),
  name: z.string().nullable(),
  role: z.enum(['enterprise', 'hrss']),
  org: z.object({ id: z.string(), certified: z.boolean() }),
  items: z.array(z.object({ amount: z.string(), n: z.number().int() })),
  details: z.unknown().optional(),
});
const value = {
  id: 'u1',
  name: null,
  role: 'hrss',
  org: { id: 'o1', certified: true, secret: 'x' },
  items: [{ amount: '12.50', n: 3, internal: 1 }],
  passwordHash: '$argon2id$…',
};

describe('response serialiser', () => {
  for (const validate of [true, false]) {
    it(`writes only what the schema declares, as zod did (validate: ${validate})`, () => {
      const out = createSerializerCompiler({ validate })(route(zMe))(value);
      expect(JSON.parse(out as string)).toEqual({ id: 'u1', name: null, role: 'hrss', org: { id: 'o1', certified: true }, items: [{ amount: '12.50', n: 3 }] });
      expect(out).not.toContain('argon2');
      expect(out).not.toContain('secret');
    });
  }

  it('refuses a response of the wrong shape while validating (development and tests)', () => {
    const serialize = createSerializerCompiler({ validate: true })(route(zMe));
    expect(() => serialize({ ...value, role: 'admin' })).toThrow();
    expect(() => serialize({ ...value, id: undefined })).toThrow();
  });

  it('keeps zod for a schema JSON Schema cannot express', () => {
    const serialize = createSerializerCompiler({ validate: false })(route(z.object({ at: z.date() })));
    expect(serialize({ at: new Date('2026-03-02T02:00:00Z') })).toBe('{"at":"2026-03-02T02:00:00.000Z"}');
  });
});
