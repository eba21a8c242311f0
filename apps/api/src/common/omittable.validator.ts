import { ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * A field a PATCH may leave out, but not set to null: unlike @IsOptional(), null is checked by the
 * field's other rules and answered 400 naming the field (the column cannot be empty; sending null
 * used to reach the database and answer 500). For a field whose null means "clear it", keep
 * @IsOptional().
 */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined, options);
}
