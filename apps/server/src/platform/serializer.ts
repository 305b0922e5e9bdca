import fastJson from 'fast-json-stringify';
import { z } from 'zod';
import { serializerCompiler as zodSerializer } from 'fastify-type-provider-zod';
import type { FastifySerializerCompiler } from 'fastify/types/schema';

type Route = Parameters<typeof zodSerializer>[0];

/**
 * Response serialisation. Each route's zod response schema is turned into JSON Schema once and
 * compiled with fast-json-stringify (Fastify's own serialiser): it writes only the declared
 * properties, as zod's strip did. zod's check of every response plus JSON.stringify was ~12% of the
 * CPU of `GET /api/me` (docs/PERFORMANCE.md). With `validate` (development and every test) each
 * response is still checked against its zod schema first, so a handler that returns the wrong shape
 * fails its tests with "response did not match its schema"; production only serialises.
 * A schema JSON Schema cannot express stays on zod's serialiser.
 */
export function createSerializerCompiler(opts: { validate: boolean }): FastifySerializerCompiler<z.ZodType> {
  return (route) => {
    const zodSerialize = zodSerializer(route as Route);
    let stringify: (data: unknown) => string;
    try {
      const json = z.toJSONSchema(route.schema as z.ZodType, { io: 'input', target: 'draft-7', unrepresentable: 'throw' });
      stringify = fastJson(json as Parameters<typeof fastJson>[0]);
    } catch {
      return zodSerialize;
    }
    if (!opts.validate) return stringify;
    return (data) => {
      zodSerialize(data); // throws ResponseSerializationError on a mismatch
      return stringify(data);
    };
  };
}
