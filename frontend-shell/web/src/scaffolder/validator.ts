import { OutputUnit, Schema, Validator } from '@cfworker/json-schema';
import {
  createErrorHandler,
  CustomValidator,
  ErrorSchema,
  ErrorTransformer,
  getDefaultFormState,
  RJSFSchema,
  RJSFValidationError,
  toErrorList,
  toErrorSchema,
  UiSchema,
  unwrapErrorHandler,
  ValidationData,
  validationDataMerge,
  ValidatorType,
} from '@rjsf/utils';

/*
 * react-jsonschema-form's validator, on @cfworker/json-schema instead of Ajv. Ajv compiles every
 * schema into JavaScript with `new Function`, which the shell's Content-Security-Policy
 * (`script-src 'self'`, no 'unsafe-eval') refuses, and templates' schemas arrive at run time, so
 * Ajv's precompiled validators (built ahead, per schema) cannot serve. @cfworker/json-schema
 * interprets the schema instead (draft 7 here, as the scaffolder validates on the server).
 */

/** Errors that only say a sub-schema failed: the sub-schema's own error says where and why. */
const WRAPPERS = new Set(['properties', 'items', 'allOf', '$ref', 'if', 'then', 'else', 'patternProperties', 'additionalItems', 'unevaluatedProperties', 'unevaluatedItems', 'contains']);

const validators = new WeakMap<object, Validator>();

function validatorOf(schema: RJSFSchema, rootSchema?: RJSFSchema): Validator {
  let validator = validators.get(schema);
  if (!validator) {
    // Sub-schemas rjsf checks on their own ('#/definitions/x' refs) still see the root's definitions.
    const withDefinitions = rootSchema && rootSchema !== schema ? { definitions: rootSchema.definitions, $defs: rootSchema.$defs, ...schema } : schema;
    validator = new Validator(withDefinitions as Schema, '7', false);
    validators.set(schema, validator);
  }
  return validator;
}

/** `#/a/0/b` → `.a.0.b`, rjsf's property path. */
function property(instanceLocation: string, child?: string): string {
  const parts = instanceLocation.replace(/^#\/?/, '').split('/').filter(Boolean).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  return parts.map((part) => `.${part}`).join('');
}

function toRjsfError(unit: OutputUnit): RJSFValidationError {
  const required = unit.keyword === 'required' ? /required property "(.*)"\.$/.exec(unit.error) : null;
  if (required) {
    const path = property(unit.instanceLocation, required[1]);
    return { name: 'required', property: path, message: 'is a required property', params: { missingProperty: required[1] }, stack: `${path} is a required property`, schemaPath: unit.keywordLocation };
  }
  const path = property(unit.instanceLocation);
  const message = unit.error.replace(/^Instance /, '').replace(/\.$/, '');
  return { name: unit.keyword, property: path, message, params: {}, stack: `${path || '.'} ${message}`.trim(), schemaPath: unit.keywordLocation };
}

function rawErrors(schema: RJSFSchema, formData: unknown, rootSchema?: RJSFSchema): OutputUnit[] {
  // An empty field is undefined in rjsf's form data; JSON has no undefined, so neither does validation.
  const data = formData === undefined ? {} : JSON.parse(JSON.stringify(formData));
  return validatorOf(schema, rootSchema).validate(data).errors;
}

export const validator: ValidatorType = {
  validateFormData(formData, schema, customValidate?: CustomValidator, transformErrors?: ErrorTransformer, uiSchema?: UiSchema): ValidationData<unknown> {
    let errors = rawErrors(schema, formData).filter((unit) => !WRAPPERS.has(unit.keyword)).map(toRjsfError);
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    const errorSchema = toErrorSchema(errors) as ErrorSchema;
    if (!customValidate) return { errors, errorSchema };
    const withDefaults = getDefaultFormState(validator, schema, formData, schema, true);
    const userErrors = unwrapErrorHandler(customValidate(withDefaults, createErrorHandler(withDefaults), uiSchema));
    return validationDataMerge({ errors, errorSchema }, userErrors);
  },
  toErrorList(errorSchema, fieldPath) {
    return toErrorList(errorSchema, fieldPath);
  },
  isValid(schema, formData, rootSchema) {
    try {
      return rawErrors(schema, formData, rootSchema).length === 0;
    } catch {
      return false;
    }
  },
  rawValidation<Result>(schema: RJSFSchema, formData?: unknown) {
    try {
      return { errors: rawErrors(schema, formData) as Result[] };
    } catch (error) {
      return { validationError: error as Error };
    }
  },
};
