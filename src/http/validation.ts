import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { FieldIssue } from '../core/errors.js';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

function newAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    // Unknown fields are refused (additionalProperties: false), never silently dropped.
    removeAdditional: false,
    useDefaults: false,
    coerceTypes: coerceTypes ? 'array' : false,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

// Query strings, path parameters and headers are text: numbers and booleans there are coerced.
// Bodies are JSON: a string where a boolean belongs is an error, not a guess.
const lenient = newAjv(true);
const exact = newAjv(false);

/**
 * Text no string of a request may hold: NUL (PostgreSQL cannot store it, and no identifier or
 * name needs it) and lone UTF-16 surrogates (not Unicode: stored, they would come back altered).
 */
export const TEXT_PATTERN = '^[^\\u0000\\uD800-\\uDFFF]*$';

/** The schema with the text rule on every string it declares, however deep. */
function withTextRule(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withTextRule);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    // Enumerations and examples are values, not schemas.
    copy[key] =
      key === 'enum' || key === 'const' || key === 'examples' || key === 'default'
        ? value
        : withTextRule(value);
  }
  const type = copy.type;
  if (type === 'string' || (Array.isArray(type) && type.includes('string'))) {
    copy.allOf = [...((copy.allOf as unknown[] | undefined) ?? []), { pattern: TEXT_PATTERN }];
  }
  return copy;
}

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const validate: ValidateFunction = (httpPart === 'body' ? exact : lenient).compile(
    withTextRule(schema) as object,
  );
  return validate;
};

/** Turns ajv's errors into field issues that say what is wrong, in words. */
export function fieldIssues(errors: readonly ErrorObject[], part: string): FieldIssue[] {
  const prefix = part === 'body' ? '' : `/${part}`;
  return errors.map((e) => {
    const pointer = `${prefix}${e.instancePath}`;
    const params = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'additionalProperties':
        return {
          pointer: `${pointer}/${String(params.additionalProperty)}`,
          detail: `unknown field "${String(params.additionalProperty)}"`,
        };
      case 'required':
        return {
          pointer: `${pointer}/${String(params.missingProperty)}`,
          detail: `missing required field "${String(params.missingProperty)}"`,
        };
      case 'minProperties':
        return { pointer: pointer || '/', detail: 'must name at least one field to change' };
      case 'pattern':
        if (params.pattern === TEXT_PATTERN)
          return { pointer: pointer || '/', detail: 'must not hold a NUL character or a lone surrogate' };
        return { pointer: pointer || '/', detail: e.message ?? e.keyword };
      default:
        return { pointer: pointer || '/', detail: e.message ?? e.keyword };
    }
  });
}
