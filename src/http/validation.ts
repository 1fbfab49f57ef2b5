import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
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

function compileValidator(schema: unknown, httpPart: string | undefined): ValidateFunction {
  return (httpPart === 'body' ? exact : lenient).compile(withTextRule(schema) as object);
}

const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  compileValidator(schema, httpPart);

/** A validator that compiles its schema on its first call; Fastify reads `errors` after a false. */
const lazyValidatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  let validate: ValidateFunction | undefined;
  const lazy = (data: unknown): boolean => {
    validate ??= compileValidator(schema, httpPart);
    const valid = validate(data);
    lazy.errors = validate.errors;
    return valid;
  };
  lazy.errors = undefined as ValidateFunction['errors'];
  return lazy;
};

/**
 * The schemas of `external` (by `$id`) that `schema` refers to, directly or through one another:
 * fast-json-stringify checks every schema it is given on every compile, which made compiling a
 * route cost as much as all the shared schemas together. All of them when a reference is not to
 * one of them by its `$id`.
 */
function referencedSchemas(schema: unknown, external: Record<string, unknown>): Record<string, unknown> {
  const referenced: Record<string, unknown> = {};
  const visit = (node: unknown): boolean => {
    if (node === null || typeof node !== 'object') return true;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        const id = value.split('#')[0] ?? '';
        if (id === '' || id in referenced) continue;
        if (!Object.hasOwn(external, id)) return false;
        referenced[id] = external[id];
        if (!visit(external[id])) return false;
      } else if (!visit(value)) return false;
    }
    return true;
  };
  return visit(schema) ? referenced : external;
}

type SerializerFactory = ReturnType<typeof SerializerSelector>;
type Serializer = ReturnType<ReturnType<SerializerFactory>>;

/**
 * Fastify's serializer (fast-json-stringify over the schemas added to the app), one compiler per
 * route: Fastify's own shares its options between routes and edits them when a response schema
 * carries an `$id`, which would make what a route's serializer sees depend on the order the
 * routes were compiled in.
 */
const serializerFactory =
  (lazy: boolean): SerializerFactory =>
  (externalSchemas, options) =>
  (route) => {
    const compile = (): Serializer =>
      SerializerSelector()(
        referencedSchemas(route.schema, externalSchemas as Record<string, unknown>),
        options,
      )(route);
    if (!lazy) return compile();
    let serialize: Serializer | undefined;
    return (doc) => (serialize ??= compile())(doc);
  };

/**
 * The compilers of every route's validators (ajv, as above) and response serializers
 * (fast-json-stringify). Lazily (the default), each compiles on its route's first use of it
 * rather than all at start, which was most of the start-up time and of the idle memory; the
 * answers are the same. `lazy: false` compiles them all at ready(), failing there on a schema
 * that does not compile.
 */
export function schemaCompilers(options: { lazy: boolean }): {
  buildValidator: () => FastifySchemaCompiler<object>;
  buildSerializer: SerializerFactory;
} {
  const compiler = options.lazy ? lazyValidatorCompiler : validatorCompiler;
  return { buildValidator: () => compiler, buildSerializer: serializerFactory(options.lazy) };
}

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
          rule: e.keyword,
        };
      case 'required':
        return {
          pointer: `${pointer}/${String(params.missingProperty)}`,
          detail: `missing required field "${String(params.missingProperty)}"`,
          rule: e.keyword,
        };
      case 'minProperties':
        return { pointer: pointer || '/', detail: 'must name at least one field to change', rule: e.keyword };
      case 'pattern':
        if (params.pattern === TEXT_PATTERN)
          return {
            pointer: pointer || '/',
            detail: 'must not hold a NUL character or a lone surrogate',
            rule: e.keyword,
          };
        return { pointer: pointer || '/', detail: e.message ?? e.keyword, rule: e.keyword };
      default:
        return { pointer: pointer || '/', detail: e.message ?? e.keyword, rule: e.keyword };
    }
  });
}
