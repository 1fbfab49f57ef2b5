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

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const validate: ValidateFunction = (httpPart === 'body' ? exact : lenient).compile(schema);
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
      default:
        return { pointer: pointer || '/', detail: e.message ?? e.keyword };
    }
  });
}
